package realtime

import (
	"encoding/json"
	"strconv"
	"time"

	"parley"
)

// queued is an event waiting for its subscriber, with its frame when the hub
// has already encoded it: a live event is encoded once, however many
// subscribers see it, instead of once per connection.
type queued struct {
	event parley.Event
	frame []byte // nil: the connection encodes it
}

// eventFrameJSON encodes e as an "event" frame. It writes the JSON itself rather
// than through encoding/json, which would validate and compact e.Data again for
// every frame: the data is already JSON, made by json.Marshal or read back from
// the database, and goes out as it is.
func eventFrameJSON(e parley.Event) []byte {
	b := make([]byte, 0, 128+len(e.Data))
	b = append(b, `{"type":"event","event":{"id":`...)
	b = strconv.AppendInt(b, e.ID, 10)
	b = append(b, `,"kind":`...)
	b = appendString(b, string(e.Kind))
	b = appendID(b, `,"chat_id":`, e.ChatID)
	b = appendID(b, `,"queue_id":`, e.QueueID)
	b = appendID(b, `,"agent_id":`, e.AgentID)
	b = appendID(b, `,"identity_id":`, e.IdentityID)
	b = append(b, `,"data":`...)
	if len(e.Data) == 0 {
		b = append(b, "null"...)
	} else {
		b = append(b, e.Data...)
	}
	b = append(b, `,"at":`...)
	b = e.At.AppendFormat(b, `"`+time.RFC3339Nano+`"`) // what time.Time's MarshalJSON writes
	return append(b, "}}"...)
}

// appendID appends an omitempty id field, as encoding/json would.
func appendID(b []byte, field string, id int64) []byte {
	if id == 0 {
		return b
	}
	return strconv.AppendInt(append(b, field...), id, 10)
}

// appendString appends s as a JSON string. Event kinds are plain words, so the
// fast path is the only one taken in practice.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			q, _ := json.Marshal(s) // a string always marshals
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
