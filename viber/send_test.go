package viber

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"parley"
)

func TestSendText(t *testing.T) {
	rec, srv := newRecorder(t)
	res, err := New(nil).Send(context.Background(), testChannel(srv.URL), parley.Outbound{MessageID: 42, To: "01234567890A=", Text: "Hello world!"})
	if err != nil {
		t.Fatal(err)
	}
	if res.ExternalID != "5741311803571721087" {
		t.Errorf("external id %q: the token lost its digits", res.ExternalID)
	}
	reqs := rec.requests()
	if len(reqs) != 1 || reqs[0].Method != http.MethodPost || reqs[0].Path != "/send_message" || reqs[0].Auth != testToken {
		t.Fatalf("requests %+v", reqs)
	}
	jsonEqual(t, reqs[0].Body, `{"receiver":"01234567890A=","min_api_version":1,
		"sender":{"name":"Acme Support","avatar":"https://acme.example/bot.png"},
		"tracking_data":"parley-42","type":"text","text":"Hello world!"}`)
}

func TestSendLocationAndLongText(t *testing.T) {
	rec, srv := newRecorder(t)
	long := strings.Repeat("é", maxText) + " tail"
	out := parley.Outbound{MessageID: 7, To: "u", Text: long, Location: &parley.Location{Latitude: 37.7898, Longitude: -122.3942}}
	ch := testChannel(srv.URL)
	ch.Settings[settingSenderAvatar] = ""
	ch.Settings[settingSenderName] = "" // falls back to the channel's name
	if _, err := New(nil).Send(context.Background(), ch, out); err != nil {
		t.Fatal(err)
	}
	reqs := rec.requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want two text parts and a location", len(reqs))
	}
	jsonEqual(t, reqs[1].Body, `{"receiver":"u","min_api_version":1,"sender":{"name":"Support"},"tracking_data":"parley-7","type":"text","text":"tail"}`)
	jsonEqual(t, reqs[2].Body, `{"receiver":"u","min_api_version":1,"sender":{"name":"Support"},"tracking_data":"parley-7","type":"location","location":{"lat":37.7898,"lon":-122.3942}}`)
}

func TestSendRefusesBeforeSending(t *testing.T) {
	file := parley.OutboundFile{Name: "a.jpg", Image: true, Open: func(context.Context) (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader("x")), nil
	}}
	tests := []struct {
		name string
		out  parley.Outbound
		part string
	}{
		{"files", parley.Outbound{To: "u", Text: "see attached", Files: []parley.OutboundFile{file}}, "public URL"},
		{"nothing", parley.Outbound{To: "u", Text: "  "}, "nothing to send"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, srv := newRecorder(t)
			_, err := New(nil).Send(context.Background(), testChannel(srv.URL), tt.out)
			checkDelivery(t, err, parley.DeliveryError{}, tt.part)
			if n := len(rec.requests()); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}

func TestSendErrors(t *testing.T) {
	tests := []struct {
		name   string
		answer func(http.ResponseWriter)
		want   parley.DeliveryError
		part   string
	}{
		{"not registered", status(5, "receiverNotRegistered"), parley.DeliveryError{Unreachable: true}, "receiverNotRegistered"},
		{"not subscribed", status(6, "receiverNotSubscribed"), parley.DeliveryError{Unreachable: true}, "receiverNotSubscribed"},
		{"too many requests", status(12, "Too many requests"), parley.DeliveryError{Temporary: true}, "Too many requests"},
		{"bad auth token", status(2, "invalidAuthToken"), parley.DeliveryError{}, "invalidAuthToken (status 2)"},
		{"bad data", status(3, "badData"), parley.DeliveryError{}, "badData"},
		{"server error", httpStatus(502, "", "<html>"), parley.DeliveryError{Temporary: true}, "HTTP 502"},
		{"429 with Retry-After", httpStatus(429, "9", ""), parley.DeliveryError{Temporary: true, RetryAfter: 9 * time.Second}, "HTTP 429"},
		{"unreadable 200", httpStatus(200, "", "<html>"), parley.DeliveryError{}, "cannot be read"},
		{"ok without token", func(w http.ResponseWriter) { io.WriteString(w, `{"status":0,"status_message":"ok"}`) }, parley.DeliveryError{}, "no message_token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, srv := newRecorder(t, tt.answer)
			_, err := New(nil).Send(context.Background(), testChannel(srv.URL), parley.Outbound{To: "u", Text: "hi"})
			checkDelivery(t, err, tt.want, tt.part)
		})
	}
}

func TestSendNetworkError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	_, err := New(nil).Send(context.Background(), testChannel(srv.URL), parley.Outbound{To: "u", Text: "hi"})
	checkDelivery(t, err, parley.DeliveryError{Temporary: true}, "unreachable")
}
