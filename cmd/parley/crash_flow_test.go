package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"parley"
	"parley/core"
	"parley/sqlstore"
	"parley/sqlstore/storetest"
)

// crashEnv selects the long variant of the crash test.
const crashEnv = "PARLEY_TEST_CRASH"

const (
	// acceptTimeout is the queue's minimum, in seconds: invitations the crash leaves
	// pending expire soon after the restart, so the test sees durable timers fire.
	acceptTimeout = 5
	// timerInterval is how often the server looks for due timers.
	timerInterval = 50 * time.Millisecond
	// reconnectWithin bounds how long a client keeps dialling a server that is away.
	reconnectWithin = 60 * time.Second
	// phaseTimeout bounds each wait of the test; generous, for -race on two cores.
	phaseTimeout = 2 * time.Minute
)

// crashScale sizes one run of the crash test.
type crashScale struct {
	visitors  int // widget visitors, each writing without pause; one more writes at night
	agents    int // agents who accept and answer chats; the idle agent comes on top
	chatLimit int // the queue's limit of chats per agent
	window    int // messages a visitor may have sent and not yet seen answered
	perChat   int // messages a visitor writes before it completes its chat and starts another
	kills     int // times the server is killed
	acks      int // visitor messages acknowledged before each kill, and after the last restart
}

// crashScaleFromEnv is a short run unless PARLEY_TEST_CRASH asks for the long one.
func crashScaleFromEnv() crashScale {
	if os.Getenv(crashEnv) != "" {
		return crashScale{visitors: 24, agents: 5, chatLimit: 3, window: 8, perChat: 25, kills: 3, acks: 3000}
	}
	return crashScale{visitors: 6, agents: 2, chatLimit: 2, window: 4, perChat: 30, kills: 2, acks: 300}
}

// TestCrashSafety runs visitors and agents against a server process, kills it with
// SIGKILL while messages are in flight, starts it again on the same database and lets
// every client reconnect and resend what was not acknowledged. Then nothing
// acknowledged may be lost or doubled, in the database or on any client's websocket,
// and every chat must be consistent: owner, limits, invitations and their timers.
// PARLEY_TEST_CRASH=1 runs a longer variant with more clients and three kills.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	scale := crashScaleFromEnv()
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			r := &crashRun{t: t, scale: scale, db: db}
			r.run()
		})
	}
}

// crashRun is one run of the crash test against one database.
type crashRun struct {
	t      *testing.T
	scale  crashScale
	db     storetest.Database
	proc   *serverProc
	n      *node
	check  *sqlstore.Store // reads the database behind the server's back
	queues []parley.Queue

	admin    *observer
	agents   []*agentClient
	visitors []*visitorClient
	// idle is an agent who left the desk with the console open: active, so chats are
	// offered to them, but never accepting, and gone for good at the first kill. Their
	// invitations end only by their timers, across the restart.
	idle *agentClient
	// deaf is a visitor who, before each kill, stops hearing its connection: the acks
	// of the messages it has in flight are lost with the connection, although the
	// server stored at least one of them. Resent after the restart, they must come
	// back as the first delivery. (Left to chance, a kill rarely falls between a
	// commit and its acks.)
	deaf *visitorClient

	acks    atomic.Int64  // visitor messages acknowledged, to time the kills
	writing chan struct{} // closed when visitors are to stop writing
	stop    chan struct{} // closed when every client is to stop
	running sync.WaitGroup

	crashOffers []pendingOffer // invitations pending when the server died
	crashRounds []pendingOffer // chats awaiting a new routing round then (agentID 0)
}

// pendingOffer is an invitation as the database held it at a kill.
type pendingOffer struct {
	chatID, agentID, seq int64
	due                  time.Time
	after                int64 // the last event id at the kill
}

