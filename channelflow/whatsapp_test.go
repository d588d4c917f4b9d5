package channelflow_test

import (
	"net/http"
	"testing"
	"time"

	"parley"
	"parley/infobip/infobiptest"
	"parley/whatsapp/whatsapptest"
)

const metaAppSecret = "meta-app-secret-for-tests"

type whatsappFake struct{ srv *whatsapptest.Server }

func newWhatsAppFake(t *testing.T) *whatsappFake {
	f := &whatsappFake{srv: whatsapptest.NewServer()}
	t.Cleanup(f.srv.Close)
	return f
}

func (f *whatsappFake) channelType() parley.ChannelType { return parley.ChannelWhatsApp }
func (f *whatsappFake) givesName() bool                 { return true }

func (f *whatsappFake) config() (map[string]string, map[string]string) {
	return map[string]string{"base_url": f.srv.URL, "phone_number_id": whatsapptest.PhoneNumberID},
		map[string]string{"access_token": "EAAG-access-token", "app_secret": metaAppSecret, "verify_token": "verify-me"}
}

func (f *whatsappFake) text(id, user, name, text string) ([]byte, http.Header) {
	return whatsapptest.Delivery(metaAppSecret, whatsapptest.TextMessage("7900"+user, name, text, "wamid."+id))
}

func (f *whatsappFake) forged(body []byte) http.Header {
	_, h := whatsapptest.Delivery("another-secret", body)
	return h
}

func (f *whatsappFake) status(id string, s parley.DeliveryStatus) ([]byte, http.Header, bool) {
	body, h := whatsapptest.Delivery(metaAppSecret, whatsapptest.Status(id, string(s), 0))
	return body, h, true
}

func (f *whatsappFake) sent() []string {
	var out []string
	for _, m := range f.srv.Sent() {
		out = append(out, m.Text)
	}
	return out
}

func (f *whatsappFake) failNext(n int, permanent bool) {
	if permanent {
		f.srv.FailNext(n, http.StatusBadRequest, whatsapptest.ErrorBody(131026, "Message undeliverable"))
		return
	}
	f.srv.FailNext(n, http.StatusServiceUnavailable, whatsapptest.ErrorBody(131000, "Something went wrong"))
}

func TestWhatsAppChat(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) { runFlow(t, e, newWhatsAppFake(t)) })
}

const infobipSecret = "infobip-webhook-secret"

type infobipFake struct{ srv *infobiptest.Server }

func newInfobipFake(t *testing.T) *infobipFake {
	f := &infobipFake{srv: infobiptest.NewServer()}
	t.Cleanup(f.srv.Close)
	return f
}

func (f *infobipFake) channelType() parley.ChannelType { return parley.ChannelInfobip }
func (f *infobipFake) givesName() bool                 { return true }

func (f *infobipFake) config() (map[string]string, map[string]string) {
	return map[string]string{"base_url": f.srv.URL, "sender": infobiptest.Sender},
		map[string]string{"api_key": "infobip-api-key", "webhook_secret": infobipSecret}
}

func (f *infobipFake) text(id, user, name, text string) ([]byte, http.Header) {
	return infobiptest.Delivery(infobipSecret, infobiptest.TextMessage("38591"+user, name, text, "ib-"+id))
}

func (f *infobipFake) forged(body []byte) http.Header {
	_, h := infobiptest.Delivery("wrong", body)
	return h
}

func (f *infobipFake) status(id string, s parley.DeliveryStatus) ([]byte, http.Header, bool) {
	payload := infobiptest.Seen(id)
	switch s {
	case parley.DeliveryDelivered:
		payload = infobiptest.Status(id, "DELIVERED", "Message delivered to handset")
	case parley.DeliverySent:
		payload = infobiptest.Status(id, "PENDING", "Message sent to next instance")
	}
	body, h := infobiptest.Delivery(infobipSecret, payload)
	return body, h, true
}

func (f *infobipFake) sent() []string {
	var out []string
	for _, m := range f.srv.Sent() {
		out = append(out, m.Text)
	}
	return out
}

