package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"parley"
)

// node is one running server in a test.
type node struct {
	t    *testing.T
	srv  *server
	base string
}

func startNode(t *testing.T, database string) *node {
	t.Helper()
	cfg, err := parseServeConfig([]string{"--addr", "127.0.0.1:0", "--database", database, "--timer-interval", "20ms",
		"--files-dir", t.TempDir()}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := start(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	n := &node{t: t, srv: srv, base: "http://" + srv.Addr()}
	t.Cleanup(func() { _ = srv.Shutdown() })
	return n
}

// call sends a JSON request with a bearer token and decodes the answer into out,
// failing the test when the status is not want.
func (n *node) call(method, path, token string, body any, want int, out any) {
	n.t.Helper()
	status, data, err := n.do(method, path, token, body)
	if err != nil {
		n.t.Fatal(err)
	}
	if status != want {
		n.t.Fatalf("%s %s: status %d, want %d: %s", method, path, status, want, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			n.t.Fatalf("%s %s: %v in %s", method, path, err, data)
		}
	}
}

// do sends a JSON request with a bearer token and returns the status and body. It
// never fails the test, so clients that expect the server to go away (and any
// goroutine) can use it; a request gets 30 seconds, so no client hangs for good.
func (n *node) do(method, path, token string, body any) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		rd = bytes.NewReader(b)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, n.base+path, rd)
	if err != nil {
		return 0, nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, err
}

// frame is any frame the server sends on a websocket.
type frame struct {
	Type        string          `json:"type"`
	Event       parley.Event    `json:"event"`
	LastEventID int64           `json:"last_event_id"`
	ClientID    string          `json:"client_id"`
	Data        json.RawMessage `json:"data"` // an ack's answer
	Error       struct{ Code, Message string }
	closeCode   int
}

// wsClient reads a websocket's frames in the background.
type wsClient struct {
	t      *testing.T
	conn   *websocket.Conn
	frames chan frame
	seen   []parley.Event // every event received, in order
	// held are frames read while waiting for something else (an ack may come before
	// or after the events its message caused); next returns them first.
	held []frame
}

func (n *node) dial(path string, header http.Header) *wsClient {
	n.t.Helper()
	c, err := n.tryDial(path, header)
	if err != nil {
		n.t.Fatal(err)
	}
	return c
}

// tryDial is dial for clients that expect the server to go away: it returns the
// error instead of failing the test.
func (n *node) tryDial(path string, header http.Header) (*wsClient, error) {
	url := "ws" + strings.TrimPrefix(n.base, "http") + path
	conn, resp, err := websocket.DefaultDialer.Dial(url, header)
	if err != nil {
		if resp != nil {
			return nil, fmt.Errorf("dial %s: %w (status %d)", path, err, resp.StatusCode)
		}
		return nil, fmt.Errorf("dial %s: %w", path, err)
	}
	c := &wsClient{t: n.t, conn: conn, frames: make(chan frame, 1024)}
	go c.read()
	n.t.Cleanup(func() { conn.Close() })
	return c, nil
}

func bearerHeader(token string) http.Header { return http.Header{"Authorization": {"Bearer " + token}} }

func (c *wsClient) read() {
	defer close(c.frames)
	for {
		_, data, err := c.conn.ReadMessage()
		if err != nil {
			if ce, ok := err.(*websocket.CloseError); ok {
				c.frames <- frame{Type: "closed", closeCode: ce.Code}
			}
			return
		}
		var f frame
		if err := json.Unmarshal(data, &f); err != nil {
			c.t.Errorf("bad frame %s: %v", data, err)
			return
		}
		c.frames <- f
	}
}

// next returns the next frame, failing the test after a deadline.
func (c *wsClient) next() frame {
	c.t.Helper()
	if len(c.held) > 0 {
		f := c.held[0]
		c.held = c.held[1:]
		return f
	}
	select {
	case f, ok := <-c.frames:
		if !ok {
			c.t.Fatal("websocket closed")
		}
		if f.Type == "event" {
			c.seen = append(c.seen, f.Event)
		}
		return f
	case <-time.After(10 * time.Second):
		c.t.Fatal("no frame within 10s")
	}
	return frame{}
}

// waitEvent reads frames until an event matches.
func (c *wsClient) waitEvent(what string, match func(parley.Event) bool) parley.Event {
	c.t.Helper()
	for {
		if f := c.next(); f.Type == "event" && match(f.Event) {
			return f.Event
		} else if f.Type == "error" {
			c.t.Fatalf("waiting for %s: error frame %+v", what, f.Error)
		}
	}
}

// waitAck reads frames until the ack of clientID; an error frame fails the test.
func (c *wsClient) waitAck(clientID string) {
	c.t.Helper()
	var other []frame
	defer func() { c.held = append(other, c.held...) }()
	for {
		f := c.next()
		if f.ClientID != clientID {
			other = append(other, f)
			continue
		}
		if f.Type != "ack" {
			c.t.Fatalf("frame %s for %s: %+v", f.Type, clientID, f.Error)
		}
		return
	}
}

// waitReady reads the catch-up up to the ready frame and returns its events.
func (c *wsClient) waitReady() ([]parley.Event, int64) {
	c.t.Helper()
	var got []parley.Event
	for {
		f := c.next()
		switch f.Type {
		case "event":
			got = append(got, f.Event)
		case "ready":
			return got, f.LastEventID
		}
	}
}

func (c *wsClient) send(v any) {
	c.t.Helper()
	if err := c.conn.WriteJSON(v); err != nil {
		c.t.Fatal(err)
	}
}

// lastID is the id of the last event the client received.
func (c *wsClient) lastID() int64 {
	if len(c.seen) == 0 {
		return 0
	}
	return c.seen[len(c.seen)-1].ID
}

func kindFor(kind parley.EventKind, chatID int64) func(parley.Event) bool {
	return func(e parley.Event) bool { return e.Kind == kind && e.ChatID == chatID }
}
