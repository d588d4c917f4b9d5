package realtime

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"parley"
	"parley/realtime/realtimetest"
)

// wsServer is a real HTTP server on 127.0.0.1 serving one hub's websockets.
type wsServer struct {
	log  *realtimetest.Log
	hub  *Hub
	url  string
	ends chan error // how each connection ended
}

// startWS serves websockets for a supervisor, or for visitor ?identity=N, from ?since=N.
func startWS(t testing.TB, log *realtimetest.Log, hopts HubOptions, sopts ServeOptions, listen net.Listener) *wsServer {
	t.Helper()
	ws := &wsServer{log: log, hub: startHub(t, log, hopts), ends: make(chan error, 100)}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o := sopts
		o.Hub, o.Viewer, o.Since = ws.hub, supervisor(), -1
		if s := r.URL.Query().Get("since"); s != "" {
			o.Since, _ = strconv.ParseInt(s, 10, 64)
		}
		if s := r.URL.Query().Get("identity"); s != "" {
			id, _ := strconv.ParseInt(s, 10, 64)
			o.Viewer = parley.Viewer{IdentityID: id}
		}
		o.OnClose = ws.ended
		if err := Serve(w, r, o); err != nil {
			ws.ended(err)
		}
	})
	srv := httptest.NewUnstartedServer(handler)
	if listen != nil {
		srv.Listener.Close()
		srv.Listener = listen
	}
	srv.Start()
	t.Cleanup(srv.Close)
	ws.url = "ws" + strings.TrimPrefix(srv.URL, "http")
	return ws
}

// dial connects a client; query is added to the URL.
func (ws *wsServer) dial(t *testing.T, d *websocket.Dialer, query string) *websocket.Conn {
	t.Helper()
	if d == nil {
		d = websocket.DefaultDialer
	}
	c, _, err := d.Dial(ws.url+"/ws?"+query, nil)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// ended records how a connection ended; the benchmark's thousands are not kept.
func (ws *wsServer) ended(err error) {
	select {
	case ws.ends <- err:
	default:
	}
}

// end waits for the next connection to end.
func (ws *wsServer) end(t *testing.T) error {
	t.Helper()
	select {
	case err := <-ws.ends:
		return err
	case <-time.After(waitLimit):
		t.Fatal("the connection did not end")
		return nil
	}
}

// frame is any server frame, as a client reads it.
type frame struct {
	Type        string          `json:"type"`
	ClientID    string          `json:"client_id"`
	Event       *parley.Event   `json:"event"`
	LastEventID *int64          `json:"last_event_id"`
	Data        json.RawMessage `json:"data"`
	Error       *struct {
		Code    parley.ErrorCode `json:"code"`
		Message string           `json:"message"`
	} `json:"error"`
	raw []byte
}

func readFrame(t *testing.T, c *websocket.Conn) frame {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(waitLimit))
	_, data, err := c.ReadMessage()
	if err != nil {
		t.Fatalf("reading a frame: %v", err)
	}
	var f frame
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("frame %s: %v", data, err)
	}
	f.raw = data
	return f
}

func expectEvent(t *testing.T, c *websocket.Conn, id int64) frame {
	t.Helper()
	f := readFrame(t, c)
	if f.Type != "event" || f.Event == nil || f.Event.ID != id {
		t.Fatalf("got %s, want event %d", f.raw, id)
	}
	return f
}

func expectLastID(t *testing.T, c *websocket.Conn, typ string, id int64) {
	t.Helper()
	f := readFrame(t, c)
	if f.Type != typ || f.LastEventID == nil || *f.LastEventID != id {
		t.Fatalf("got %s, want %s with last_event_id %d", f.raw, typ, id)
	}
}

// expectClose reads past any frames until the close frame and checks its code.
func expectClose(t *testing.T, c *websocket.Conn, code int) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(waitLimit))
	for {
		_, data, err := c.ReadMessage()
		if err == nil {
			continue
		}
		var ce *websocket.CloseError
		if !errors.As(err, &ce) || ce.Code != code {
			t.Fatalf("connection ended with %v (last frame %s), want close code %d", err, data, code)
		}
		return
	}
}

func send(t *testing.T, c *websocket.Conn, v any) {
	t.Helper()
	if err := c.WriteJSON(v); err != nil {
		t.Fatalf("sending: %v", err)
	}
}

// smallBuffers makes TCP connections with tiny kernel buffers, so that a client
// that stops reading blocks the server's writes quickly.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(4096)
	}
	return c, err
}

func smallBufferDialer() *websocket.Dialer {
	return &websocket.Dialer{
		NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
			if tc, ok := c.(*net.TCPConn); ok {
				_ = tc.SetReadBuffer(4096)
			}
			return c, err
		},
		ReadBufferSize: 1024,
	}
}