func (f *infobipFake) failNext(n int, permanent bool) {
	if permanent {
		f.srv.FailNext(n, http.StatusBadRequest, `{"requestError":{"serviceException":{"messageId":"BAD_REQUEST","text":"Bad request: invalid destination"}}}`)
		return
	}
	f.srv.FailNext(n, http.StatusInternalServerError, `{"requestError":{"serviceException":{"messageId":"GENERAL_ERROR","text":"Something went wrong"}}}`)
}

func TestInfobipChat(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) { runFlow(t, e, newInfobipFake(t)) })
}

// TestWhatsAppWindow: after 24 hours free text is refused and a template goes
// out instead, filled with the agent's parameters (R2.21).
func TestWhatsAppWindow(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		f := newWhatsAppFake(t)
		ch := e.createChannel(t, f)
		e.call(t, "PATCH", "/api/v1/channels/"+itoa(ch.ID), map[string]any{"templates": []map[string]string{
			{"name": "order_update", "language": "en", "body": "Hello {{1}}, your order {{2}} has news."}}}, nil)
		body, h := f.text("1", "55", "Maria Lopez", "Where is my order?")
		if status, resp := e.hook(t, ch, "POST", body, h); status != http.StatusOK {
			t.Fatalf("webhook: %d %s", status, resp)
		}
		chat := e.chats(t)[0]
		waitFor(t, "the chat offered", func() bool { return e.chat(t, chat.ID).OfferedTo != 0 })
		e.call(t, "POST", "/api/v1/chats/"+itoa(chat.ID)+"/accept", nil, nil)
		e.clock.moveAhead(25 * time.Hour)
		var w struct {
			NeedsTemplate bool `json:"needs_template"`
			Templates     []parley.MessageTemplate
		}
		e.call(t, "GET", "/api/v1/chats/"+itoa(chat.ID)+"/window", nil, &w)
		if !w.NeedsTemplate || len(w.Templates) != 1 {
			t.Fatalf("window after 25 hours: %+v", w)
		}
		if status, resp := e.try(t, "POST", "/api/v1/chats/"+itoa(chat.ID)+"/messages",
			map[string]any{"client_id": "free", "text": "Any news?"}, nil); status != http.StatusConflict {
			t.Fatalf("free text after 24 hours: %d %s", status, resp)
		}
		var res struct{ Message parley.Message }
		e.call(t, "POST", "/api/v1/chats/"+itoa(chat.ID)+"/messages", map[string]any{"client_id": "tpl",
			"template": map[string]any{"name": "order_update", "language": "en", "params": []string{"Maria", "A-17"}}}, &res)
		if res.Message.Text != "Hello Maria, your order A-17 has news." {
			t.Fatalf("template message text %q", res.Message.Text)
		}
		e.waitDelivery(t, chat.ID, res.Message.ID, parley.DeliverySent)
		sent := f.srv.Sent()
		last := sent[len(sent)-1]
		if last.Type != "template" || last.Template == nil || last.Template.Name != "order_update" {
			t.Fatalf("the provider got %+v, not the template", last)
		}
	})
}

// TestMetaHandshake: the webhook answers Meta's subscription check with the
// challenge when the verify token matches, and 403 when it does not.
func TestMetaHandshake(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		for _, f := range []fake{newWhatsAppFake(t), newMessengerFake(t)} {
			ch := e.createChannel(t, f)
			get := func(token string) (int, string) {
				q := whatsapptest.Handshake(token, "1158201444")
				c := ch
				c.WebhookPath += "?" + q.Encode()
				return e.hook(t, c, "GET", nil, nil)
			}
			if status, body := get("verify-me"); status != http.StatusOK || body != "1158201444" {
				t.Fatalf("%s handshake: %d %q", ch.Type, status, body)
			}
			if status, _ := get("wrong"); status != http.StatusForbidden {
				t.Fatalf("%s handshake with a wrong token: %d", ch.Type, status)
			}
		}
	})
}