func (r *crashRun) run() {
	start := time.Now()
	r.setUp()
	r.startClients()
	for k := 1; k <= r.scale.kills; k++ {
		r.crash(k)
	}
	r.awaitAcks(int64(r.scale.kills+1) * int64(r.scale.acks))
	r.stopWriting()
	tops := r.settle()
	r.awaitTimers()
	r.stopClients()
	r.proc.stop()

	st := r.readState()
	r.checkChats(st, "at the end")
	r.checkMessages(st)
	r.checkReaders(st, tops)
	r.t.Logf("%d messages, %d events, %d chats, %d kills, %s", len(st.messages), len(st.events), len(st.chats),
		r.scale.kills, time.Since(start).Round(time.Millisecond))
}

// setUp starts the server and makes the admin, the agents, two queues with a short
// accept timeout and a web channel each, and the visitors' sessions.
func (r *crashRun) setUp() {
	t := r.t
	addAdmin(t, r.db.URL)
	r.check = storetest.Open(t, r.db, nil)
	r.proc = newServerProc(t, r.db.URL)
	r.proc.start()
	r.n = &node{t: t, base: "http://" + r.proc.addr}
	admin := r.n.login("admin@example.com")
	// The admin is in no queue: offered nothing, it sees every chat, the reader
	// every message must reach.
	r.admin = &observer{newResumer(r.n, "admin", "/api/v1/ws?", admin.token,
		parley.Viewer{AgentID: admin.agent.ID, Role: parley.RoleAdmin})}

	ids := make([]int64, r.scale.agents+1) // the last is the idle agent
	for i := range ids {
		var a parley.Agent
		r.n.call("POST", "/api/v1/agents", admin.token, core.AgentInput{Email: agentEmail(i),
			Name: fmt.Sprintf("Agent %d", i), Password: "password123"}, 201, &a)
		ids[i] = a.ID
	}
	var room parley.Room
	r.n.call("POST", "/api/v1/rooms", admin.token, map[string]any{"name": "Support"}, 201, &room)
	// The busy queue has more visitors than its agents have room for, so that chats
	// also wait unoffered. The night queue has the idle agent alone, so that its one
	// chat is offered to them all the time, the kill included, and only a timer
	// ends each invitation.
	busy, site := r.addQueue(admin.token, room.ID, "Busy", ids[:r.scale.agents])
	night, nightSite := r.addQueue(admin.token, room.ID, "Night", ids[r.scale.agents:])
	for i, id := range ids {
		queue := busy
		if i == r.scale.agents {
			queue = night
		}
		r.agents = append(r.agents, r.addAgent(i, id, queue))
	}
	r.idle = r.agents[r.scale.agents]
	r.idle.idle = true
	for i := range r.scale.visitors {
		r.visitors = append(r.visitors, r.addVisitor(fmt.Sprintf("v%d", i), site, r.scale.perChat))
	}
	r.deaf = r.visitors[0]
	r.visitors = append(r.visitors, r.addVisitor("night", nightSite, 0))
}

// addAdmin makes admin@example.com in the database with parley user add.
func addAdmin(t *testing.T, database string) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), []string{"user", "add", "--database", database, "--email", "admin@example.com",
		"--name", "Admin", "--password", "password123"}, strings.NewReader(""), &out, &out)
	if err != nil {
		t.Fatalf("user add: %v: %s", err, out.String())
	}
}

func agentEmail(i int) string { return fmt.Sprintf("agent%d@example.com", i) }

// addQueue makes a queue of the members and a web channel into it, and returns
// the queue's id and the channel's public key.
func (r *crashRun) addQueue(token string, roomID int64, name string, members []int64) (int64, string) {
	var q parley.Queue
	r.n.call("POST", "/api/v1/queues", token, map[string]any{"name": name, "room_id": roomID, "members": members,
		"chat_limit": r.scale.chatLimit, "accept_timeout": acceptTimeout}, 201, &q)
	var ch parley.Channel
	r.n.call("POST", "/api/v1/channels", token, map[string]any{"name": name + " site", "queue_id": q.ID,
		"welcome_message": "Hello!"}, 201, &ch)
	r.queues = append(r.queues, q)
	return q.ID, ch.PublicKey
}

