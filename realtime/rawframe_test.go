package realtime

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// TestTextFramesReadByAClient writes frames of every length encoding in one
// buffer, as a batch goes out, and reads them back with the websocket library.
func TestTextFramesReadByAClient(t *testing.T) {
	var payloads [][]byte
	var frames []byte
	for i, n := range []int{0, 1, 125, 126, 127, 1000, 0xffff, 0x10000, 70_000} {
		p := make([]byte, n)
		for j := range p {
			p[j] = 'a' + byte((i+j)%26)
		}
		payloads = append(payloads, p)
		frames = appendTextFrame(frames, p)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
		if err != nil {
			return // the client fails to dial
		}
		defer ws.Close()
		if _, err := ws.NetConn().Write(frames); err != nil {
			t.Errorf("writing frames: %v", err)
			return
		}
		_, _, _ = ws.ReadMessage() // until the client has read them and gone
	}))
	defer srv.Close()

	c, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http"), nil)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(waitLimit))
	for _, want := range payloads {
		typ, got, err := c.ReadMessage()
		if err != nil {
			t.Fatalf("reading the frame of %d bytes: %v", len(want), err)
		}
		if typ != websocket.TextMessage || !bytes.Equal(got, want) {
			t.Fatalf("got a frame of type %d and %d bytes, want text of %d bytes", typ, len(got), len(want))
		}
	}
}

func TestTextFrameHeaders(t *testing.T) {
	cases := []struct {
		n    int
		head []byte
	}{
		{0, []byte{0x81, 0}},
		{125, []byte{0x81, 125}},
		{126, []byte{0x81, 126, 0, 126}},
		{0xffff, []byte{0x81, 126, 0xff, 0xff}},
		{0x10000, []byte{0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0}},
	}
	for _, tc := range cases {
		f := appendTextFrame([]byte("x"), make([]byte, tc.n))
		if !bytes.Equal(f[1:1+len(tc.head)], tc.head) || len(f) != 1+len(tc.head)+tc.n {
			t.Errorf("%d bytes: frame starts % x and has %d bytes, want % x and %d",
				tc.n, f[1:min(len(f), 11)], len(f)-1, tc.head, len(tc.head)+tc.n)
		}
	}
}
