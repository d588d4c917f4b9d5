package loadgen

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// TestHookBodies checks that the updates read as Telegram's private text
// messages, that each user's message ids and the run's update ids never repeat,
// and that the measured webhooks are spread over every user.
func TestHookBodies(t *testing.T) {
	const users, measured = 7, 30
	p := newHookPlan("toyz1a2b3c", users, 5_000_000_000)
	at := time.Unix(1_800_000_000, 0)
	updates := map[int64]bool{}
	messages := map[[2]int64]bool{}
	senders := map[int64]int{}
	check := func(kind byte, n int) {
		body, err := p.body(kind, n, at)
		if err != nil {
			t.Fatal(err)
		}
		var u tgUpdate
		if err := json.Unmarshal(body, &u); err != nil {
			t.Fatalf("%c%d: %v in %s", kind, n, err, body)
		}
		m := u.Message
		if m.Chat.Type != "private" || m.Chat.ID != m.From.ID || m.From.IsBot || m.Date != at.Unix() || m.From.FirstName != "Bench" {
			t.Errorf("%c%d is not a private message of a user: %s", kind, n, body)
		}
		if m.From.ID < p.userBase || m.From.ID >= p.userBase+users {
			t.Errorf("%c%d comes from user %d, outside the run's", kind, n, m.From.ID)
		}
		if updates[u.UpdateID] || messages[[2]int64{m.From.ID, m.MessageID}] {
			t.Errorf("%c%d repeats update %d or message %d of user %d", kind, n, u.UpdateID, m.MessageID, m.From.ID)
		}
		updates[u.UpdateID], messages[[2]int64{m.From.ID, m.MessageID}] = true, true
		senders[m.From.ID]++
		if got, want := m.Text, clientID(p.run, kind, n)+" hello from a bench user"; got != want {
			t.Errorf("%c%d says %q, want %q", kind, n, got, want)
		}
	}
	for n := range users {
		check(idWarmup, n)
	}
	if len(senders) != users {
		t.Fatalf("the warm-up came from %d users, want each of %d once", len(senders), users)
	}
	for n := range measured {
		check(idHook, n)
	}
	for id, c := range senders {
		if c < 1+measured/users || c > 2+measured/users {
			t.Errorf("user %d sent %d webhooks: not spread evenly", id, c)
		}
	}
}

// eventFrame is a message.created frame as the server's hub writes it.
func eventFrame(kind, author, text string) []byte {
	data, _ := json.Marshal(map[string]any{"id": 9, "chat_id": 3, "seq": 2, "author": map[string]any{"kind": author, "id": 4},
		"kind": "text", "text": text, "created_at": "2026-11-30T10:00:00Z"})
	return fmt.Appendf(nil, `{"type":"event","event":{"id":77,"kind":%q,"chat_id":3,"queue_id":1,"agent_id":5,"data":%s,"at":"2026-11-30T10:00:00.001Z"}}`,
		kind, data)
}

// TestHookMatch checks that a webhook's event is found by its token, and that
// other events, other runs' messages and agents' messages are not taken for it.
func TestHookMatch(t *testing.T) {
	p := newHookPlan("toyz1a2b3c", 10, 1)
	for _, tc := range []struct {
		name  string
		frame []byte
		kind  byte
		n     int
		ok    bool
	}{
		{"measured", eventFrame("message.created", "contact", "toyz1a2b3c-h42 hello from a bench user"), idHook, 42, true},
		{"warm-up", eventFrame("message.created", "contact", "toyz1a2b3c-w7 hello"), idWarmup, 7, true},
		{"token alone", eventFrame("message.created", "contact", "toyz1a2b3c-h0"), idHook, 0, true},
		{"other run", eventFrame("message.created", "contact", "toyz1a2b3d-h42 hello"), 0, 0, false},
		{"other kind of event", eventFrame("message.updated", "contact", "toyz1a2b3c-h42 hello"), 0, 0, false},
		{"an agent's message", eventFrame("message.created", "agent", "toyz1a2b3c-h42 hello"), 0, 0, false},
		{"a visitor's token", eventFrame("message.created", "contact", "toyz1a2b3c-v42 hello"), 0, 0, false},
		{"token not first", eventFrame("message.created", "contact", "re: toyz1a2b3c-h42"), 0, 0, false},
		{"ack", []byte(`{"type":"ack","client_id":"toyz1a2b3c-h42"}`), 0, 0, false},
	} {
		kind, n, ok, err := p.match(tc.frame)
		if err != nil || ok != tc.ok || ok && (kind != tc.kind || n != tc.n) {
			t.Errorf("%s: %c %d %v %v, want %c %d %v", tc.name, kind, n, ok, err, tc.kind, tc.n, tc.ok)
		}
	}
	if _, _, ok, err := p.match([]byte(`{"type":"event","event":{"kind":"message.created","data":{"text":"toyz1a2b3c-h1`)); ok || err == nil {
		t.Errorf("a broken frame: ok %v, err %v; want an error", ok, err)
	}
}
