package realtime

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"parley"
	"parley/realtime/realtimetest"
)

func TestWebsocketCatchUpThenLive(t *testing.T) {
	log := &realtimetest.Log{}
	log.Append(staffEvents(3)...)
	log.Append(parley.Event{Audience: parley.AudienceVisitor, IdentityID: 10, Data: json.RawMessage(`{"text":"hi"}`)})
	ws := startWS(t, log, HubOptions{}, ServeOptions{}, nil)

	c := ws.dial(t, nil, "since=1")
	expectEvent(t, c, 2)
	expectEvent(t, c, 3)
	expectLastID(t, c, "ready", 4)
	ws.hub.Deliver(log.Append(staff(parley.EventChatCreated)))
	expectEvent(t, c, 5)

	visitor := ws.dial(t, nil, "identity=10&since=0")
	f := expectEvent(t, visitor, 4)
	if string(f.Event.Data) != `{"text":"hi"}` || strings.Contains(string(f.raw), "audience") {
		t.Fatalf("event frame %s: want the data and no audience", f.raw)
	}
	expectLastID(t, visitor, "ready", 5)

	now := ws.dial(t, nil, "")
	expectLastID(t, now, "ready", 5)
	ws.hub.Deliver([]parley.Event{{Kind: parley.EventTyping, Audience: parley.AudienceStaff}})
	if f := readFrame(t, now); f.Event == nil || f.Event.Kind != parley.EventTyping {
		t.Fatalf("got %s, want typing", f.raw)
	}
}

func TestWebsocketClientFrames(t *testing.T) {
	handle := func(_ context.Context, f ClientFrame) (any, error) {
		switch f.Type {
		case "message":
			var extra struct{ Extra string }
			_ = json.Unmarshal(f.Raw, &extra)
			return map[string]any{"chat": f.ChatID, "text": f.Text, "extra": extra.Extra}, nil
		case "typing":
			return nil, nil
		case "forbidden":
			return nil, parley.Errorf(parley.CodeForbidden, "not your chat")
		}
		return nil, errors.New("database on fire")
	}
	ws := startWS(t, &realtimetest.Log{}, HubOptions{}, ServeOptions{Handle: handle}, nil)
	c := ws.dial(t, nil, "")
	expectLastID(t, c, "ready", 0)

	send(t, c, map[string]any{"type": "message", "client_id": "c1", "chat_id": 7, "text": "hello", "extra": "x"})
	if f := readFrame(t, c); f.Type != "ack" || f.ClientID != "c1" || string(f.Data) != `{"chat":7,"extra":"x","text":"hello"}` {
		t.Fatalf("got %s, want the ack of c1 with Handle's result", f.raw)
	}
	send(t, c, map[string]any{"type": "typing", "chat_id": 7}) // no client id: no ack
	send(t, c, map[string]any{"type": "ping", "client_id": "p1"})
	if f := readFrame(t, c); f.Type != "pong" || f.ClientID != "p1" {
		t.Fatalf("got %s, want pong p1", f.raw)
	}
	cases := []struct {
		frame   string
		code    parley.ErrorCode
		message string
	}{
		{`{"type":"forbidden","client_id":"c2"}`, parley.CodeForbidden, "not your chat"},
		{`{"type":"other","client_id":"c3"}`, parley.CodeInternal, "internal error"},
		{`not json`, parley.CodeMalformed, "a frame must be a JSON object"},
	}
	for _, tc := range cases {
		if err := c.WriteMessage(websocket.TextMessage, []byte(tc.frame)); err != nil {
			t.Fatal(err)
		}
		f := readFrame(t, c)
		if f.Type != "error" || f.Error == nil || f.Error.Code != tc.code || f.Error.Message != tc.message {
			t.Errorf("%s: got %s, want error %s %q", tc.frame, f.raw, tc.code, tc.message)
		}
	}
}

func TestWebsocketWithoutHandle(t *testing.T) {
	ws := startWS(t, &realtimetest.Log{}, HubOptions{}, ServeOptions{}, nil)
	c := ws.dial(t, nil, "")
	expectLastID(t, c, "ready", 0)
	send(t, c, map[string]any{"type": "message", "client_id": "c1"})
	if f := readFrame(t, c); f.Type != "error" || f.ClientID != "c1" || f.Error.Code != parley.CodeInvalid {
		t.Fatalf("got %s, want an invalid error", f.raw)
	}
}

func TestWebsocketFrameSizeLimit(t *testing.T) {
	ws := startWS(t, &realtimetest.Log{}, HubOptions{}, ServeOptions{}, nil)
	c := ws.dial(t, nil, "")
	expectLastID(t, c, "ready", 0)

	head := `{"type":"ping","client_id":"big","text":"`
	pad := strings.Repeat("x", MaxFrameSize-len(head)-2)
	if err := c.WriteMessage(websocket.TextMessage, []byte(head+pad+`"}`)); err != nil {
		t.Fatal(err)
	}
	if f := readFrame(t, c); f.Type != "pong" || f.ClientID != "big" {
		t.Fatalf("a frame of exactly %d bytes: got %s, want pong", MaxFrameSize, f.raw)
	}
	if err := c.WriteMessage(websocket.TextMessage, []byte(head+pad+`x"}`)); err != nil {
		t.Fatal(err)
	}
	expectClose(t, c, websocket.CloseMessageTooBig)
	c.Close()
	if err := ws.end(t); !errors.Is(err, websocket.ErrReadLimit) {
		t.Fatalf("the connection ended with %v, want ErrReadLimit", err)
	}
	waitFor(t, "the subscription to go", func() bool { return ws.hub.Subscribers() == 0 })
}