// addAgent logs agent i in and makes them active.
func (r *crashRun) addAgent(i int, id, queueID int64) *agentClient {
	s := r.n.login(agentEmail(i))
	r.n.call("PUT", "/api/v1/me/status", s.token, map[string]string{"status": "active"}, 200, nil)
	return &agentClient{
		resumer: newResumer(r.n, fmt.Sprintf("agent%d", i), "/api/v1/ws?", s.token,
			parley.Viewer{AgentID: id, Role: parley.RoleAgent, Queues: []int64{queueID}}),
		token: s.token, window: r.scale.window, owned: map[int64]bool{}, offers: map[int64]bool{},
	}
}

// addVisitor starts a widget session on the channel with the key.
func (r *crashRun) addVisitor(name, key string, perChat int) *visitorClient {
	var sess core.VisitorSession
	r.n.call("POST", "/api/v1/widget/sessions", "", core.VisitorStart{Key: key}, 201, &sess)
	return &visitorClient{
		resumer: newResumer(r.n, name, "/api/v1/widget/ws?token="+url.QueryEscape(sess.Token)+"&", "",
			parley.Viewer{IdentityID: sess.IdentityID}),
		token: sess.Token, window: r.scale.window, due: perChat, perChat: perChat, acks: &r.acks,
	}
}

// clients returns every client, the admin first.
func (r *crashRun) clients() []client {
	all := []client{r.admin}
	for _, a := range r.agents {
		all = append(all, a)
	}
	for _, v := range r.visitors {
		all = append(all, v)
	}
	return all
}

func (r *crashRun) startClients() {
	r.writing, r.stop = make(chan struct{}), make(chan struct{})
	for _, v := range r.visitors {
		v.writing = r.writing
	}
	for _, c := range r.clients() {
		r.running.Add(1)
		go func() {
			defer r.running.Done()
			runClient(c, r.stop, c == client(r.idle))
		}()
	}
	r.t.Cleanup(r.reportProblems)
	r.t.Cleanup(r.stopClients)
}

func (r *crashRun) stopClients() {
	if isOpen(r.stop) {
		close(r.stop)
	}
	r.running.Wait()
}

// reportProblems fails the test with what the clients noticed on their own:
// doubled events, resyncs, refusals, acks that contradict each other.
func (r *crashRun) reportProblems() {
	for _, c := range r.clients() {
		b := c.base()
		b.mu.Lock()
		for _, p := range b.problems {
			r.t.Error(p)
		}
		b.mu.Unlock()
	}
}

// awaitAcks waits until visitors have seen n of their messages acknowledged.
func (r *crashRun) awaitAcks(n int64) {
	eventually(r.t, phaseTimeout, fmt.Sprintf("%d visitor messages acknowledged", n), func() (bool, string) {
		got := r.acks.Load()
		return got >= n, fmt.Sprintf("%d acknowledged", got)
	})
}

// crash kills the server with SIGKILL while visitors keep writing, once the deaf
// visitor has a message stored that it never saw acknowledged; it checks the state
// the kill left in the database and starts the server again on the same address.
func (r *crashRun) crash(k int) {
	r.awaitAcks(int64(k) * int64(r.scale.acks))
	r.deafen(r.deaf)
	r.proc.kill()
	st := r.readState()
	r.checkChats(st, fmt.Sprintf("after kill %d", k))
	offers := st.offers()
	for i := range offers {
		offers[i].after = st.events[len(st.events)-1].ID
	}
	r.crashOffers = append(r.crashOffers, offers...)
	r.crashRounds = append(r.crashRounds, st.newRounds()...)
	r.t.Logf("kill %d: %d messages stored, %d invitations pending", k, len(st.messages), len(offers))
	r.proc.start()
}

