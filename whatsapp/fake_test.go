package whatsapp_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"parley"
	"parley/whatsapp"
	"parley/whatsapp/whatsapptest"
)

// The fake server and its builders must agree with the adapter, since other
// packages' end-to-end tests rely on both.

func fakeChannel(s *whatsapptest.Server) parley.Channel {
	return parley.Channel{
		Type:     parley.ChannelWhatsApp,
		Settings: map[string]string{"base_url": s.URL, "phone_number_id": whatsapptest.PhoneNumberID},
		Secrets:  map[string]string{"access_token": "tok", "app_secret": "shh", "verify_token": "vt"},
	}
}

func TestFakeRoundTrip(t *testing.T) {
	s := whatsapptest.NewServer()
	defer s.Close()
	ch, p, ctx := fakeChannel(s), whatsapp.New(nil), context.Background()

	res, err := p.Send(ctx, ch, parley.Outbound{To: "16505551234", Text: "hi"})
	if err != nil {
		t.Fatal(err)
	}
	sent := s.Sent()
	if len(sent) != 1 || sent[0].Text != "hi" || sent[0].To != "16505551234" || sent[0].ID != res.ExternalID || sent[0].Authorization != "Bearer tok" {
		t.Fatalf("sent %+v, result %+v", sent, res)
	}

	tpl := &parley.TemplateUse{Name: "order_update", Language: "en", Params: []string{"A", "B"}}
	if _, err := p.Send(ctx, ch, parley.Outbound{To: "16505551234", Template: tpl}); err != nil {
		t.Fatal(err)
	}
	if got := s.Sent()[1].Template; got == nil || got.Name != "order_update" || len(got.Params) != 2 {
		t.Errorf("template recorded as %+v", got)
	}

	img := parley.OutboundFile{Name: "a.jpg", ContentType: "image/jpeg", Image: true,
		Open: func(context.Context) (io.ReadCloser, error) { return io.NopCloser(strings.NewReader("JPEG")), nil }}
	if _, err := p.Send(ctx, ch, parley.Outbound{To: "16505551234", Text: "look", Files: []parley.OutboundFile{img}}); err != nil {
		t.Fatal(err)
	}
	last := s.Sent()[2]
	if m, ok := s.Media(last.MediaID); last.Type != "image" || last.Caption != "look" || !ok || string(m.Data) != "JPEG" {
		t.Errorf("image recorded as %+v (media %v)", last, ok)
	}

	s.FailNext(1, http.StatusTooManyRequests, whatsapptest.ErrorBody(130429, "Rate limit hit"))
	_, err = p.Send(ctx, ch, parley.Outbound{To: "16505551234", Text: "again"})
	var de *parley.DeliveryError
	if !errors.As(err, &de) || !de.Temporary {
		t.Errorf("after FailNext: err = %v, want temporary", err)
	}
	if _, err := p.Send(ctx, ch, parley.Outbound{To: "16505551234", Text: "again"}); err != nil {
		t.Errorf("FailNext(1) failed more than once: %v", err)
	}

	s.AddMedia("555", "image/png", []byte("PNG"))
	rc, err := p.Fetch(ctx, ch, parley.MediaRef{ID: "555"})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(rc)
	rc.Close()
	if string(data) != "PNG" || s.Hits("/555") != 1 || s.Hits("/download/555") != 1 {
		t.Errorf("fetched %q, hits %d %d", data, s.Hits("/555"), s.Hits("/download/555"))
	}
}

func TestFakeBuilders(t *testing.T) {
	s := whatsapptest.NewServer()
	defer s.Close()
	ch, p, ctx := fakeChannel(s), whatsapp.New(nil), context.Background()
	deliver := func(payload []byte) parley.WebhookResult {
		t.Helper()
		body, h := whatsapptest.Delivery("shh", payload)
		res, err := p.Webhook(ctx, ch, parley.WebhookRequest{Method: http.MethodPost, Header: h, Body: body})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := deliver(whatsapptest.TextMessage("16505551234", "Sheena", "hello", "wamid.A"))
	if len(res.Inbound) != 1 || res.Inbound[0].Text != "hello" || res.Inbound[0].Sender.Name != "Sheena" || res.Inbound[0].ExternalID != "wamid.A" {
		t.Errorf("text: %+v", res.Inbound)
	}
	res = deliver(whatsapptest.ImageMessage("16505551234", "Sheena", "777", "cap", "wamid.B"))
	if len(res.Inbound) != 1 || len(res.Inbound[0].Media) != 1 || res.Inbound[0].Media[0].ID != "777" || res.Inbound[0].Text != "cap" {
		t.Errorf("image: %+v", res.Inbound)
	}
	res = deliver(whatsapptest.Status("wamid.C", "failed", 131047))
	if len(res.Statuses) != 1 || res.Statuses[0].Status != parley.DeliveryFailed || res.Statuses[0].Reason == "" {
		t.Errorf("status: %+v", res.Statuses)
	}
	hs, err := p.Webhook(ctx, ch, parley.WebhookRequest{Method: http.MethodGet, Query: whatsapptest.Handshake("vt", "99")})
	if err != nil || hs.Reply != "99" {
		t.Errorf("handshake: %+v, %v", hs, err)
	}
}
