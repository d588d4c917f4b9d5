package parley

import "testing"

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