// stopWriting tells visitors to write no more and waits for their last acks. Then
// every visitor whose chat holds a place in the busy queue leaves (completes it),
// and those whose chats wait for a place stay: routing must give them the places
// the others freed, which the final checks see.
func (r *crashRun) stopWriting() {
	close(r.writing)
	eventually(r.t, phaseTimeout, "the visitors' last acks", func() (bool, string) {
		for _, v := range r.visitors {
			v.mu.Lock()
			pending := v.out.pending
			v.mu.Unlock()
			if pending > 0 {
				return false, fmt.Sprintf("%s has %d messages unanswered", v.name, pending)
			}
		}
		return true, ""
	})
	busy := r.queues[0].ID
	chats, err := r.check.Chats(context.Background(), parley.ChatFilter{QueueIDs: []int64{busy},
		States: []parley.ChatState{parley.ChatWaiting}, Limit: 500})
	if err != nil {
		r.t.Fatal(err)
	}
	waiting := map[int64]bool{}
	for _, c := range chats {
		waiting[c.IdentityID] = c.OfferedTo == 0
	}
	stay := 0
	for _, v := range r.visitors[:r.scale.visitors] { // not the night visitor
		if waiting[v.viewer.IdentityID] {
			stay++
			continue
		}
		v.mu.Lock()
		v.leaves = true
		if v.ws != nil {
			v.write(v.ws) // else at its next connection
		}
		v.mu.Unlock()
	}
	r.t.Logf("%d of %d visitors stay, their chats waiting for a place; the others leave", stay, r.scale.visitors)
}

// deafen makes v stop hearing its connection, as if every frame from now on were
// lost in the network, and waits until the server has stored a message whose ack v
// will therefore never see.
func (r *crashRun) deafen(v *visitorClient) {
	v.mu.Lock()
	v.deaf = true
	if v.ws != nil {
		v.write(v.ws) // fill the window, in case it was empty
	}
	var unheard []string
	for _, s := range v.out.all {
		if !s.settled() {
			unheard = append(unheard, s.clientID)
		}
	}
	v.mu.Unlock()
	if len(unheard) == 0 {
		r.t.Fatalf("%s has nothing in flight to go deaf on", v.name)
	}
	eventually(r.t, phaseTimeout, fmt.Sprintf("one of %v stored", unheard), func() (bool, string) {
		ctx := context.Background()
		// The chat it writes in, or the one before if it has just completed that.
		chats, err := r.check.Chats(ctx, parley.ChatFilter{IdentityID: v.viewer.IdentityID, Limit: 2})
		if err != nil {
			r.t.Fatal(err)
		}
		for _, c := range chats {
			ms, err := r.check.Messages(ctx, parley.MessageFilter{ChatID: c.ID, Limit: 1000})
			if err != nil {
				r.t.Fatal(err)
			}
			if slices.ContainsFunc(ms, func(m parley.Message) bool { return slices.Contains(unheard, m.ClientID) }) {
				return true, ""
			}
		}
		return false, "none yet"
	})
}

// settle waits until nothing is in flight: every message and reply answered, and
// every client still connected holding all the log has for it. It returns the last
// id each client may see at that moment.
func (r *crashRun) settle() map[client]int64 {
	var tops map[client]int64
	eventually(r.t, phaseTimeout, "clients to settle", func() (bool, string) {
		tops = map[client]int64{}
		type status struct{ last, unfinished int64 }
		seen := map[client]status{}
		from := int64(-1)
		for _, c := range r.live() {
			b := c.base()
			b.mu.Lock()
			s := status{b.lastID, int64(c.unfinished())}
			b.mu.Unlock()
			if s.unfinished > 0 {
				return false, fmt.Sprintf("%s has %d things unfinished", b.name, s.unfinished)
			}
			seen[c] = s
			if from < 0 || s.last < from {
				from = s.last
			}
		}
		events := r.events(from)
		for c, s := range seen {
			top := lastVisible(events, c.base().viewer)
			if s.last < top {
				return false, fmt.Sprintf("%s is at event %d of %d", c.base().name, s.last, top)
			}
			tops[c] = top
		}
		return true, ""
	})
	return tops
}

// live returns the clients that reconnect: all but the idle agent.
func (r *crashRun) live() []client {
	return slices.DeleteFunc(r.clients(), func(c client) bool { return c == client(r.idle) })
}

