package realtime

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// conn is one websocket. Its goroutine reads; a writer goroutine exists only
// while events wait to be sent, and pings come from a timer, so an idle
// connection holds one small goroutine and its read buffer.
type conn struct {
	ws     *websocket.Conn
	sub    *Subscription
	opts   ServeOptions
	ctx    context.Context
	cancel context.CancelFunc
	log    *slog.Logger

	// wmu orders the frames this side writes (see write.go); sentClose, which it
	// guards, stops data frames once a close frame is out.
	wmu       sync.Mutex
	sentClose bool
	closing   atomic.Bool

	// mu guards the ping timer and the start of writers, which must not begin
	// once stop has decided to wait for them.
	mu      sync.Mutex
	ping    *time.Timer
	stopped bool
	writers sync.WaitGroup
}

// start sends the catch-up and "ready", then hands the rest to writer goroutines.
func (c *conn) start() error {
	events, err := c.sub.take()
	if err != nil {
		c.endFor(err)
		return c.readLoop()
	}
	ready := c.sub.ReadyID()
	n := 0
	for n < len(events) && events[n].event.ID != 0 && events[n].event.ID <= ready {
		n++
	}
	if err := c.sendStart(events, n, ready); err != nil {
		return err
	}
	c.sub.OnWake(c.startWriter)
	c.mu.Lock()
	c.ping = time.AfterFunc(c.opts.PingInterval, c.sendPing)
	c.mu.Unlock()
	return nil
}

// sendStart writes the catch-up, events[:n], then "ready", then the live events
// queued meanwhile, in as few writes as maxBatch allows.
func (c *conn) sendStart(events []queued, n int, ready int64) error {
	b := c.batch()
	defer b.release()
	if err := b.addEvents(events[:n]); err != nil {
		return err
	}
	if err := b.addJSON(lastIDFrame{Type: "ready", LastEventID: ready}); err != nil {
		return err
	}
	if err := b.addEvents(events[n:]); err != nil {
		return err
	}
	return b.flush()
}

// stop releases what the connection holds once its reader is done.
func (c *conn) stop() {
	c.sub.Close()
	c.mu.Lock()
	c.stopped = true
	if c.ping != nil {
		c.ping.Stop()
	}
	c.mu.Unlock()
	c.ws.Close() // unblocks a writer stuck on a dead peer
	c.writers.Wait()
}

// finish releases the connection and reports why it ended.
func (c *conn) finish(err error) {
	c.ws.Close()
	c.cancel()
	if c.opts.OnClose != nil {
		c.opts.OnClose(err)
	}
}

// startWriter is the subscription's wake function: it runs while events wait.
func (c *conn) startWriter() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stopped {
		return // the connection is ending; nothing is left to say
	}
	c.writers.Add(1)
	go c.writeLoop()
}

func (c *conn) writeLoop() {
	defer c.writers.Done()
	for {
		events, err := c.sub.take()
		if err != nil {
			c.endFor(err)
			return
		}
		if len(events) == 0 {
			return
		}
		if err := c.writeEvents(events); err != nil {
			c.log.Debug("realtime: writing to a websocket", "err", err)
			c.ws.Close() // the reader then ends the connection
			return
		}
	}
}

// endFor closes the connection because the hub closed its subscription.
func (c *conn) endFor(err error) {
	if errors.Is(err, ErrClosed) {
		return // the connection's own doing: it is already ending
	}
	code, text := closeCode(err)
	c.sendClose(code, text)
}

// alive pushes the read deadline back: the peer has shown it is there.
func (c *conn) alive() {
	if !c.closing.Load() {
		_ = c.ws.SetReadDeadline(time.Now().Add(c.opts.PingInterval + c.opts.PongWait))
	}
}

// linger reads and drops what the peer still sends, up to closeGrace, so that
// closing with unread data does not reset the connection before the peer has
// read our close frame.
func (c *conn) linger() {
	nc := c.ws.NetConn()
	_ = nc.SetReadDeadline(time.Now().Add(closeGrace))
	_, _ = io.Copy(io.Discard, nc)
}
