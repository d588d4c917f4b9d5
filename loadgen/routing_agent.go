package loadgen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gorilla/websocket"

	"parley"
)

// routingAgent is a bench agent of the "routing" scenario: it accepts every offer
// at once and completes the chat after the run's hold time.
type routingAgent struct {
	r    *routingRun
	acct benchAgent
	conn *websocket.Conn
	mine []byte // how this agent's events start their agent_id field
}

var offeredKind = []byte(`"kind":"` + string(parley.EventChatOffered) + `"`)

// openAgent opens an agent's websocket; the agent is still inactive, so it has
// nothing to resume.
func (r *routingRun) openAgent(ctx context.Context, i int) (*routingAgent, error) {
	acct := r.team.agents[i]
	conn, err := dialConsole(ctx, r.dialer, r.api, "/api/v1/ws", acct.token, i)
	if err != nil {
		return nil, err
	}
	a := &routingAgent{r: r, acct: acct, conn: conn, mine: agentIDPrefix(acct.id)}
	r.goroutines.Go(a.read)
	return a, nil
}

// read handles the server's frames until the connection ends. Only the agent's
// own offers are decoded: the rest of its queues' traffic is skipped as bytes.
func (a *routingAgent) read() {
	readAgentFrames(a.conn, &a.r.closing, a.r.errs, a.acct.id, func(data []byte) {
		if !bytes.Contains(data, offeredKind) || !bytes.Contains(data, a.mine) {
			return
		}
		received := time.Now()
		var f inFrame
		if err := json.Unmarshal(data, &f); err != nil {
			a.r.errs.add(errFrame, "agent %d: %v in %.200s", a.acct.id, err, data)
			return
		}
		a.offered(f.Event, received)
	})
}

// offered times the offer, then accepts and later completes the chat in the
// background, as a console would.
func (a *routingAgent) offered(e inEvent, received time.Time) {
	var d offerData
	if err := json.Unmarshal(e.Data, &d); err != nil {
		a.r.errs.add(errFrame, "agent %d: offer data: %v", a.acct.id, err)
		return
	}
	a.r.noteOffer(e.At.Sub(d.Chat.StateChangedAt), received.Sub(d.Chat.StateChangedAt), received)
	a.r.goroutines.Go(func() { a.take(e.ChatID) })
}

func (a *routingAgent) take(chatID int64) {
	ctx := a.r.connCtx
	t0 := time.Now()
	if err := a.r.api.call(ctx, "POST", fmt.Sprintf("/api/v1/chats/%d/accept", chatID), a.acct.token, nil, nil); err != nil {
		return // counted as an HTTP error
	}
	a.r.acceptHTTP.record(time.Since(t0))
	a.r.accepted.Add(1)
	select {
	case <-time.After(a.r.cfg.Hold):
	case <-ctx.Done():
		return
	}
	if err := a.r.api.call(ctx, "POST", fmt.Sprintf("/api/v1/chats/%d/complete", chatID), a.acct.token, nil, nil); err == nil {
		a.r.completed.Add(1)
	}
}

// noteOffer records one offer's latencies and the span of the offers.
func (r *routingRun) noteOffer(server, asReceived time.Duration, at time.Time) {
	r.offerServer.record(server)
	r.offerReceived.record(asReceived)
	r.offers.Add(1)
	now := at.UnixNano()
	r.firstOffer.CompareAndSwap(0, now)
	for last := r.lastOffer.Load(); now > last && !r.lastOffer.CompareAndSwap(last, now); last = r.lastOffer.Load() {
	}
}
