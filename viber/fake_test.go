package viber_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"parley"
	"parley/viber"
	"parley/viber/vibertest"
)

// The fake server and its builders must agree with the adapter, since other
// packages' end-to-end tests rely on both.

func fakeChannel(s *vibertest.Server) parley.Channel {
	return parley.Channel{
		Type:     parley.ChannelViber,
		Settings: map[string]string{"base_url": s.URL, "sender_name": "Acme"},
		Secrets:  map[string]string{"auth_token": "tok"},
	}
}

func TestFakeRoundTrip(t *testing.T) {
	s := vibertest.NewServer()
	defer s.Close()
	ch, p, ctx := fakeChannel(s), viber.New(nil), context.Background()

	res, err := p.Send(ctx, ch, parley.Outbound{MessageID: 3, To: "01234567890A=", Text: "hi"})
	if err != nil {
		t.Fatal(err)
	}
	sent := s.Sent()
	if len(sent) != 1 || sent[0].Text != "hi" || sent[0].To != "01234567890A=" || sent[0].Token != res.ExternalID ||
		sent[0].AuthToken != "tok" || sent[0].SenderName != "Acme" || sent[0].TrackingData != "parley-3" {
		t.Fatalf("sent %+v, result %+v", sent, res)
	}
	if res.ExternalID != "5741311803571721088" {
		t.Errorf("token %q lost its digits", res.ExternalID)
	}

	s.FailNext(1, http.StatusOK, vibertest.StatusBody(6, "receiverNotSubscribed"))
	_, err = p.Send(ctx, ch, parley.Outbound{To: "01234567890A=", Text: "again"})
	var de *parley.DeliveryError
	if !errors.As(err, &de) || !de.Unreachable {
		t.Errorf("after FailNext: err = %v, want unreachable", err)
	}
	s.FailNext(1, http.StatusServiceUnavailable, "")
	if _, err = p.Send(ctx, ch, parley.Outbound{To: "01234567890A=", Text: "again"}); !errors.As(err, &de) || !de.Temporary {
		t.Errorf("after FailNext 503: err = %v, want temporary", err)
	}
	if _, err := p.Send(ctx, ch, parley.Outbound{To: "01234567890A=", Text: "again"}); err != nil {
		t.Errorf("FailNext(1) failed more than once: %v", err)
	}

	if err := p.Connect(ctx, ch, "https://parley.example/hooks/k"); err != nil || s.Webhook().URL != "https://parley.example/hooks/k" || !s.Webhook().SendName {
		t.Errorf("connect: %v, webhook %+v", err, s.Webhook())
	}

	s.AddMedia("img1", "image/jpeg", []byte("JPEG"))
	rc, err := p.Fetch(ctx, ch, parley.MediaRef{URL: s.MediaURL("img1")})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(rc)
	rc.Close()
	if string(data) != "JPEG" || s.Hits("/media/img1") != 1 {
		t.Errorf("fetched %q, hits %d", data, s.Hits("/media/img1"))
	}
}

func TestFakeBuilders(t *testing.T) {
	s := vibertest.NewServer()
	defer s.Close()
	ch, p, ctx := fakeChannel(s), viber.New(nil), context.Background()
	deliver := func(payload []byte) parley.WebhookResult {
		t.Helper()
		body, h := vibertest.Delivery("tok", payload)
		res, err := p.Webhook(ctx, ch, parley.WebhookRequest{Method: http.MethodPost, Header: h, Body: body})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := deliver(vibertest.TextMessage("u1=", "Ann", "hello", "4912661846655238145"))
	if len(res.Inbound) != 1 || res.Inbound[0].Text != "hello" || res.Inbound[0].ExternalID != "4912661846655238145" ||
		res.Inbound[0].Sender.Name != "Ann" {
		t.Errorf("text: %+v", res.Inbound)
	}
	res = deliver(vibertest.ImageMessage("u1=", "Ann", s.MediaURL("m"), "look", "4912661846655238146"))
	if len(res.Inbound) != 1 || len(res.Inbound[0].Media) != 1 || res.Inbound[0].Media[0].URL != s.MediaURL("m") || res.Inbound[0].Text != "look" {
		t.Errorf("image: %+v", res.Inbound)
	}
	for event, want := range map[string]parley.DeliveryStatus{"delivered": parley.DeliveryDelivered, "seen": parley.DeliveryRead, "failed": parley.DeliveryFailed} {
		res = deliver(vibertest.Status("5741311803571721088", event))
		if len(res.Statuses) != 1 || res.Statuses[0].Status != want || res.Statuses[0].ExternalID != "5741311803571721088" {
			t.Errorf("%s: %+v", event, res.Statuses)
		}
	}
	res = deliver(vibertest.Subscribed("u2=", "Bob"))
	if len(res.Reachable) != 1 || !res.Reachable[0].Reachable || res.Reachable[0].Sender.Name != "Bob" {
		t.Errorf("subscribed: %+v", res.Reachable)
	}
	res = deliver(vibertest.Unsubscribed("u2="))
	if len(res.Reachable) != 1 || res.Reachable[0].Reachable || res.Reachable[0].ExternalID != "u2=" {
		t.Errorf("unsubscribed: %+v", res.Reachable)
	}
	body, h := vibertest.Delivery("other", vibertest.TextMessage("u1=", "Ann", "x", "1"))
	if _, err := p.Webhook(ctx, ch, parley.WebhookRequest{Method: http.MethodPost, Header: h, Body: body}); !parley.IsCode(err, parley.CodeForbidden) {
		t.Errorf("wrongly signed: %v", err)
	}
}
