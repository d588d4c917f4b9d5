package channelflow_test

import (
	"net/http"
	"testing"

	"parley"
	"parley/telegram/telegramtest"
)

// TestOrderAcrossRetries: a message written after one that waits for a retry
// reaches the provider after it, not before.
func TestOrderAcrossRetries(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		f := newTelegramFake(t)
		ch := e.createChannel(t, f)
		body, h := telegramtest.Delivery(telegramSecret, telegramtest.TextMessage("601", "Ada", "hi", "1"))
		if status, resp := e.hook(t, ch, "POST", body, h); status != http.StatusOK {
			t.Fatalf("webhook: %d %s", status, resp)
		}
		chat := e.chats(t)[0]
		waitFor(t, "the chat offered", func() bool { return e.chat(t, chat.ID).OfferedTo != 0 })
		e.call(t, "POST", "/api/v1/chats/"+itoa(chat.ID)+"/accept", nil, nil)
		f.failNext(3, false)
		first := e.send(t, chat.ID, "a", "first, after an outage")
		second := e.send(t, chat.ID, "b", "second")
		e.waitDelivery(t, chat.ID, first, parley.DeliverySent)
		e.waitDelivery(t, chat.ID, second, parley.DeliverySent)
		sent := f.sent()
		if len(sent) != 2 || sent[0] != "first, after an outage" || sent[1] != "second" {
			t.Fatalf("the provider got %q", sent)
		}
	})
}
