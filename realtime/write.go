package realtime

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/gorilla/websocket"
)

// Frames to the peer are written here, under conn.wmu. Text frames are encoded
// by appendTextFrame and go out in batches, one Write of the net.Conn per batch,
// rather than through the websocket library, which makes one system call per
// frame; that was most of the server's CPU under load. The library still writes
// control frames: ping and close from this file and its replies to the peer's
// ping and close (readLoop's handlers), all under wmu too, plus the close frame of
// a protocol error from its read goroutine. Each of those is a single Write, and a
// net.Conn holds its write lock for a whole Write, so frames never interleave. A
// raw frame is only valid while no extension is negotiated: Serve's Upgrader
// never offers compression.

// maxBatch is the size past which a batch is written before more frames are
// added, so that a long catch-up never sits whole in memory.
const maxBatch = 64 << 10

// frameBatch gathers text frames for one write.
type frameBatch struct {
	c   *conn
	buf *[]byte
}

func (c *conn) batch() frameBatch {
	buf, _ := c.opts.Hub.framePool.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
	}
	return frameBatch{c: c, buf: buf}
}

// add appends data, which is JSON, as a text frame.
func (b frameBatch) add(data []byte) error {
	*b.buf = appendTextFrame(*b.buf, data)
	if len(*b.buf) >= maxBatch {
		return b.flush()
	}
	return nil
}

// addEvents appends a frame for each event.
func (b frameBatch) addEvents(events []queued) error {
	for _, q := range events {
		frame := q.frame
		if frame == nil {
			frame = eventFrameJSON(q.event)
		}
		if err := b.add(frame); err != nil {
			return err
		}
	}
	return nil
}

// addJSON appends v as a text frame.
func (b frameBatch) addJSON(v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("realtime: encoding a frame: %w", err)
	}
	return b.add(data)
}

// flush writes the frames added so far.
func (b frameBatch) flush() error {
	if len(*b.buf) == 0 {
		return nil
	}
	err := b.c.writeFrames(*b.buf)
	*b.buf = (*b.buf)[:0]
	return err
}

// release returns the buffer to the pool, unless one huge frame made it too big
// to keep.
func (b frameBatch) release() {
	if cap(*b.buf) <= 2*maxBatch {
		*b.buf = (*b.buf)[:0]
		b.c.opts.Hub.framePool.Put(b.buf)
	}
}

// writeEvents sends a frame for each event, in as few writes as maxBatch allows.
func (c *conn) writeEvents(events []queued) error {
	b := c.batch()
	defer b.release()
	if err := b.addEvents(events); err != nil {
		return err
	}
	return b.flush()
}

// write sends v as one JSON text frame.
func (c *conn) write(v any) error {
	b := c.batch()
	defer b.release()
	if err := b.addJSON(v); err != nil {
		return err
	}
	return b.flush()
}

// writeFrames writes whole encoded frames in one Write.
func (c *conn) writeFrames(frames []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.sentClose {
		return fmt.Errorf("realtime: writing frames: %w", websocket.ErrCloseSent)
	}
	nc := c.ws.NetConn()
	if err := nc.SetWriteDeadline(time.Now().Add(c.opts.WriteTimeout)); err != nil {
		return fmt.Errorf("realtime: setting a write deadline: %w", err)
	}
	if _, err := nc.Write(frames); err != nil {
		c.ws.Close() // a frame may be cut short: nothing can follow it
		return fmt.Errorf("realtime: writing frames: %w", err)
	}
	return nil
}

// sendClose starts the closing handshake; the reader ends when the peer answers
// or closeGrace passes.
func (c *conn) sendClose(code int, text string) {
	c.closing.Store(true)
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.sentClose = true
	msg := websocket.FormatCloseMessage(code, text)
	if err := c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(c.opts.WriteTimeout)); err != nil {
		c.ws.Close()
		return
	}
	_ = c.ws.SetReadDeadline(time.Now().Add(closeGrace))
}

// sendPing pings the peer and rearms itself; a failed ping closes the connection.
func (c *conn) sendPing() {
	if c.closing.Load() {
		return
	}
	c.wmu.Lock()
	err := c.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(c.opts.WriteTimeout))
	c.wmu.Unlock()
	if err != nil {
		c.ws.Close()
		return
	}
	c.mu.Lock()
	if !c.stopped {
		c.ping.Reset(c.opts.PingInterval)
	}
	c.mu.Unlock()
}

// answerPing replies to the peer's ping as the library would, but under wmu,
// so that the reply's deadline does not cut short a batch being written.
func (c *conn) answerPing(data string) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	err := c.ws.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(c.opts.WriteTimeout))
	var ne net.Error
	if errors.Is(err, websocket.ErrCloseSent) || errors.As(err, &ne) && ne.Timeout() {
		return nil // a pong that cannot go out is no reason to stop reading
	}
	return err
}

// answerClose echoes the peer's close code as the library would, under wmu, and
// lets no data frame follow.
func (c *conn) answerClose(code int, _ string) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.sentClose = true
	msg := websocket.FormatCloseMessage(code, "")
	_ = c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(c.opts.WriteTimeout))
	return nil
}
