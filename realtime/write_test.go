package realtime

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"parley"
	"parley/realtime/realtimetest"
)

// TestWebsocketLongCatchUp sends a catch-up many times maxBatch, with an event
// larger than a batch in the middle, in order and followed by "ready".
func TestWebsocketLongCatchUp(t *testing.T) {
	log := &realtimetest.Log{}
	small, _ := json.Marshal(map[string]string{"text": strings.Repeat("s", 1000)})
	big, _ := json.Marshal(map[string]string{"text": strings.Repeat("b", 2*maxBatch)})
	for i := range 300 {
		e := staff(parley.EventMessageCreated)
		e.Data = small
		if i == 150 {
			e.Data = big
		}
		log.Append(e)
	}
	ws := startWS(t, log, HubOptions{}, ServeOptions{}, nil)
	c := ws.dial(t, nil, "since=0")
	for id := int64(1); id <= 300; id++ {
		f := expectEvent(t, c, id)
		if id == 151 && len(f.Event.Data) != len(big) {
			t.Fatalf("event 151 has %d bytes of data, want %d", len(f.Event.Data), len(big))
		}
	}
	expectLastID(t, c, "ready", 300)
	ws.hub.Deliver(log.Append(staff(parley.EventChatCreated)))
	expectEvent(t, c, 301)
}

// TestWebsocketNoCompression checks that a client asking for compression gets
// none, which the raw frames of write.go rely on.
func TestWebsocketNoCompression(t *testing.T) {
	ws := startWS(t, &realtimetest.Log{}, HubOptions{}, ServeOptions{}, nil)
	c, resp, err := (&websocket.Dialer{EnableCompression: true}).Dial(ws.url+"/ws", nil)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer c.Close()
	if ext := resp.Header.Get("Sec-WebSocket-Extensions"); ext != "" {
		t.Fatalf("the server agreed to extensions %q", ext)
	}
	expectLastID(t, c, "ready", 0)
}

// TestWebsocketAnswersControlFrames checks the replies to the peer's ping and
// close, which the connection writes itself.
func TestWebsocketAnswersControlFrames(t *testing.T) {
	ws := startWS(t, &realtimetest.Log{}, HubOptions{}, ServeOptions{}, nil)
	c := ws.dial(t, nil, "")
	expectLastID(t, c, "ready", 0)

	pongs := make(chan string, 1)
	c.SetPongHandler(func(data string) error {
		pongs <- data
		return nil
	})
	if err := c.WriteControl(websocket.PingMessage, []byte("p1"), time.Now().Add(waitLimit)); err != nil {
		t.Fatal(err)
	}
	// The server reads the ping before this frame, so the pong comes before its answer.
	send(t, c, map[string]any{"type": "ping", "client_id": "after"})
	if f := readFrame(t, c); f.Type != "pong" || f.ClientID != "after" {
		t.Fatalf("got %s, want pong after", f.raw)
	}
	select {
	case data := <-pongs:
		if data != "p1" {
			t.Fatalf("pong %q, want p1", data)
		}
	default:
		t.Fatal("no pong to the ping")
	}

	msg := websocket.FormatCloseMessage(websocket.CloseGoingAway, "bye")
	if err := c.WriteControl(websocket.CloseMessage, msg, time.Now().Add(waitLimit)); err != nil {
		t.Fatal(err)
	}
	_, _, err := c.ReadMessage()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != websocket.CloseGoingAway {
		t.Fatalf("read %v, want the close code echoed", err)
	}
	if err := ws.end(t); err != nil {
		t.Fatalf("the connection ended with %v, want nil", err)
	}
}
