package messenger_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/messenger"
	"parley/messenger/messengertest"
)

// The fake server and its builders must agree with the adapter, since other
// packages' end-to-end tests rely on both.

const psid = "1254477777772919"

func fakeChannel(s *messengertest.Server) parley.Channel {
	return parley.Channel{
		Type:     parley.ChannelMessenger,
		Settings: map[string]string{"base_url": s.URL, "page_id": messengertest.PageID},
		Secrets:  map[string]string{"page_access_token": "tok", "app_secret": "shh", "verify_token": "vt"},
	}
}

func TestFakeRoundTrip(t *testing.T) {
	s := messengertest.NewServer()
	defer s.Close()
	ch, p, ctx := fakeChannel(s), messenger.New(nil), context.Background()

	res, err := p.Send(ctx, ch, parley.Outbound{To: psid, Text: "hi", Tag: "HUMAN_AGENT"})
	if err != nil {
		t.Fatal(err)
	}
	sent := s.Sent()
	if len(sent) != 1 || sent[0].Text != "hi" || sent[0].To != psid || sent[0].ID != res.ExternalID ||
		sent[0].AccessToken != "tok" || sent[0].MessagingType != "MESSAGE_TAG" || sent[0].Tag != "HUMAN_AGENT" {
		t.Fatalf("sent %+v, result %+v", sent, res)
	}

	img := parley.OutboundFile{Name: "a.jpg", ContentType: "image/jpeg", Image: true,
		Open: func(context.Context) (io.ReadCloser, error) { return io.NopCloser(strings.NewReader("JPEG")), nil }}
	if _, err := p.Send(ctx, ch, parley.Outbound{To: psid, Files: []parley.OutboundFile{img}}); err != nil {
		t.Fatal(err)
	}
	last := s.Sent()[1]
	if m, ok := s.Upload(last.AttachmentID); last.AttachmentType != "image" || !ok || string(m.Data) != "JPEG" || m.Filename != "a.jpg" {
		t.Errorf("image recorded as %+v (upload %+v, %v)", last, m, ok)
	}

	s.FailNext(1, http.StatusBadRequest, messengertest.ErrorBody(551, 1545041, "This person isn't available right now."))
	_, err = p.Send(ctx, ch, parley.Outbound{To: psid, Text: "again"})
	var de *parley.DeliveryError
	if !errors.As(err, &de) || !de.Unreachable {
		t.Errorf("after FailNext: err = %v, want unreachable", err)
	}
	if _, err := p.Send(ctx, ch, parley.Outbound{To: psid, Text: "again"}); err != nil {
		t.Errorf("FailNext(1) failed more than once: %v", err)
	}

	s.AddMedia("p1", "image/png", []byte("PNG"))
	s.AddProfilePic(psid, "image/jpeg", []byte("FACE"))
	for _, c := range []struct {
		ref  parley.MediaRef
		want string
	}{{parley.MediaRef{URL: s.MediaURL("p1")}, "PNG"}, {parley.MediaRef{ID: "psid:" + psid, Kind: "avatar"}, "FACE"}} {
		rc, err := p.Fetch(ctx, ch, c.ref)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if string(data) != c.want {
			t.Errorf("fetched %q, want %q", data, c.want)
		}
	}
	if s.Hits("/"+psid) != 1 {
		t.Errorf("profile looked up %d times", s.Hits("/"+psid))
	}
}

func TestFakeBuilders(t *testing.T) {
	s := messengertest.NewServer()
	defer s.Close()
	ch, p, ctx := fakeChannel(s), messenger.New(nil), context.Background()
	deliver := func(payload []byte) parley.WebhookResult {
		t.Helper()
		body, h := messengertest.Delivery("shh", payload)
		res, err := p.Webhook(ctx, ch, parley.WebhookRequest{Method: http.MethodPost, Header: h, Body: body})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	in := func(res parley.WebhookResult) parley.Inbound {
		t.Helper()
		if len(res.Inbound) != 1 {
			t.Fatalf("inbound %+v", res.Inbound)
		}
		return res.Inbound[0]
	}
	if m := in(deliver(messengertest.TextMessage(psid, "hello", "m_1"))); m.Text != "hello" || m.ExternalID != "m_1" || m.Sender.ExternalID != psid {
		t.Errorf("text: %+v", m)
	}
	if m := in(deliver(messengertest.ImageMessage(psid, s.MediaURL("x"), "m_2"))); len(m.Media) != 1 || m.Media[0].URL != s.MediaURL("x") {
		t.Errorf("image: %+v", m)
	}
	if m := in(deliver(messengertest.Edit(psid, "m_1", "hello!"))); !m.Edit || m.Text != "hello!" || m.ExternalID != "m_1" {
		t.Errorf("edit: %+v", m)
	}
	if m := in(deliver(messengertest.Postback(psid, "Talk to us", "m_3"))); m.Text != "Talk to us" {
		t.Errorf("postback: %+v", m)
	}
	if res := deliver(messengertest.Echo(psid, "from the page", "m_4")); len(res.Inbound) != 0 {
		t.Errorf("echo recorded: %+v", res.Inbound)
	}
	res := deliver(messengertest.DeliveryReceipt(psid, "m_fake000001", "m_fake000002"))
	if len(res.Statuses) != 2 || res.Statuses[1].ExternalID != "m_fake000002" || res.Statuses[1].Status != parley.DeliveryDelivered {
		t.Errorf("delivery: %+v", res.Statuses)
	}
	at := time.UnixMilli(time.Now().UnixMilli()).UTC()
	res = deliver(messengertest.Read(psid, at))
	if len(res.Statuses) != 1 || res.Statuses[0].ExternalID != "watermark:"+psid || !res.Statuses[0].At.Equal(at) {
		t.Errorf("read: %+v", res.Statuses)
	}
	hs, err := p.Webhook(ctx, ch, parley.WebhookRequest{Method: http.MethodGet, Query: messengertest.Handshake("vt", "99")})
	if err != nil || hs.Reply != "99" {
		t.Errorf("handshake: %+v, %v", hs, err)
	}
}
