package channelflow_test

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"parley"
	"parley/telegram/telegramtest"
)

// TestSlowProviderHoldsOnlyItsChats: while one bot's API hangs, another
// bot's answers still leave.
func TestSlowProviderHoldsOnlyItsChats(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		release := make(chan struct{})
		var calls atomic.Int32
		hanging := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			select {
			case <-release:
			case <-r.Context().Done():
			}
			http.Error(w, "gone", http.StatusBadGateway)
		}))
		t.Cleanup(hanging.Close)
		t.Cleanup(func() { close(release) })
		slow, fast := newTelegramFake(t), newTelegramFake(t)
		slowCh, fastCh := e.createChannel(t, slow), e.createChannel(t, fast)
		e.call(t, "PATCH", "/api/v1/channels/"+itoa(slowCh.ID), map[string]any{"settings": map[string]string{"base_url": hanging.URL}}, nil)

		open := func(ch parley.Channel, user string) int64 {
			body, h := telegramtest.Delivery(telegramSecret, telegramtest.TextMessage(user, "User "+user, "hello", "1"))
			if status, resp := e.hook(t, ch, "POST", body, h); status != http.StatusOK {
				t.Fatalf("webhook: %d %s", status, resp)
			}
			var chatID int64
			waitFor(t, "the chat of "+user, func() bool {
				for _, c := range e.chats(t) {
					if c.ChannelID == ch.ID {
						chatID = c.ID
					}
				}
				return chatID != 0
			})
			waitFor(t, "the chat offered", func() bool { return e.chat(t, chatID).OfferedTo != 0 })
			e.call(t, "POST", "/api/v1/chats/"+itoa(chatID)+"/accept", nil, nil)
			return chatID
		}
		slowChat, fastChat := open(slowCh, "501"), open(fastCh, "502")
		e.send(t, slowChat, "s-1", "to the hanging bot")
		waitFor(t, "the slow send under way", func() bool { return calls.Load() > 0 })
		id := e.send(t, fastChat, "f-1", "to the working bot")
		e.waitDelivery(t, fastChat, id, parley.DeliverySent)
	})
}
