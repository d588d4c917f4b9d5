package loadgen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"parley"
)

// replyItem is an answer an agent owes to visitor message n in a chat.
type replyItem struct {
	n      int
	chatID int64
}

// agent is one bench agent with its console websocket: it accepts what it is
// offered and, when the run replies, answers every visitor message once.
type agent struct {
	r    *messagesRun
	acct benchAgent
	conn *websocket.Conn
	// mine is how this agent's events start their agent_id field: every agent of a
	// queue receives all of the queue's messages, and reading only its own keeps
	// the tool's CPU for the server.
	mine []byte
	out  *fifo[replyItem]

	mu      sync.Mutex
	owned   map[int64]bool
	pending map[int64][]replyItem // answers waiting for the chat's acceptance
}

var agentIDField = []byte(`"agent_id":`)

// openAgent opens an agent's websocket, resuming after since.
func (r *messagesRun) openAgent(ctx context.Context, i int, since int64) (*agent, error) {
	acct := r.team.agents[i]
	conn, err := dialConsole(ctx, r.dialer, r.api, "/api/v1/ws?since="+strconv.FormatInt(since, 10), acct.token, i)
	if err != nil {
		return nil, err
	}
	a := &agent{r: r, acct: acct, conn: conn, out: newFIFO[replyItem](),
		mine:  agentIDPrefix(acct.id),
		owned: map[int64]bool{}, pending: map[int64][]replyItem{}}
	r.goroutines.Go(a.read)
	r.goroutines.Go(a.write)
	return a, nil
}

// read handles the server's frames until the connection ends.
func (a *agent) read() {
	readAgentFrames(a.conn, &a.r.closing, a.r.errs, a.acct.id, func(data []byte) {
		if bytes.Contains(data, agentIDField) && !bytes.Contains(data, a.mine) {
			return // another agent's chat
		}
		var f inFrame
		if err := json.Unmarshal(data, &f); err != nil {
			a.r.errs.add(errFrame, "agent %d: %v in %.200s", a.acct.id, err, data)
			return
		}
		a.handle(f)
	})
}

func (a *agent) handle(f inFrame) {
	switch f.Type {
	case "ack":
		if kind, n, ok := parseClientID(a.r.team.run, f.ClientID); ok && kind == idReply {
			a.r.replies.markAcked(n)
		}
	case "error":
		a.r.errs.add(errErrorFrame, "agent %d, message %s: %s: %s", a.acct.id, f.ClientID, f.Error.Code, f.Error.Message)
	case "event":
		switch f.Event.Kind {
		case parley.EventChatOffered:
			if f.Event.AgentID == a.acct.id {
				a.offered(f.Event)
			}
		case parley.EventMessageCreated:
			a.message(f.Event)
		}
	}
}

// offered times the offer and accepts it in the background, as a console would.
func (a *agent) offered(e inEvent) {
	received := time.Now()
	var d offerData
	if err := json.Unmarshal(e.Data, &d); err != nil {
		a.r.errs.add(errFrame, "agent %d: offer data: %v", a.acct.id, err)
		return
	}
	a.r.offerServer.record(e.At.Sub(d.Chat.CreatedAt))
	a.r.offerReceived.record(received.Sub(d.Chat.CreatedAt))
	a.r.goroutines.Go(func() { a.accept(e.ChatID) })
}

func (a *agent) accept(chatID int64) {
	t0 := time.Now()
	if err := a.r.api.call(a.r.connCtx, "POST", fmt.Sprintf("/api/v1/chats/%d/accept", chatID), a.acct.token, nil, nil); err != nil {
		return // counted as an HTTP error
	}
	a.r.acceptHTTP.record(time.Since(t0))
	a.r.accepted.Add(1)
	a.mu.Lock()
	a.owned[chatID] = true
	waiting := a.pending[chatID]
	delete(a.pending, chatID)
	a.mu.Unlock()
	for _, it := range waiting {
		a.out.push(it)
	}
}

// message records a visitor's message as delivered when it reached the agent the
// chat belongs to (or, in a chat nobody was offered yet, any agent), and queues
// the answer.
func (a *agent) message(e inEvent) {
	if e.AgentID != 0 && e.AgentID != a.acct.id {
		return
	}
	var m messageData
	if err := json.Unmarshal(e.Data, &m); err != nil {
		a.r.errs.add(errFrame, "agent %d: message data: %v", a.acct.id, err)
		return
	}
	if m.Author.Kind != parley.ActorContact {
		return
	}
	kind, n, ok := parseClientID(a.r.team.run, m.ClientID)
	if !ok || (kind != idVisitor && kind != idWarmup) {
		return
	}
	a.r.flowOf(kind).markDelivered(n)
	if kind != idVisitor || !a.r.cfg.Reply || e.AgentID != a.acct.id || !a.r.replies.valid(n) {
		return
	}
	a.r.replies.setDue(n, time.Duration(a.r.replies.now()))
	it := replyItem{n: n, chatID: e.ChatID}
	a.mu.Lock()
	owned := a.owned[e.ChatID]
	if !owned {
		a.pending[e.ChatID] = append(a.pending[e.ChatID], it)
	}
	a.mu.Unlock()
	if owned {
		a.out.push(it)
	}
}

// write sends the queued answers until the run's connections close.
func (a *agent) write() {
	for {
		items := a.out.take(a.r.connCtx)
		if items == nil {
			return
		}
		for _, it := range items {
			frame, err := json.Marshal(outFrame{Type: "message", ClientID: clientID(a.r.team.run, idReply, it.n), ChatID: it.chatID,
				Text: "re: " + messageText(it.n, a.r.cfg.TextBytes)})
			if err != nil {
				a.r.errs.add(errWrite, "agent %d: %v", a.acct.id, err)
				return
			}
			a.r.replies.markSent(it.n)
			if err := writeFrame(a.conn, frame); err != nil {
				if !a.r.closing.Load() {
					a.r.errs.add(errWrite, "agent %d: %v", a.acct.id, err)
				}
				return
			}
		}
	}
}
