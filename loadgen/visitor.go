package loadgen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"time"

	"github.com/gorilla/websocket"

	"parley"
)

// writeTimeout bounds one frame's write; a server that reads nothing for this
// long is taken for gone.
const writeTimeout = 10 * time.Second

// sendItem is a message a visitor is to send: its kind and number.
type sendItem struct {
	kind byte
	n    int
}

// visitor is one widget visitor with its websocket: a writer sends what the pacer
// queues, a reader records acks and the agents' replies.
type visitor struct {
	r    *messagesRun
	n    int
	conn *websocket.Conn
	out  *fifo[sendItem]
}

// openVisitor starts a session on one of the run's channels and opens its websocket.
func (r *messagesRun) openVisitor(ctx context.Context, i int) (*visitor, error) {
	ch := r.team.channels[i%len(r.team.channels)]
	token, err := visitorSession(ctx, r.api, ch.PublicKey, i)
	if err != nil {
		return nil, err
	}
	conn, err := dialWS(ctx, r.dialer, r.api.wsURL("/api/v1/widget/ws?token="+url.QueryEscape(token)), nil)
	if err != nil {
		r.errs.add(errDial, "visitor %d: %v", i, err)
		return nil, fmt.Errorf("visitor %d: %w", i, err)
	}
	if _, err := waitReady(conn, handshakeTimeout); err != nil {
		conn.Close()
		return nil, fmt.Errorf("visitor %d: %w", i, err)
	}
	v := &visitor{r: r, n: i, conn: conn, out: newFIFO[sendItem]()}
	r.goroutines.Go(v.read)
	r.goroutines.Go(v.write)
	return v, nil
}

// write sends the queued messages until the run's connections close.
func (v *visitor) write() {
	for {
		items := v.out.take(v.r.connCtx)
		if items == nil {
			return
		}
		for _, it := range items {
			f := v.r.flowOf(it.kind)
			frame, err := json.Marshal(outFrame{Type: "message", ClientID: clientID(v.r.team.run, it.kind, it.n), Text: messageText(it.n, v.r.cfg.TextBytes)})
			if err != nil {
				v.r.errs.add(errWrite, "visitor %d: %v", v.n, err)
				return
			}
			f.markSent(it.n)
			if err := writeFrame(v.conn, frame); err != nil {
				if !v.r.closing.Load() {
					v.r.errs.add(errWrite, "visitor %d: %v", v.n, err)
				}
				return
			}
		}
	}
}

// writeFrame writes one text frame within writeTimeout.
func writeFrame(conn *websocket.Conn, frame []byte) error {
	if err := conn.SetWriteDeadline(time.Now().Add(writeTimeout)); err != nil {
		return fmt.Errorf("setting a write deadline: %w", err)
	}
	if err := conn.WriteMessage(websocket.TextMessage, frame); err != nil {
		return fmt.Errorf("writing a frame: %w", err)
	}
	return nil
}

// read handles the server's frames until the connection ends.
func (v *visitor) read() {
	var buf bytes.Buffer
	for {
		data, err := readFrame(v.conn, &buf)
		if err != nil {
			if !v.r.closing.Load() {
				v.r.errs.add(errDisconnect, "visitor %d: %v", v.n, err)
			}
			return
		}
		var f inFrame
		if err := json.Unmarshal(data, &f); err != nil {
			v.r.errs.add(errFrame, "visitor %d: %v in %.200s", v.n, err, data)
			continue
		}
		v.handle(f)
	}
}

func (v *visitor) handle(f inFrame) {
	run := v.r.team.run
	switch f.Type {
	case "ack":
		if kind, n, ok := parseClientID(run, f.ClientID); ok {
			v.r.flowOf(kind).markAcked(n)
		}
	case "error":
		v.r.errs.add(errErrorFrame, "visitor %d, message %s: %s: %s", v.n, f.ClientID, f.Error.Code, f.Error.Message)
	case "event":
		if f.Event.Kind != parley.EventMessageCreated {
			return
		}
		var m messageData
		if err := json.Unmarshal(f.Event.Data, &m); err != nil {
			v.r.errs.add(errFrame, "visitor %d: message data: %v", v.n, err)
			return
		}
		if m.Author.Kind != parley.ActorAgent {
			return
		}
		if kind, n, ok := parseClientID(run, m.ClientID); ok && kind == idReply {
			v.r.replies.markDelivered(n)
		}
	}
}
