package telegram_test

import (
	"context"
	"testing"

	"parley"
	"parley/telegram"
)

func TestWebhookForbidden(t *testing.T) {
	body := readTestdata(t, "text.json")
	noSecret := channel("http://127.0.0.1:1")
	noSecret.Secrets = map[string]string{"bot_token": testToken}
	tests := []struct {
		name   string
		ch     parley.Channel
		header string
		body   []byte
	}{
		{"wrong secret", channel("http://127.0.0.1:1"), "not-the-secret", body},
		{"missing header", channel("http://127.0.0.1:1"), "", body},
		{"secret with a suffix", channel("http://127.0.0.1:1"), testSecret + "x", body},
		{"channel without secret", noSecret, "", body},
		// The check comes first: a forged delivery is refused before its JSON is read.
		{"bad secret and bad JSON", channel("http://127.0.0.1:1"), "nope", []byte("{not json")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := telegram.New(nil).Webhook(context.Background(), tt.ch, webhookReq(tt.header, tt.body))
			if !parley.IsCode(err, parley.CodeForbidden) {
				t.Fatalf("err = %v, want forbidden", err)
			}
			if len(res.Inbound) != 0 || len(res.Reachable) != 0 || res.AfterCommit != nil {
				t.Errorf("a refused delivery produced %+v", res)
			}
		})
	}
}

func TestWebhookMalformed(t *testing.T) {
	for _, body := range []string{"{not json", "", `{"update_id": "x"}`, `{"update_id":1,"message":{"chat":[]}}`} {
		_, err := telegram.New(nil).Webhook(context.Background(), channel("http://127.0.0.1:1"), webhookReq(testSecret, []byte(body)))
		if !parley.IsCode(err, parley.CodeMalformed) {
			t.Errorf("%q: err = %v, want malformed", body, err)
		}
	}
}

// TestWebhookIgnored covers updates that must be answered 200 and produce
// nothing: other kinds, other chats, content the adapter cannot show, and
// objects with fields missing.
func TestWebhookIgnored(t *testing.T) {
	tests := map[string]string{
		"inline query":          `{"update_id":1,"inline_query":{"id":"1","from":{"id":5,"first_name":"A"},"query":"x","offset":""}}`,
		"channel post":          `{"update_id":2,"channel_post":{"message_id":1,"chat":{"id":-100123,"type":"channel"},"date":1,"text":"hi"}}`,
		"empty update":          `{"update_id":3}`,
		"poll in private chat":  `{"update_id":4,"message":{"message_id":1,"from":{"id":5,"first_name":"A"},"chat":{"id":5,"type":"private"},"date":1,"poll":{"id":"p","question":"?"}}}`,
		"message without chat":  `{"update_id":5,"message":{"message_id":1,"text":"hi"}}`,
		"edit in a group":       `{"update_id":6,"edited_message":{"message_id":1,"from":{"id":5,"first_name":"A"},"chat":{"id":-5,"type":"group"},"date":1,"edit_date":2,"text":"x"}}`,
		"callback in a group":   `{"update_id":7,"callback_query":{"id":"9","from":{"id":5,"first_name":"A"},"message":{"message_id":1,"chat":{"id":-100999,"type":"supergroup"},"date":1},"chat_instance":"1","data":"x"}}`,
		"member in a group":     `{"update_id":8,"my_chat_member":{"chat":{"id":-5,"type":"group"},"from":{"id":5,"first_name":"A"},"date":1,"old_chat_member":{"status":"member","user":{"id":1,"is_bot":true,"first_name":"B"}},"new_chat_member":{"status":"left","user":{"id":1,"is_bot":true,"first_name":"B"}}}}`,
		"member other status":   `{"update_id":9,"my_chat_member":{"chat":{"id":5,"type":"private"},"from":{"id":5,"first_name":"A"},"date":1,"new_chat_member":{"status":"administrator"}}}`,
		"member without fields": `{"update_id":10,"my_chat_member":{}}`,
		"callback without data": `{"update_id":11,"callback_query":{"id":"9","from":{"id":5,"first_name":"A"},"chat_instance":"1","game_short_name":"g"}}`,
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			res, err := telegram.New(nil).Webhook(context.Background(), channel("http://127.0.0.1:1"), webhookReq(testSecret, []byte(body)))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Inbound) != 0 || len(res.Reachable) != 0 || len(res.Statuses) != 0 {
				t.Errorf("got %+v, want nothing", res)
			}
		})
	}
}

// TestWebhookMissingSender reads a private message that lacks "from": the
// chat, which is the user in a private chat, names the sender.
func TestWebhookMissingSender(t *testing.T) {
	body := `{"update_id":1,"message":{"message_id":4,"chat":{"id":77,"type":"private","username":"neo"},"date":1,"text":"hi"}}`
	res, err := telegram.New(nil).Webhook(context.Background(), channel("http://127.0.0.1:1"), webhookReq(testSecret, []byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Inbound) != 1 || res.Inbound[0].Sender.ExternalID != "77" || res.Inbound[0].Sender.Name != "neo" || res.Inbound[0].ExternalID != "77:4" {
		t.Errorf("got %+v", res.Inbound)
	}
}
