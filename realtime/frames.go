package realtime

import (
	"encoding/json"
	"errors"

	"parley"
)

// ClientFrame is a frame from the client. Raw holds the whole frame, for the fields
// a frame type adds.
type ClientFrame struct {
	Type     string          `json:"type"`
	ClientID string          `json:"client_id,omitempty"`
	ChatID   int64           `json:"chat_id,omitempty"`
	Text     string          `json:"text,omitempty"`
	Raw      json.RawMessage `json:"-"`
}

// The frames the server sends; each is one JSON object with a type.
type (
	// lastIDFrame is "ready" after the catch-up and "resync" when there can be none.
	lastIDFrame struct {
		Type        string `json:"type"`
		LastEventID int64  `json:"last_event_id"`
	}
	ackFrame struct {
		Type     string          `json:"type"` // "ack" or "pong"
		ClientID string          `json:"client_id,omitempty"`
		Data     json.RawMessage `json:"data,omitempty"`
	}
	errorFrame struct {
		Type     string    `json:"type"` // "error"
		ClientID string    `json:"client_id,omitempty"`
		Error    errorBody `json:"error"`
	}
	errorBody struct {
		Code    parley.ErrorCode `json:"code"`
		Message string           `json:"message"`
	}
)

// newErrorFrame shows a client the code of err and its message when it is meant
// for humans; anything else stays in the log.
func newErrorFrame(clientID string, err error) errorFrame {
	body := errorBody{Code: parley.CodeOf(err), Message: "internal error"}
	var pe *parley.Error
	if errors.As(err, &pe) {
		body.Message = pe.Message
	}
	return errorFrame{Type: "error", ClientID: clientID, Error: body}
}
