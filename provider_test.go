package parley

import (
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"
)

// TestDeliveryStatusAdvances checks the order statuses are kept in: a late or
// repeated webhook never moves a message back.
func TestDeliveryStatusAdvances(t *testing.T) {
	cases := []struct {
		from, to DeliveryStatus
		want     bool
	}{
		{"", DeliveryQueued, true},
		{DeliveryQueued, DeliverySent, true},
		{DeliverySent, DeliveryDelivered, true},
		{DeliveryDelivered, DeliveryRead, true},
		{DeliveryRead, DeliveryDelivered, false},
		{DeliveryRead, DeliverySent, false},
		{DeliveryDelivered, DeliverySent, false},
		{DeliverySent, DeliverySent, false},
		{DeliverySent, DeliveryFailed, true}, // a window error after the send succeeded
		{DeliveryFailed, DeliverySent, false},
		{DeliveryDelivered, DeliveryFailed, false},
		{DeliveryFailed, DeliveryRead, true},
		{DeliveryQueued, "bogus", false},
	}
	for _, c := range cases {
		if got := c.from.Advances(c.to); got != c.want {
			t.Errorf("%q → %q: %v, want %v", c.from, c.to, got, c.want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	for in, want := range map[string]time.Duration{"": 0, "7": 7 * time.Second, "-3": 0, "Wed, 21 Oct 2026 07:28:00 GMT": 0} {
		h := http.Header{}
		if in != "" {
			h.Set("Retry-After", in)
		}
		if got := RetryAfter(h); got != want {
			t.Errorf("Retry-After %q: %v, want %v", in, got, want)
		}
	}
}

func TestNetReasonHidesTheURL(t *testing.T) {
	err := &url.Error{Op: "Post", URL: "https://api.example/bot123:SECRET/sendMessage", Err: errors.New("connection refused")}
	if got := NetReason(err); got != "connection refused" {
		t.Errorf("NetReason = %q", got)
	}
}