func TestWebsocketBinaryFramesArePolicyViolations(t *testing.T) {
	ws := startWS(t, &realtimetest.Log{}, HubOptions{}, ServeOptions{}, nil)
	c := ws.dial(t, nil, "")
	expectLastID(t, c, "ready", 0)
	if err := c.WriteMessage(websocket.BinaryMessage, []byte{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	expectClose(t, c, websocket.ClosePolicyViolation)
}

func TestWebsocketShutdownSaysRestart(t *testing.T) {
	log := &realtimetest.Log{}
	ws := startWS(t, log, HubOptions{}, ServeOptions{}, nil)
	c := ws.dial(t, nil, "")
	expectLastID(t, c, "ready", 0)
	ws.hub.Shutdown()
	expectClose(t, c, websocket.CloseServiceRestart)
	if err := ws.end(t); err != nil {
		t.Fatalf("the connection ended with %v, want nil after an orderly close", err)
	}

	late := ws.dial(t, nil, "")
	expectClose(t, late, websocket.CloseServiceRestart)
}

func TestWebsocketResync(t *testing.T) {
	log := &realtimetest.Log{}
	log.Append(staffEvents(5)...)
	ws := startWS(t, log, HubOptions{MaxCatchUp: 2}, ServeOptions{}, nil)
	c := ws.dial(t, nil, "since=0")
	expectLastID(t, c, "resync", 5)
	expectClose(t, c, websocket.CloseNormalClosure)

	ok := ws.dial(t, nil, "since=3")
	expectEvent(t, ok, 4)
	expectEvent(t, ok, 5)
	expectLastID(t, ok, "ready", 5)
}

func TestWebsocketTooSlow(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	log := &realtimetest.Log{}
	ws := startWS(t, log, HubOptions{MaxPending: 4}, ServeOptions{}, smallBuffers{ln})
	c := ws.dial(t, smallBufferDialer(), "")
	expectLastID(t, c, "ready", 0)

	// The client reads nothing more: its buffers fill, the writer blocks, the queue grows.
	data, _ := json.Marshal(map[string]string{"text": strings.Repeat("y", 8<<10)})
	e := staff(parley.EventMessageCreated)
	e.Data = data
	ws.hub.Deliver(log.Append(e))
	// The writer has taken the first event before the flood, so it will be sent.
	waitFor(t, "the writer to take event 1", func() bool { return ws.hub.LastID() == 1 && pending(ws.hub) == 0 })
	deadline := time.Now().Add(waitLimit)
	for ws.hub.Subscribers() > 0 {
		if time.Now().After(deadline) {
			t.Fatal("the slow subscriber was not closed")
		}
		ws.hub.Deliver(log.Append(e))
	}
	// What was sent arrives in order, then the close that says to resume.
	var next int64 = 1
	c.SetReadDeadline(time.Now().Add(waitLimit))
	for {
		_, msg, err := c.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if !errors.As(err, &ce) || ce.Code != CloseTooSlow {
				t.Fatalf("ended with %v, want close code %d", err, CloseTooSlow)
			}
			break
		}
		var f frame
		if err := json.Unmarshal(msg, &f); err != nil || f.Event == nil || f.Event.ID != next {
			t.Fatalf("got %.80s, want event %d", msg, next)
		}
		next++
	}
	if next == 1 {
		t.Fatal("no event arrived before the close")
	}
}

func TestWebsocketDeadPeer(t *testing.T) {
	// PongWait leaves the live client room on a loaded machine; the dead one still
	// times out within PingInterval+PongWait.
	opts := ServeOptions{PingInterval: 20 * time.Millisecond, PongWait: 500 * time.Millisecond}
	ws := startWS(t, &realtimetest.Log{}, HubOptions{}, opts, nil)

	// A live client answers pings while it reads, and stays.
	live := ws.dial(t, nil, "")
	expectLastID(t, live, "ready", 0)
	pings := make(chan struct{}, 100)
	live.SetPingHandler(func(data string) error {
		pings <- struct{}{}
		return live.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(time.Second))
	})
	go func() {
		for {
			if _, _, err := live.ReadMessage(); err != nil {
				return
			}
		}
	}()
	for range 10 {
		select {
		case <-pings:
		case <-time.After(waitLimit):
			t.Fatal("no ping")
		}
	}
	if n := ws.hub.Subscribers(); n != 1 {
		t.Fatalf("%d subscribers after 10 pings answered, want 1", n)
	}

	// A dead one never reads, so never answers.
	dead := ws.dial(t, nil, "")
	_ = dead
	err := ws.end(t)
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("the connection ended with %v, want a read timeout", err)
	}
	if n := ws.hub.Subscribers(); n != 1 {
		t.Fatalf("%d subscribers, want the live one", n)
	}
}

func TestWebsocketClientCloses(t *testing.T) {
	ws := startWS(t, &realtimetest.Log{}, HubOptions{}, ServeOptions{}, nil)
	c := ws.dial(t, nil, "")
	expectLastID(t, c, "ready", 0)
	msg := websocket.FormatCloseMessage(websocket.CloseGoingAway, "bye")
	if err := c.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := ws.end(t); err != nil {
		t.Fatalf("the connection ended with %v, want nil", err)
	}
	if n := ws.hub.Subscribers(); n != 0 {
		t.Fatalf("%d subscribers after the client left", n)
	}
}

// pending counts the events queued in the hub's subscriptions.
func pending(h *Hub) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, idx := range []map[int64][]*Subscription{h.agents, h.visitors} {
		for _, subs := range idx {
			for _, s := range subs {
				s.mu.Lock()
				n += len(s.queue) + len(s.catchUp)
				s.mu.Unlock()
			}
		}
	}
	return n
}
