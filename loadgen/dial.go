package loadgen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gorilla/websocket"
)

// handshakeTimeout bounds opening one websocket.
const handshakeTimeout = 20 * time.Second

// newDialer returns a websocket dialer whose connections leave from localIP (nil:
// the system's choice). Each source address has its own ~28,000 ephemeral ports,
// so spreading sockets over 127.0.0.x lets one machine open more than that.
// Small buffers suit idle connections; busy ones get the library's defaults.
func newDialer(localIP net.IP, small bool) *websocket.Dialer {
	nd := &net.Dialer{Timeout: handshakeTimeout}
	if localIP != nil {
		nd.LocalAddr = &net.TCPAddr{IP: localIP}
	}
	d := &websocket.Dialer{NetDialContext: nd.DialContext, HandshakeTimeout: handshakeTimeout}
	if small {
		d.ReadBufferSize, d.WriteBufferSize = 512, 512
		d.WriteBufferPool = &sync.Pool{}
	}
	return d
}

// dialWS opens a websocket; a refused upgrade says the server's status.
func dialWS(ctx context.Context, d *websocket.Dialer, url string, header http.Header) (*websocket.Conn, error) {
	conn, resp, err := d.DialContext(ctx, url, header)
	if err != nil {
		if resp != nil {
			return nil, fmt.Errorf("opening a websocket: status %d: %w", resp.StatusCode, err)
		}
		return nil, fmt.Errorf("opening a websocket: %w", err)
	}
	return conn, nil
}

// readFrame reads the next data frame into buf, which it reuses: an agent reads
// every message of its queues, and a fresh buffer for each would keep the tool's
// garbage collector busy. The result is valid until the next call.
func readFrame(conn *websocket.Conn, buf *bytes.Buffer) ([]byte, error) {
	_, r, err := conn.NextReader()
	if err != nil {
		return nil, err
	}
	buf.Reset()
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// dialConsole opens agent i's console websocket at path and waits for its
// ready frame; a failed dial is counted.
func dialConsole(ctx context.Context, d *websocket.Dialer, api *apiClient, path, token string, i int) (*websocket.Conn, error) {
	conn, err := dialWS(ctx, d, api.wsURL(path), bearer(token))
	if err != nil {
		api.errs.add(errDial, "agent %d: %v", i, err)
		return nil, fmt.Errorf("agent %d: %w", i, err)
	}
	if _, err := waitReady(conn, handshakeTimeout); err != nil {
		conn.Close()
		return nil, fmt.Errorf("agent %d: %w", i, err)
	}
	return conn, nil
}

// readAgentFrames hands each frame of an agent's websocket to handle until the
// connection ends; an end the run did not cause is counted.
func readAgentFrames(conn *websocket.Conn, closing *atomic.Bool, errs *errorLog, agentID int64, handle func([]byte)) {
	var buf bytes.Buffer
	for {
		data, err := readFrame(conn, &buf)
		if err != nil {
			if !closing.Load() {
				errs.add(errDisconnect, "agent %d: %v", agentID, err)
			}
			return
		}
		handle(data)
	}
}

// agentIDPrefix is how the events of agent id start their agent_id field.
func agentIDPrefix(id int64) []byte { return []byte(`"agent_id":` + strconv.FormatInt(id, 10) + `,`) }

// bearer is the header an agent's websocket authenticates with.
func bearer(token string) http.Header { return http.Header{"Authorization": {"Bearer " + token}} }

// waitReady reads frames until "ready", within timeout, and returns its last id.
func waitReady(conn *websocket.Conn, timeout time.Duration) (int64, error) {
	if err := conn.SetReadDeadline(time.Now().Add(timeout)); err != nil {
		return 0, fmt.Errorf("setting a read deadline: %w", err)
	}
	defer conn.SetReadDeadline(time.Time{})
	for {
		var f inFrame
		if err := conn.ReadJSON(&f); err != nil {
			return 0, fmt.Errorf("waiting for the ready frame: %w", err)
		}
		switch f.Type {
		case "ready":
			return f.LastEventID, nil
		case "resync":
			return 0, fmt.Errorf("the server asked to resync from %d", f.LastEventID)
		}
	}
}

// errKind names a dial or connection error for the counts, picking out the ones
// with a known remedy.
func errKind(err error) string {
	switch {
	case errors.Is(err, syscall.EMFILE), errors.Is(err, syscall.ENFILE):
		return "too_many_open_files"
	case errors.Is(err, syscall.EADDRNOTAVAIL), errors.Is(err, syscall.EADDRINUSE):
		return "no_free_port"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "refused"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "reset"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, syscall.ETIMEDOUT), isTimeout(err):
		return "timeout"
	}
	return "other"
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// dialHint says what to do about a kind of dial failure, or nothing.
func dialHint(kind string) string {
	switch kind {
	case "too_many_open_files":
		return "this process ran out of open files: raise ulimit -n or use more --procs"
	case "no_free_port":
		return "no ephemeral port left: spread the sockets over more source addresses (more --procs)"
	case "timeout", "reset", "refused":
		return "the server did not take the connection: if its log says \"too many open files\", start it with a higher ulimit -n (and the listen backlog may be full)"
	}
	return ""
}
