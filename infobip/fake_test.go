package infobip_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"parley"
	"parley/infobip"
	"parley/infobip/infobiptest"
)

// The fake server and its builders must agree with the adapter, since other
// packages' end-to-end tests rely on both.

func fakeChannel(s *infobiptest.Server) parley.Channel {
	return parley.Channel{
		Type:     parley.ChannelInfobip,
		Settings: map[string]string{"base_url": s.URL, "sender": infobiptest.Sender},
		Secrets:  map[string]string{"api_key": "key", "webhook_secret": "shh"},
	}
}

func TestFakeRoundTrip(t *testing.T) {
	s := infobiptest.NewServer()
	defer s.Close()
	ch, p, ctx := fakeChannel(s), infobip.New(nil), context.Background()

	res, err := p.Send(ctx, ch, parley.Outbound{MessageID: 5, To: "385919998888", Text: "hi"})
	if err != nil {
		t.Fatal(err)
	}
	sent := s.Sent()
	if len(sent) != 1 || sent[0].Text != "hi" || sent[0].MessageID != "parley-5" || sent[0].ID != res.ExternalID ||
		sent[0].Authorization != "App key" || sent[0].From != infobiptest.Sender {
		t.Fatalf("sent %+v, result %+v", sent, res)
	}

	tpl := &parley.TemplateUse{Name: "welcome", Language: "en", Params: []string{"Frank"}}
	if _, err := p.Send(ctx, ch, parley.Outbound{MessageID: 6, To: "385919998888", Template: tpl}); err != nil {
		t.Fatal(err)
	}
	if got := s.Sent()[1].Template; got == nil || got.Name != "welcome" || len(got.Placeholders) != 1 {
		t.Errorf("template recorded as %+v", got)
	}

	s.FailNext(1, http.StatusServiceUnavailable, infobiptest.ErrorBody("GENERAL_ERROR", "down"))
	_, err = p.Send(ctx, ch, parley.Outbound{MessageID: 7, To: "385919998888", Text: "again"})
	var de *parley.DeliveryError
	if !errors.As(err, &de) || !de.Temporary {
		t.Errorf("after FailNext: err = %v, want temporary", err)
	}
	if _, err := p.Send(ctx, ch, parley.Outbound{MessageID: 7, To: "385919998888", Text: "again"}); err != nil {
		t.Errorf("FailNext(1) failed more than once: %v", err)
	}

	s.AddMedia("m1", "image/png", []byte("PNG"))
	rc, err := p.Fetch(ctx, ch, parley.MediaRef{URL: s.MediaURL("m1")})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(rc)
	rc.Close()
	if string(data) != "PNG" || s.Hits("/whatsapp/1/senders/"+infobiptest.Sender+"/media/m1") != 1 {
		t.Errorf("fetched %q", data)
	}
}

func TestFakeBuilders(t *testing.T) {
	s := infobiptest.NewServer()
	defer s.Close()
	ch, p, ctx := fakeChannel(s), infobip.New(nil), context.Background()
	deliver := func(payload []byte) parley.WebhookResult {
		t.Helper()
		body, h := infobiptest.Delivery("shh", payload)
		res, err := p.Webhook(ctx, ch, parley.WebhookRequest{Method: http.MethodPost, Header: h, Body: body})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := deliver(infobiptest.TextMessage("385919998888", "Frank", "hello", "wamid.A"))
	if len(res.Inbound) != 1 || res.Inbound[0].Text != "hello" || res.Inbound[0].Sender.Name != "Frank" || res.Inbound[0].ExternalID != "wamid.A" {
		t.Errorf("text: %+v", res.Inbound)
	}
	res = deliver(infobiptest.ImageMessage("385919998888", "Frank", s.MediaURL("m2"), "cap", "wamid.B"))
	if len(res.Inbound) != 1 || len(res.Inbound[0].Media) != 1 || res.Inbound[0].Media[0].URL != s.MediaURL("m2") || res.Inbound[0].Text != "cap" {
		t.Errorf("image: %+v", res.Inbound)
	}
	res = deliver(infobiptest.Status("parley-5", "UNDELIVERABLE", "Message sent not delivered"))
	if len(res.Statuses) != 1 || res.Statuses[0].Status != parley.DeliveryFailed || res.Statuses[0].Reason != "Message sent not delivered" {
		t.Errorf("status: %+v", res.Statuses)
	}
	res = deliver(infobiptest.Seen("parley-5"))
	if len(res.Statuses) != 1 || res.Statuses[0].Status != parley.DeliveryRead {
		t.Errorf("seen: %+v", res.Statuses)
	}
}
