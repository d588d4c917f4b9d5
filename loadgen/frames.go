package loadgen

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"parley"
)

// inFrame is any frame the server sends on a websocket (see realtime/frames.go).
// An ack's data is left undecoded: only its client_id matters here.
type inFrame struct {
	Type        string    `json:"type"`
	ClientID    string    `json:"client_id"`
	LastEventID int64     `json:"last_event_id"`
	Event       inEvent   `json:"event"`
	Error       errorBody `json:"error"`
}

type inEvent struct {
	ID      int64            `json:"id"`
	Kind    parley.EventKind `json:"kind"`
	ChatID  int64            `json:"chat_id"`
	AgentID int64            `json:"agent_id"`
	Data    json.RawMessage  `json:"data"`
	At      time.Time        `json:"at"`
}

type errorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// messageData is the part of a message.created event's data the tool reads.
type messageData struct {
	ChatID   int64        `json:"chat_id"`
	Author   parley.Actor `json:"author"`
	ClientID string       `json:"client_id"`
}

// offerData is the part of a chat.offered event's data the tool reads.
type offerData struct {
	Chat struct {
		ID        int64     `json:"id"`
		CreatedAt time.Time `json:"created_at"`
		// StateChangedAt is when a waiting chat became waiting.
		StateChangedAt time.Time `json:"state_changed_at"`
	} `json:"chat"`
}

// outFrame is a frame the tool sends.
type outFrame struct {
	Type     string `json:"type"`
	ClientID string `json:"client_id,omitempty"`
	ChatID   int64  `json:"chat_id,omitempty"`
	Text     string `json:"text,omitempty"`
}

// Kinds of client id: every message the tool sends carries "<run>-<kind><n>".
const (
	idVisitor = 'v' // the visitor's n-th message of the measured run
	idReply   = 'r' // the agent's answer to visitor message n
	idWarmup  = 'w' // visitor n's first message, which opens their chat
)

// clientID names message n of a kind in run.
func clientID(run string, kind byte, n int) string {
	return run + "-" + string(kind) + strconv.Itoa(n)
}

// parseClientID reads back what clientID wrote; ok is false for another run's id.
func parseClientID(run, id string) (kind byte, n int, ok bool) {
	rest, found := strings.CutPrefix(id, run+"-")
	if !found || len(rest) < 2 {
		return 0, 0, false
	}
	n, err := strconv.Atoi(rest[1:])
	if err != nil || n < 0 {
		return 0, 0, false
	}
	return rest[0], n, true
}

// messageText is a text of about size bytes for message n.
func messageText(n, size int) string {
	s := "bench message " + strconv.Itoa(n) + " "
	if len(s) < size {
		s += strings.Repeat("x", size-len(s))
	}
	return s
}
