package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"parley"
	"parley/core"
	"parley/realtime"
)

// Clients.

// client is one websocket user: the admin, an agent or a visitor.
type client interface {
	base() *resumer
	// connected is called on every new connection, to resend what is unanswered.
	connected(ws *wsClient)
	// handle acts on a frame the resumer has recorded.
	handle(ws *wsClient, f frame)
	// dropped is called when a connection ends.
	dropped()
	// unfinished counts the messages sent and not yet acknowledged or refused, and
	// what else the client has yet to do.
	unfinished() int
}

// sender is a client that sends messages.
type sender interface {
	client
	outbox() *outbox
}

// resumer is the part of every client that outlives the server: it keeps every
// event received over all its connections and, when a connection drops, dials
// again with since=<the last id it saw>, as the README tells clients to do.
type resumer struct {
	n      *node
	name   string
	path   string // the websocket's path and query, up to "since="
	header http.Header
	viewer parley.Viewer // who the server takes the client for, to compare with the log

	// mu guards what follows and the state of the client around the resumer; the
	// client's goroutine holds it while it handles a frame.
	mu       sync.Mutex
	ws       *wsClient // the connection, nil while there is none
	deaf     bool      // frames are lost until the connection ends
	lastID   int64
	events   []parley.Event
	conns    int
	problems []string
}

func newResumer(n *node, name, path, token string, v parley.Viewer) *resumer {
	r := &resumer{n: n, name: name, path: path, viewer: v}
	if token != "" && !v.IsVisitor() {
		r.header = bearerHeader(token)
	}
	return r
}

func (r *resumer) problem(format string, args ...any) {
	r.problems = append(r.problems, r.name+": "+fmt.Sprintf(format, args...))
}

// runClient keeps c connected until stop is closed, or, when once is set, until its
// first connection ends.
func runClient(c client, stop <-chan struct{}, once bool) {
	r := c.base()
	for {
		ws, ok := r.connect(stop)
		if !ok {
			return
		}
		r.mu.Lock()
		// One critical section, so that nothing is written on ws before the resend.
		r.conns++
		r.ws = ws
		c.connected(ws)
		r.mu.Unlock()
		if !r.serve(c, ws, stop) || once {
			return
		}
	}
}

// connect dials with since=<last id>, again and again with a growing pause while
// the server is away, for at most reconnectWithin.
func (r *resumer) connect(stop <-chan struct{}) (*wsClient, bool) {
	deadline := time.Now().Add(reconnectWithin)
	pause := 10 * time.Millisecond
	for {
		r.mu.Lock()
		since := r.lastID
		r.mu.Unlock()
		ws, err := r.n.tryDial(r.path+"since="+strconv.FormatInt(since, 10), r.header)
		if err == nil {
			return ws, true
		}
		if time.Now().After(deadline) {
			r.mu.Lock()
			r.problem("no connection within %v: %v", reconnectWithin, err)
			r.mu.Unlock()
			return nil, false
		}
		select {
		case <-stop:
			return nil, false
		case <-time.After(pause):
		}
		pause = min(2*pause, 500*time.Millisecond)
	}
}

// serve hands ws's frames to c until the connection ends (true: reconnect) or stop
// is closed (false).
func (r *resumer) serve(c client, ws *wsClient, stop <-chan struct{}) bool {
	for {
		select {
		case f, ok := <-ws.frames:
			r.mu.Lock()
			switch {
			case !ok:
				r.ws, r.deaf = nil, false
				c.dropped()
			case r.deaf:
				// Lost in the network: the client never sees it.
			case r.record(f):
				c.handle(ws, f)
			}
			r.mu.Unlock()
			if !ok {
				return true
			}
		case <-stop:
			r.mu.Lock()
			r.ws = nil
			r.mu.Unlock()
			ws.conn.Close()
			for range ws.frames { // the reader ends once the connection is closed
			}
			return false
		}
	}
}

// record notes what a frame tells about the log; false for an event received
// before, which the client must not act on twice.
func (r *resumer) record(f frame) bool {
	switch f.Type {
	case "event":
		if f.Event.ID == 0 {
			return true // typing is never stored
		}
		if f.Event.ID <= r.lastID {
			r.problem("event %d (%s) came after %d: doubled or out of order", f.Event.ID, f.Event.Kind, r.lastID)
			return false
		}
		r.events = append(r.events, f.Event)
		r.lastID = f.Event.ID
	case "ready":
		// Every event up to the ready id that this client may see came in the catch-up.
		r.lastID = max(r.lastID, f.LastEventID)
	case "resync":
		r.problem("told to resync at %d while at %d: the server lost its place in the log", f.LastEventID, r.lastID)
		r.lastID = f.LastEventID
	case "closed":
		if f.closeCode == realtime.CloseRevoked {
			r.problem("access revoked")
		}
	}
	return true
}

