package loadgen

import (
	"bytes"
	"context"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// idlePool holds websockets that only keep alive: each has a reader (which also
// answers the server's pings) and, every ping interval, sends a ping frame of its
// own from a timer, so that an idle connection costs no goroutine beyond its reader.
type idlePool struct {
	errs *errorLog
	ping time.Duration // 0: no pings of our own

	mu    sync.Mutex
	conns []*idleConn

	closing                  atomic.Bool
	readers                  sync.WaitGroup
	pings, pongs, disconnect atomic.Int64
}

type idleConn struct {
	p     *idlePool
	ws    *websocket.Conn
	timer *time.Timer
}

func newIdlePool(errs *errorLog, ping time.Duration) *idlePool {
	return &idlePool{errs: errs, ping: ping}
}

var (
	pingFrame = []byte(`{"type":"ping"}`)
	pongType  = []byte(`"type":"pong"`)
)

// open dials one websocket, waits for its ready frame and keeps it.
func (p *idlePool) open(ctx context.Context, d *websocket.Dialer, url string, header http.Header) error {
	ws, err := dialWS(ctx, d, url, header)
	if err != nil {
		return err
	}
	if _, err := waitReady(ws, handshakeTimeout); err != nil {
		ws.Close()
		return err
	}
	c := &idleConn{p: p, ws: ws}
	p.mu.Lock()
	p.conns = append(p.conns, c)
	if p.ping > 0 {
		// Armed only once c.timer is set, since sendPing rearms it; and spread over
		// the interval, so that the pings do not come as one burst.
		c.timer = time.AfterFunc(time.Hour, c.sendPing)
		c.timer.Reset(rand.N(p.ping))
	}
	p.mu.Unlock()
	p.readers.Go(c.read)
	return nil
}

// size is the number of connections opened.
func (p *idlePool) size() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.conns)
}

func (c *idleConn) read() {
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			if !c.p.closing.Load() {
				c.p.disconnect.Add(1)
				c.p.errs.add(errDisconnect, "idle connection: %v", err)
			}
			return
		}
		if bytes.Contains(data, pongType) {
			c.p.pongs.Add(1)
		}
	}
}

// sendPing runs on the connection's timer, so pings of one connection never overlap.
func (c *idleConn) sendPing() {
	if c.p.closing.Load() {
		return
	}
	if err := writeFrame(c.ws, pingFrame); err != nil {
		return // the reader sees the connection end
	}
	c.p.pings.Add(1)
	c.timer.Reset(c.p.ping)
}

// closeGrace is how long closing waits for the server to answer the close frames.
const closeGrace = 5 * time.Second

// close says goodbye on every connection, gives the server a moment to answer,
// then closes whatever is left.
func (p *idlePool) close() {
	p.closing.Store(true)
	p.mu.Lock()
	conns := p.conns
	p.mu.Unlock()
	msg := websocket.FormatCloseMessage(websocket.CloseNormalClosure, "bench done")
	for _, c := range conns {
		if c.timer != nil {
			c.timer.Stop()
		}
		_ = c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
	}
	done := make(chan struct{})
	go func() { p.readers.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(closeGrace):
	}
	for _, c := range conns {
		c.ws.Close()
	}
	<-done
}
