package natsbus

import (
	"encoding/json"
	"fmt"

	"parley"
)

// wireEvent is an event as it travels between nodes. parley.Event keeps its
// audience out of JSON, so that clients never see it; the other nodes need it.
type wireEvent struct {
	parley.Event
	Audience parley.Audience `json:"audience"`
}

// headroom leaves space in a message for the headers and the array's brackets.
const headroom = 1024

// encode turns events into JSON arrays that each fit in maxPayload bytes, in order.
// An event too large for any message is left out, and reported.
func encode(events []parley.Event, maxPayload int) ([][]byte, error) {
	var chunks [][]byte
	var chunk []byte
	var tooLarge error
	for _, e := range events {
		data, err := json.Marshal(wireEvent{Event: e, Audience: e.Audience})
		if err != nil {
			return chunks, fmt.Errorf("natsbus: encoding event %d: %w", e.ID, err)
		}
		if len(data)+headroom > maxPayload {
			tooLarge = fmt.Errorf("%w: event %d, %d bytes", errTooLarge, e.ID, len(data))
			continue
		}
		if len(chunk) > 0 && len(chunk)+len(data)+headroom > maxPayload {
			chunks = append(chunks, append(chunk, ']'))
			chunk = nil
		}
		if len(chunk) == 0 {
			chunk = append(chunk, '[')
		} else {
			chunk = append(chunk, ',')
		}
		chunk = append(chunk, data...)
	}
	if len(chunk) > 0 {
		chunks = append(chunks, append(chunk, ']'))
	}
	return chunks, tooLarge
}

// decode reads a message written by encode.
func decode(data []byte) ([]parley.Event, error) {
	var wire []wireEvent
	if err := json.Unmarshal(data, &wire); err != nil {
		return nil, fmt.Errorf("natsbus: decoding events: %w", err)
	}
	events := make([]parley.Event, len(wire))
	for i, w := range wire {
		events[i] = w.Event
		events[i].Audience = w.Audience
	}
	return events, nil
}