// observer only reads: the admin, who sees every chat.
type observer struct{ *resumer }

func (o *observer) base() *resumer        { return o.resumer }
func (*observer) connected(*wsClient)     {}
func (*observer) handle(*wsClient, frame) {}
func (*observer) dropped()                {}
func (*observer) unfinished() int         { return 0 }

// sent is one message a client sent and what became of it.
type sent struct {
	clientID string
	chatID   int64 // the chat of an agent's reply
	text     string
	sends    int  // times written to a websocket
	orphaned bool // a connection ended before its answer came, so it was sent again
	acked    bool
	id       int64 // the message id of the first ack
	created  bool  // whether the first ack said the message was new
	refused  parley.ErrorCode
}

func (s *sent) settled() bool { return s.acked || s.refused != "" }

// outbox is every message a client sent, in order.
type outbox struct {
	all     []*sent
	byID    map[string]*sent
	pending int // sent, neither acknowledged nor refused
}

// send writes s to ws. A failed write closes ws, whose reader then reports the drop;
// s stays pending and goes again on the next connection.
func (o *outbox) send(ws *wsClient, s *sent) {
	if o.byID == nil {
		o.byID = map[string]*sent{}
	}
	if _, ok := o.byID[s.clientID]; !ok {
		o.all = append(o.all, s)
		o.byID[s.clientID] = s
		o.pending++
	}
	s.sends++
	_ = ws.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
	if err := ws.conn.WriteJSON(realtime.ClientFrame{Type: "message", ClientID: s.clientID, ChatID: s.chatID, Text: s.text}); err != nil {
		ws.conn.Close()
	}
}

// resend writes every unanswered message again, with its first client_id.
func (o *outbox) resend(ws *wsClient) {
	for _, s := range o.all {
		if !s.settled() {
			o.send(ws, s)
		}
	}
}

// orphan marks what a dropped connection left unanswered.
func (o *outbox) orphan() {
	for _, s := range o.all {
		if !s.settled() {
			s.orphaned = true
		}
	}
}

// settle applies an ack or an error frame and returns the message it answers the
// first time, or nil.
func (o *outbox) settle(f frame, problem func(string, ...any)) *sent {
	s := o.byID[f.ClientID]
	if s == nil {
		problem("%s for a client_id never sent: %q", f.Type, f.ClientID)
		return nil
	}
	if s.settled() {
		problem("%s answered twice: %s after acked=%v refused=%q", s.clientID, f.Type, s.acked, s.refused)
		return nil
	}
	o.pending--
	if f.Type == "error" {
		s.refused = parley.ErrorCode(f.Error.Code)
		return s
	}
	var res core.SendResult
	if err := json.Unmarshal(f.Data, &res); err != nil || res.Message.ID == 0 {
		problem("ack of %s without a message: %s", s.clientID, f.Data)
	}
	s.acked, s.id, s.created = true, res.Message.ID, res.Created
	if !s.created && s.sends == 1 {
		problem("%s was sent once but acknowledged as a repeat of message %d", s.clientID, s.id)
	}
	return s
}

// visitorClient writes without pause, up to window messages ahead of the acks, and
// completes its chat every perChat messages (if perChat is not 0), so that the next
// starts a new one.
type visitorClient struct {
	*resumer
	token   string
	window  int
	perChat int
	due     int // the number of messages written at which the chat is to be completed
	written int
	out     outbox
	writing <-chan struct{} // closed when visitors are to stop writing
	acks    *atomic.Int64   // every visitor's acknowledged messages
	// leaves says the visitor completes its chat once it stops writing, so that
	// routing has to give the freed places to chats that wait.
	leaves, left bool
}

func (v *visitorClient) base() *resumer  { return v.resumer }
func (v *visitorClient) outbox() *outbox { return &v.out }
func (v *visitorClient) dropped()        { v.out.orphan() }
func (v *visitorClient) unfinished() int {
	if v.leaves && !v.left {
		return v.out.pending + 1
	}
	return v.out.pending
}
func (v *visitorClient) connected(ws *wsClient) {
	v.out.resend(ws)
	v.write(ws)
}

func (v *visitorClient) handle(ws *wsClient, f frame) {
	if f.Type != "ack" && f.Type != "error" {
		return
	}
	if s := v.out.settle(f, v.problem); s != nil {
		if s.refused != "" {
			v.problem("%s refused: %s %s", s.clientID, f.Error.Code, f.Error.Message)
		} else {
			v.acks.Add(1)
		}
	}
	v.write(ws)
}

