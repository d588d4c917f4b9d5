package channelflow_test

import (
	"net/http"
	"testing"
	"time"

	"parley"
	"parley/messenger/messengertest"
)

type messengerFake struct{ srv *messengertest.Server }

func newMessengerFake(t *testing.T) *messengerFake {
	f := &messengerFake{srv: messengertest.NewServer()}
	t.Cleanup(f.srv.Close)
	return f
}

func (f *messengerFake) channelType() parley.ChannelType { return parley.ChannelMessenger }
func (f *messengerFake) givesName() bool                 { return false } // Messenger sends no name with messages

func (f *messengerFake) config() (map[string]string, map[string]string) {
	return map[string]string{"base_url": f.srv.URL, "page_id": messengertest.PageID},
		map[string]string{"page_access_token": "EAAPage-token", "app_secret": metaAppSecret, "verify_token": "verify-me"}
}

func (f *messengerFake) text(id, user, _, text string) ([]byte, http.Header) {
	return messengertest.Delivery(metaAppSecret, messengertest.TextMessage(user, text, "m_"+id))
}

func (f *messengerFake) forged(body []byte) http.Header {
	_, h := messengertest.Delivery("another-secret", body)
	return h
}

// status: Messenger tells delivery by message id, and reading only by a
// time up to which the person read everything (here the flow's user 1001).
func (f *messengerFake) status(mid string, s parley.DeliveryStatus) ([]byte, http.Header, bool) {
	var payload []byte
	switch s {
	case parley.DeliveryDelivered:
		payload = messengertest.DeliveryReceipt("1001", mid)
	case parley.DeliveryRead:
		payload = messengertest.Read("1001", time.Now().Add(time.Minute))
	default:
		return nil, nil, false
	}
	body, h := messengertest.Delivery(metaAppSecret, payload)
	return body, h, true
}

func (f *messengerFake) sent() []string {
	var out []string
	for _, m := range f.srv.Sent() {
		out = append(out, m.Text)
	}
	return out
}

func (f *messengerFake) failNext(n int, permanent bool) {
	if permanent {
		f.srv.FailNext(n, http.StatusBadRequest, messengertest.ErrorBody(100, 0, "Invalid parameter"))
		return
	}
	f.srv.FailNext(n, http.StatusInternalServerError, messengertest.ErrorBody(1200, 0, "Temporary send message failure"))
}

func TestMessengerChat(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) { runFlow(t, e, newMessengerFake(t)) })
}

// TestMessengerWindow: the person's name comes from the profile API after
// their first message; past 24 hours an answer goes with the HUMAN_AGENT tag,
// and past 7 days none is taken (R2.21).
func TestMessengerWindow(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		f := newMessengerFake(t)
		f.srv.SetName("3003", "Maria", "Lopez")
		ch := e.createChannel(t, f)
		body, h := f.text("1", "3003", "", "Is the shop open?")
		if status, resp := e.hook(t, ch, "POST", body, h); status != http.StatusOK {
			t.Fatalf("webhook: %d %s", status, resp)
		}
		chat := e.chats(t)[0]
		waitFor(t, "the chat named after the profile", func() bool { return e.chat(t, chat.ID).Name == "Maria Lopez" })
		waitFor(t, "the chat offered", func() bool { return e.chat(t, chat.ID).OfferedTo != 0 })
		e.call(t, "POST", "/api/v1/chats/"+itoa(chat.ID)+"/accept", nil, nil)
		e.clock.moveAhead(30 * time.Hour)
		id := e.send(t, chat.ID, "late", "Sorry for the wait: yes, until 8 pm.")
		e.waitDelivery(t, chat.ID, id, parley.DeliverySent)
		sent := f.srv.Sent()
		if last := sent[len(sent)-1]; last.MessagingType != "MESSAGE_TAG" || last.Tag != "HUMAN_AGENT" {
			t.Fatalf("an answer after 30 hours went as %q %q", last.MessagingType, last.Tag)
		}
		e.clock.moveAhead(8 * 24 * time.Hour)
		if status, resp := e.try(t, "POST", "/api/v1/chats/"+itoa(chat.ID)+"/messages",
			map[string]any{"client_id": "too-late", "text": "Hello?"}, nil); status != http.StatusConflict {
			t.Fatalf("an answer after 8 days: %d %s", status, resp)
		}
	})
}