// awaitTimers waits for every invitation the kills left pending to end, accepted
// after the restart or expired, and checks that those held by the idle agent, who
// never came back, expired by their timer, no earlier than it was due. Then no timer
// may be overdue.
func (r *crashRun) awaitTimers() {
	ctx := context.Background()
	idle := 0
	for _, o := range r.crashOffers {
		what := fmt.Sprintf("chat %d's invitation to agent %d (offer %d, due %s) to end", o.chatID, o.agentID, o.seq,
			o.due.Format(time.StampMilli))
		eventually(r.t, max(time.Until(o.due), 0)+10*time.Second, what, func() (bool, string) {
			c, err := r.check.Chat(ctx, o.chatID)
			if err != nil {
				r.t.Fatal(err)
			}
			pending := c.State == parley.ChatWaiting && c.OfferedTo == o.agentID && c.OfferSeq == o.seq
			return !pending, fmt.Sprintf("still pending at %s", time.Now().Format(time.StampMilli))
		})
		if o.agentID == r.idle.viewer.AgentID {
			idle++
			r.checkExpired(o)
		}
	}
	rounds := r.awaitRounds()
	if idle+rounds < r.scale.kills {
		r.t.Errorf("%d invitations to the idle agent were pending, and %d new rounds awaited, at %d kills; "+
			"the night chat should hold an invitation or await its new round at each", idle, rounds, r.scale.kills)
	}
	eventually(r.t, 10*time.Second, "no timer overdue", func() (bool, string) {
		due, err := r.check.DueTimers(ctx, time.Now().Add(-2*time.Second), 10)
		if err != nil {
			r.t.Fatal(err)
		}
		return len(due) == 0, fmt.Sprintf("overdue: %+v", due)
	})
	r.t.Logf("%d invitations pending at the kills ended after the restart, %d of them by their timer", len(r.crashOffers), idle)
}

// awaitRounds waits for every chat that awaited a new routing round at a kill to
// be offered again (or to end), by the round's timer after the restart, and
// returns how many there were.
func (r *crashRun) awaitRounds() int {
	for _, o := range r.crashRounds {
		what := fmt.Sprintf("chat %d's new round (after offer %d, due %s)", o.chatID, o.seq, o.due.Format(time.StampMilli))
		eventually(r.t, max(time.Until(o.due), 0)+10*time.Second, what, func() (bool, string) {
			c, err := r.check.Chat(context.Background(), o.chatID)
			if err != nil {
				r.t.Fatal(err)
			}
			return c.State != parley.ChatWaiting || c.OfferSeq > o.seq, fmt.Sprintf("still waiting at %s", time.Now().Format(time.StampMilli))
		})
	}
	return len(r.crashRounds)
}

// checkExpired checks that an invitation ended by its timer: the first
// chat.offer_ended event of its chat and agent after the kill says "expired" and
// came when the invitation was due, not before.
func (r *crashRun) checkExpired(o pendingOffer) {
	for _, e := range r.events(o.after) {
		if e.Kind != parley.EventChatOfferEnded || e.ChatID != o.chatID || e.AgentID != o.agentID {
			continue
		}
		var end struct {
			Reason string `json:"reason"`
		}
		if err := json.Unmarshal(e.Data, &end); err != nil {
			r.t.Fatal(err)
		}
		if end.Reason != "expired" || e.At.Before(o.due) {
			r.t.Errorf("chat %d's invitation (offer %d, due %s) ended as %q at %s, want expired when due",
				o.chatID, o.seq, o.due.Format(time.StampMicro), end.Reason, e.At.Format(time.StampMicro))
		}
		return
	}
	r.t.Errorf("chat %d's invitation to agent %d (offer %d, due %s) ended without an expiry", o.chatID, o.agentID, o.seq, o.due)
}

// eventually polls cond until it holds; after timeout it fails the test with what
// cond last said.
func eventually(t *testing.T, timeout time.Duration, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		ok, why := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: not within %v: %s", what, timeout, why)
		}
		<-tick.C
	}
}

func isOpen(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return false
	default:
		return true
	}
}
