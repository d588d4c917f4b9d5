package channelflow_test

import (
	"bytes"
	"net/http"
	"testing"

	"parley"
	"parley/telegram/telegramtest"
)

// TestWebhookBadInput: what a webhook refuses, with its status, and that a
// refused delivery stores nothing.
func TestWebhookBadInput(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		f := newTelegramFake(t)
		ch := e.createChannel(t, f)
		header := telegramtest.Header(telegramSecret)
		huge := bytes.Repeat([]byte("x"), parley.MaxWebhookBody+1)
		cases := []struct {
			name   string
			path   string
			body   []byte
			header http.Header
			want   int
		}{
			{"unknown key", "/hooks/hk_unknown", []byte(`{}`), header, http.StatusNotFound},
			{"body over the limit", ch.WebhookPath, huge, header, http.StatusRequestEntityTooLarge},
			{"no secret", ch.WebhookPath, telegramtest.TextMessage("9", "X", "hi", "1"), http.Header{}, http.StatusForbidden},
			{"not JSON", ch.WebhookPath, []byte(`{"update_id":`), header, http.StatusBadRequest},
		}
		for _, c := range cases {
			target := ch
			target.WebhookPath = c.path
			if status, body := e.hook(t, target, "POST", c.body, c.header); status != c.want {
				t.Errorf("%s: %d %s, want %d", c.name, status, body, c.want)
			}
		}
		off := false
		e.call(t, "PATCH", "/api/v1/channels/"+itoa(ch.ID), map[string]any{"active": off}, nil)
		if status, _ := e.hook(t, ch, "POST", telegramtest.TextMessage("9", "X", "hi", "2"), header); status != http.StatusForbidden {
			t.Errorf("a switched-off channel answered %d, not 403", status)
		}
		if n := len(e.chats(t)); n != 0 {
			t.Fatalf("refused deliveries made %d chats", n)
		}
		if status, body := e.try(t, "PATCH", "/api/v1/channels/"+itoa(ch.ID),
			map[string]any{"secrets": map[string]string{"bot_token": ""}}, nil); status != http.StatusUnprocessableEntity {
			t.Fatalf("removing a required secret: %d %s", status, body)
		}
		if status, body := e.try(t, "POST", "/api/v1/channels", map[string]any{"type": "fax", "name": "Fax",
			"queue_id": e.queueID}, nil); status != http.StatusUnprocessableEntity {
			t.Fatalf("a channel of an unknown type: %d %s", status, body)
		}
	})
}