// write sends new messages while the window has room, completing the chat first
// when it is due.
func (v *visitorClient) write(ws *wsClient) {
	if !isOpen(v.writing) && v.leaves && !v.left && v.out.pending == 0 {
		v.left = v.completeChat()
	}
	for isOpen(v.writing) {
		if v.perChat > 0 && v.written == v.due {
			if v.out.pending > 0 || !v.completeChat() {
				return // after the last ack, or on the next connection
			}
			v.due += v.perChat
		}
		if v.out.pending >= v.window {
			return
		}
		v.written++
		id := fmt.Sprintf("%s-%d", v.name, v.written)
		v.out.send(ws, &sent{clientID: id, text: "message " + id})
	}
}

// completeChat ends the visitor's chat over HTTP; false when the server could not
// be reached. A 409 says there is no open chat: the server died after completing
// it and before answering.
func (v *visitorClient) completeChat() bool {
	status, body, err := v.n.do("POST", "/api/v1/widget/complete", v.token, nil)
	if err != nil {
		return false
	}
	if status != http.StatusOK && status != http.StatusConflict {
		v.problem("completing the chat: status %d: %s", status, body)
	}
	return true
}

// agentClient accepts every chat offered to it over HTTP, as the console does, and
// answers visitor messages in the chats it owns over its websocket.
type agentClient struct {
	*resumer
	token  string
	idle   bool // accepts nothing
	window int  // replies on their way at most
	owned  map[int64]bool
	offers map[int64]bool // offered to this agent and not yet accepted, ended or completed
	out    outbox
}

func (a *agentClient) base() *resumer  { return a.resumer }
func (a *agentClient) outbox() *outbox { return &a.out }
func (a *agentClient) dropped()        { a.out.orphan() }
func (a *agentClient) unfinished() int { return a.out.pending }

func (a *agentClient) connected(ws *wsClient) {
	a.out.resend(ws)
	for id := range a.offers {
		a.accept(id)
	}
}

func (a *agentClient) handle(ws *wsClient, f frame) {
	switch f.Type {
	case "event":
		a.follow(ws, f.Event)
	case "ack", "error":
		// Only a chat the visitor completed meanwhile may refuse a reply.
		if s := a.out.settle(f, a.problem); s != nil && s.refused != "" && s.refused != parley.CodeConflict {
			a.problem("reply %s refused: %s %s", s.clientID, f.Error.Code, f.Error.Message)
		}
	}
}

// follow keeps track of the agent's invitations and chats, and answers visitors.
func (a *agentClient) follow(ws *wsClient, e parley.Event) {
	mine := e.AgentID == a.viewer.AgentID
	switch e.Kind {
	case parley.EventChatOffered:
		if mine && !a.idle {
			a.offers[e.ChatID] = true
			a.accept(e.ChatID)
		}
	case parley.EventChatOfferEnded:
		if mine {
			delete(a.offers, e.ChatID)
		}
	case parley.EventChatAccepted:
		delete(a.offers, e.ChatID)
		if mine {
			a.owned[e.ChatID] = true
		}
	case parley.EventChatCompleted:
		delete(a.offers, e.ChatID)
		delete(a.owned, e.ChatID)
	case parley.EventMessageCreated:
		var m parley.Message
		if err := json.Unmarshal(e.Data, &m); err != nil {
			a.problem("event %d: %v", e.ID, err)
			return
		}
		// A busy agent answers what comes while fewer than window replies are on
		// their way, and lets the rest go unanswered, so that replies keep up.
		if m.Author.Kind == parley.ActorContact && a.owned[m.ChatID] && a.out.pending < a.window {
			id := fmt.Sprintf("%s-re-%d", a.name, m.ID)
			a.out.send(ws, &sent{clientID: id, chatID: m.ChatID, text: "re: " + m.Text})
		}
	}
}

// accept takes an offered chat. A refusal (the invitation expired, or an accept
// before the kill went through) forgets it: the events tell the rest. A network
// error keeps it for the next connection.
func (a *agentClient) accept(chatID int64) {
	status, body, err := a.n.do("POST", fmt.Sprintf("/api/v1/chats/%d/accept", chatID), a.token, nil)
	if err != nil {
		return
	}
	if status != http.StatusOK && status != http.StatusConflict {
		a.problem("accepting chat %d: status %d: %s", chatID, status, body)
	}
	delete(a.offers, chatID)
}
