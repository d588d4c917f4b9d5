package realtime

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"parley"
)

// eventFrame is the frame eventFrameJSON writes, as encoding/json would write it.
type eventFrame struct {
	Type  string       `json:"type"` // "event"
	Event parley.Event `json:"event"`
}

// The hand-written frame must say exactly what encoding/json says of the same frame.
func TestEventFrameJSONMatchesEncodingJSON(t *testing.T) {
	at := time.Date(2026, 11, 30, 10, 1, 2, 345678000, time.UTC)
	cases := []parley.Event{
		{ID: 7, Kind: parley.EventMessageCreated, ChatID: 3, QueueID: 2, AgentID: 5, IdentityID: 9, Data: json.RawMessage(`{"text":"a \"quote\" ✓"}`), At: at},
		{ID: 0, Kind: "typing", ChatID: 3, Data: json.RawMessage(`{"by": 1}`), At: at.In(time.FixedZone("x", 3600))},
		{ID: 1, Kind: "odd\"kind\n", At: at}, // no data
	}
	for _, e := range cases {
		got := eventFrameJSON(e)
		if !json.Valid(got) {
			t.Fatalf("event %+v: invalid JSON %s", e, got)
		}
		want, err := json.Marshal(eventFrame{Type: "event", Event: e})
		if err != nil {
			t.Fatal(err)
		}
		var g, w any
		if err := json.Unmarshal(got, &g); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(want, &w); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("event %+v:\n got %s\nwant %s", e, got, want)
		}
	}
}

func BenchmarkEventFrame(b *testing.B) {
	e := parley.Event{ID: 123456, Kind: parley.EventMessageCreated, ChatID: 42, QueueID: 3, AgentID: 7,
		Data: json.RawMessage(`{"chat":{"id":42,"state":"in_progress","owner_id":7,"version":12},"message":{"id":991,"text":"hello there, how are you"}}`),
		At:   time.Now()}
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(eventFrame{Type: "event", Event: e}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("eventFrameJSON", func(b *testing.B) {
		for b.Loop() {
			eventFrameJSON(e)
		}
	})
}
