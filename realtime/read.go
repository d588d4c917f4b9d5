package realtime

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/gorilla/websocket"

	"parley"
)

// readLoop reads client frames until the connection ends and returns why.
func (c *conn) readLoop() error {
	c.ws.SetPongHandler(func(string) error {
		c.alive()
		return nil
	})
	c.ws.SetPingHandler(c.answerPing)
	c.ws.SetCloseHandler(c.answerClose)
	for {
		typ, data, err := c.ws.ReadMessage()
		if err != nil {
			return c.readEnded(err)
		}
		if c.closing.Load() {
			continue // waiting for the peer's close frame
		}
		c.alive()
		if typ != websocket.TextMessage {
			c.sendClose(websocket.ClosePolicyViolation, "text frames only")
			continue
		}
		c.handle(data)
		// Handle may have taken a while; the peer could not answer pings meanwhile.
		c.alive()
	}
}

// readEnded says why reading stopped; nil for an orderly close.
func (c *conn) readEnded(err error) error {
	switch {
	case errors.Is(err, websocket.ErrReadLimit):
		// The websocket library has sent 1009 (message too big).
		c.closing.Store(true)
		c.linger()
		return fmt.Errorf("realtime: client frame over %d bytes: %w", MaxFrameSize, err)
	case websocket.IsCloseError(err, websocket.CloseNormalClosure, websocket.CloseGoingAway, websocket.CloseNoStatusReceived):
		return nil
	case c.closing.Load():
		return nil // we closed: the peer answered, or the grace passed
	}
	return fmt.Errorf("realtime: reading from a websocket: %w", err)
}

// handle answers one client frame.
func (c *conn) handle(data []byte) {
	var f ClientFrame
	if err := json.Unmarshal(data, &f); err != nil {
		c.reply(newErrorFrame("", parley.Errorf(parley.CodeMalformed, "a frame must be a JSON object")))
		return
	}
	f.Raw = data
	switch {
	case f.Type == "ping":
		c.reply(ackFrame{Type: "pong", ClientID: f.ClientID})
		return
	case c.opts.Handle == nil:
		c.reply(newErrorFrame(f.ClientID, parley.Errorf(parley.CodeInvalid, "unknown frame type %q", f.Type)))
		return
	}
	res, err := c.opts.Handle(c.ctx, f)
	if err != nil {
		if parley.CodeOf(err) == parley.CodeInternal {
			c.log.Error("realtime: handling a client frame", "type", f.Type, "err", err)
		}
		c.reply(newErrorFrame(f.ClientID, err))
		return
	}
	if f.ClientID == "" {
		return // nothing to match an ack with, as for typing
	}
	body, err := json.Marshal(res)
	if err != nil {
		c.log.Error("realtime: encoding an ack", "type", f.Type, "err", err)
		c.reply(newErrorFrame(f.ClientID, err))
		return
	}
	c.reply(ackFrame{Type: "ack", ClientID: f.ClientID, Data: body})
}

// reply writes a frame from the reader; a failed write ends the connection.
func (c *conn) reply(v any) {
	if err := c.write(v); err != nil {
		c.log.Debug("realtime: replying on a websocket", "err", err)
		c.ws.Close()
	}
}
