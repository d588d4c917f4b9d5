package realtime

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gorilla/websocket"

	"parley"
)

// ServeOptions describes one websocket connection; zero durations take the defaults.
type ServeOptions struct {
	Hub    *Hub
	Viewer parley.Viewer
	// Since is the last id the client has; negative means from now.
	Since int64
	// CheckOrigin accepts the request's origin; nil accepts the same origin only.
	CheckOrigin func(r *http.Request) bool
	// Handle answers client frames other than "ping". Its result is sent as an ack
	// when the frame has a client_id; its error always goes back as an error frame.
	Handle func(ctx context.Context, f ClientFrame) (any, error)
	// PingInterval is the time between pings; a peer that sends nothing, not even
	// a pong, for PingInterval+PongWait is taken for dead.
	PingInterval time.Duration
	PongWait     time.Duration
	// WriteTimeout bounds every write to the peer.
	WriteTimeout time.Duration
	// OnClose, when set, learns once why the connection ended: nil for an orderly
	// close, a *ResyncError, ErrRestart, or the network's error.
	OnClose func(err error)
}

// Defaults of ServeOptions and the limits of a connection.
const (
	DefaultPingInterval = 25 * time.Second
	DefaultPongWait     = 10 * time.Second
	DefaultWriteTimeout = 10 * time.Second
	// MaxFrameSize is the largest client frame accepted; a larger one closes the
	// connection with 1009 (message too big).
	MaxFrameSize = 64 << 10
)

// Close codes beyond RFC 6455's.
const (
	// CloseTooSlow tells a client it fell behind and should resume from its last id.
	CloseTooSlow = 4000
	// CloseRevoked tells a client its access ended (the agent was deactivated): do not resume.
	CloseRevoked = 4001
)

// Small buffers: most frames are small, and a connection keeps its read buffer
// for life. Write buffers come from the hub's pool only while frames are written.
const (
	readBufferSize  = 1024
	writeBufferSize = 4096
	// closeGrace is how long a closing connection waits for the peer's close frame.
	closeGrace = 5 * time.Second
)

func (o ServeOptions) withDefaults() ServeOptions {
	if o.PingInterval <= 0 {
		o.PingInterval = DefaultPingInterval
	}
	if o.PongWait <= 0 {
		o.PongWait = DefaultPongWait
	}
	if o.WriteTimeout <= 0 {
		o.WriteTimeout = DefaultWriteTimeout
	}
	return o
}

// Serve upgrades the request to a websocket and starts it: the catch-up after
// opts.Since, a "ready" frame, then live events, while client frames go to
// opts.Handle. It returns once the connection runs on its own goroutine, with an
// error only when the upgrade failed (the client then has its HTTP error); how the
// connection ends goes to opts.OnClose.
func Serve(w http.ResponseWriter, r *http.Request, opts ServeOptions) error {
	opts = opts.withDefaults()
	// EnableCompression stays false: write.go sends raw frames, which
	// permessage-deflate would make invalid.
	up := websocket.Upgrader{
		ReadBufferSize:  readBufferSize,
		WriteBufferSize: writeBufferSize,
		WriteBufferPool: &opts.Hub.writePool,
		CheckOrigin:     opts.CheckOrigin,
	}
	ws, err := up.Upgrade(w, r, nil)
	if err != nil {
		return fmt.Errorf("realtime: upgrading to a websocket: %w", err)
	}
	// The connection outlives the request: returning from the handler lets net/http
	// drop the request and its 8 KiB of buffers. BenchmarkIdleConnections measured
	// an idle connection (both ends) at 26 KiB when the handler ran the reader, 9 KiB now.
	ctx, cancel := context.WithCancel(context.WithoutCancel(r.Context()))
	c := &conn{ws: ws, opts: opts, ctx: ctx, cancel: cancel, log: opts.Hub.log}
	ws.SetReadLimit(MaxFrameSize)
	c.alive()

	// Subscribing and sending the catch-up need deep stacks; they run on the
	// handler's goroutine, and the reader gets a fresh one that stays small.
	sub, err := opts.Hub.Subscribe(ctx, opts.Viewer, opts.Since)
	if err != nil {
		go func() { c.finish(c.refuse(err)) }()
		return nil
	}
	c.sub = sub
	if err := c.start(); err != nil {
		c.stop()
		c.finish(err)
		return nil
	}
	go func() {
		err := c.readLoop()
		c.stop()
		c.finish(err)
	}()
	return nil
}

// refuse tells the client why it cannot subscribe, then closes.
func (c *conn) refuse(err error) error {
	var resync *ResyncError
	switch {
	case errors.As(err, &resync):
		if werr := c.write(lastIDFrame{Type: "resync", LastEventID: resync.LastID}); werr != nil {
			return werr
		}
		c.sendClose(websocket.CloseNormalClosure, "resync")
	case errors.Is(err, ErrRestart), errors.Is(err, ErrViewChanged):
		c.sendClose(closeCode(err))
	default:
		c.log.Error("realtime: subscribing", "err", err)
		c.sendClose(websocket.CloseInternalServerErr, "internal error")
	}
	_ = c.readLoop()
	return err
}

// closeCode maps the reason a subscription ended to the close frame the client gets.
func closeCode(err error) (int, string) {
	switch {
	case errors.Is(err, ErrRestart):
		return websocket.CloseServiceRestart, "restarting, reconnect"
	case errors.Is(err, ErrViewChanged):
		return websocket.CloseServiceRestart, "rights changed, reconnect"
	case errors.Is(err, ErrTooSlow):
		return CloseTooSlow, "too slow, resume"
	case errors.Is(err, ErrRevoked):
		return CloseRevoked, "access revoked"
	}
	return websocket.CloseInternalServerErr, "internal error"
}
