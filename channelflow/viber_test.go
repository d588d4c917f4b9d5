package channelflow_test

import (
	"net/http"
	"testing"

	"parley"
	"parley/viber/vibertest"
)

const viberToken = "445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9"

type viberFake struct{ srv *vibertest.Server }

func newViberFake(t *testing.T) *viberFake {
	f := &viberFake{srv: vibertest.NewServer()}
	t.Cleanup(f.srv.Close)
	return f
}

func (f *viberFake) channelType() parley.ChannelType { return parley.ChannelViber }
func (f *viberFake) givesName() bool                 { return true }

func (f *viberFake) config() (map[string]string, map[string]string) {
	return map[string]string{"base_url": f.srv.URL, "sender_name": "Shop"}, map[string]string{"auth_token": viberToken}
}

func (f *viberFake) text(id, user, name, text string) ([]byte, http.Header) {
	return vibertest.Delivery(viberToken, vibertest.TextMessage("u"+user+"A=", name, text, "49126618466552381"+id))
}

func (f *viberFake) forged(body []byte) http.Header {
	_, h := vibertest.Delivery("not-the-token", body)
	return h
}

func (f *viberFake) status(token string, s parley.DeliveryStatus) ([]byte, http.Header, bool) {
	event := map[parley.DeliveryStatus]string{parley.DeliveryDelivered: "delivered", parley.DeliveryRead: "seen"}[s]
	if event == "" {
		return nil, nil, false // Viber reports no "sent"
	}
	body, h := vibertest.Delivery(viberToken, vibertest.Status(token, event))
	return body, h, true
}

func (f *viberFake) sent() []string {
	var out []string
	for _, m := range f.srv.Sent() {
		out = append(out, m.Text)
	}
	return out
}

func (f *viberFake) failNext(n int, permanent bool) {
	if permanent {
		f.srv.FailNext(n, http.StatusOK, vibertest.StatusBody(3, "badData"))
		return
	}
	f.srv.FailNext(n, http.StatusOK, vibertest.StatusBody(12, "tooManyRequests"))
}

func TestViberChat(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) { runFlow(t, e, newViberFake(t)) })
}

// TestViberUnsubscribe: a user who unsubscribed cannot be written to until
// they subscribe again (R2.21: Viber only to subscribed users).
func TestViberUnsubscribe(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		f := newViberFake(t)
		ch := e.createChannel(t, f)
		deliver := func(payload []byte) {
			t.Helper()
			body, h := vibertest.Delivery(viberToken, payload)
			if status, resp := e.hook(t, ch, "POST", body, h); status != http.StatusOK {
				t.Fatalf("webhook: %d %s", status, resp)
			}
		}
		deliver(vibertest.TextMessage("u7A=", "Pavel", "Hi", "4912661846655238101"))
		chat := e.chats(t)[0]
		waitFor(t, "the chat offered", func() bool { return e.chat(t, chat.ID).OfferedTo != 0 })
		e.call(t, "POST", "/api/v1/chats/"+itoa(chat.ID)+"/accept", nil, nil)
		deliver(vibertest.Unsubscribed("u7A="))
		if status, body := e.try(t, "POST", "/api/v1/chats/"+itoa(chat.ID)+"/messages",
			map[string]any{"client_id": "c-1", "text": "Still there?"}, nil); status != http.StatusConflict {
			t.Fatalf("writing to an unsubscribed user: %d %s", status, body)
		}
		deliver(vibertest.Subscribed("u7A=", "Pavel"))
		id := e.send(t, chat.ID, "c-2", "Welcome back")
		e.waitDelivery(t, chat.ID, id, parley.DeliverySent)
	})
}
