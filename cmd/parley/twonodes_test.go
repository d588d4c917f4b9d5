package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	natsserver "github.com/nats-io/nats-server/v2/server"

	"parley"
	"parley/core"
	"parley/sqlstore"
	"parley/sqlstore/storetest"
)

// Two nodes on one PostgreSQL database and one NATS server, with agents and
// visitors on both at once: routing's claims must hold across processes.

const (
	twoNodesAgents    = 10
	twoNodesVisitors  = 90
	twoNodesChatLimit = 2
	twoNodesTimeout   = 30 * time.Second // bounds each wait; the run takes ~10 s
)

// TestTwoNodes drives chats through two parley serve processes and replays the
// event log: no chat offered to two agents at once outside offer_to_all queues,
// none owned twice, no agent above their limit, no timer fired twice.
func TestTwoNodes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	var db storetest.Database
	for _, d := range storetest.Databases(t) {
		if d.Name == "postgres" {
			db = d
		}
	}
	if db.URL == "" {
		t.Skip("two nodes share one database: set " + storetest.PostgresEnv + " to a PostgreSQL URL")
	}
	r := &twoNodesRun{t: t, db: db}
	r.run()
}

// twoNodesRun is the cluster, its clients and what they noticed.
type twoNodesRun struct {
	t      *testing.T
	db     storetest.Database
	procs  [2]*serverProc
	nodes  [2]*node
	check  *sqlstore.Store
	queues [3]parley.Queue
	keys   [3]string // the web channel of each queue
	agents []*routingAgent
	stop   chan struct{}
	wg     sync.WaitGroup

	mu       sync.Mutex
	problems []string
}

func (r *twoNodesRun) run() {
	start := time.Now()
	r.startCluster()
	r.setUp()
	r.stop = make(chan struct{})
	for _, a := range r.agents {
		a.start()
	}
	r.openChats()
	r.awaitAllCompleted()
	close(r.stop)
	r.wg.Wait()
	for _, p := range r.procs {
		p.stop()
	}
	for _, p := range r.problems {
		r.t.Error(p)
	}
	events, err := eventsFrom(context.Background(), r.check, 0)
	if err != nil {
		r.t.Fatal(err)
	}
	checkRouting(r.t, events, twoNodesChatLimit)
	r.t.Logf("%d events, %s", len(events), time.Since(start).Round(time.Millisecond))
}

func (r *twoNodesRun) problem(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.problems = append(r.problems, fmt.Sprintf(format, args...))
}

// startCluster starts an embedded NATS server and two nodes on the database.
func (r *twoNodesRun) startCluster() {
	t := r.t
	addAdmin(t, r.db.URL)
	r.check = storetest.Open(t, r.db, nil)
	natsURL := startNATS(t)
	for i := range r.procs {
		p := newServerProc(t, r.db.URL)
		p.args = []string{"--nats-url", natsURL, "--node-id", fmt.Sprintf("node-%d", i)}
		p.start()
		r.procs[i], r.nodes[i] = p, &node{t: t, base: "http://" + p.addr}
	}
}

// startNATS runs a NATS server on a free loopback port for the test; the bus
// uses core NATS only, so JetStream stays off.
func startNATS(t *testing.T) string {
	t.Helper()
	s, err := natsserver.NewServer(&natsserver.Options{Host: "127.0.0.1", Port: -1, NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("NATS did not start")
	}
	t.Cleanup(s.Shutdown)
	return s.ClientURL()
}

// setUp makes the agents and three queues: one offer_to_all, two least_busy
// with a first-reply time. Agent 9 never answers, so its invitations expire.
func (r *twoNodesRun) setUp() {
	n := r.nodes[0]
	admin := n.login("admin@example.com")
	ids := make([]int64, twoNodesAgents)
	limit := twoNodesChatLimit
	for i := range ids {
		var a parley.Agent
		n.call("POST", "/api/v1/agents", admin.token, core.AgentInput{Email: agentEmail(i),
			Name: fmt.Sprintf("Agent %d", i), Password: "password123"}, 201, &a)
		n.call("PATCH", fmt.Sprintf("/api/v1/agents/%d", a.ID), admin.token, core.AgentPatch{ChatLimit: &limit}, 200, nil)
		ids[i] = a.ID
	}
	var room parley.Room
	n.call("POST", "/api/v1/rooms", admin.token, map[string]any{"name": "Support"}, 201, &room)
	members := [3][]int64{
		{ids[0], ids[1], ids[2], ids[3], ids[4], ids[9]},
		{ids[3], ids[4], ids[5], ids[6], ids[7]},
		{ids[6], ids[7], ids[8], ids[9], ids[0]},
	}
	for i, routing := range []string{"offer_to_all", "least_busy", "least_busy"} {
		n.call("POST", "/api/v1/queues", admin.token, map[string]any{"name": fmt.Sprintf("Q%d", i), "room_id": room.ID,
			"members": members[i], "accept_timeout": 5, "routing": routing, "first_reply_time": 1}, 201, &r.queues[i])
		var ch parley.Channel
		n.call("POST", "/api/v1/channels", admin.token, map[string]any{"name": fmt.Sprintf("Site %d", i),
			"queue_id": r.queues[i].ID}, 201, &ch)
		r.keys[i] = ch.PublicKey
	}
	for i, id := range ids {
		r.agents = append(r.agents, r.newAgent(i, id))
	}
	r.agents[9].idle = true
}

// openChats has the visitors write their first message, each through either
// node, a few at a time, so that chats arrive while agents accept on both.
func (r *twoNodesRun) openChats() {
	var wg sync.WaitGroup
	for i := range twoNodesVisitors {
		wg.Go(func() {
			n := r.nodes[i%2]
			var sess core.VisitorSession
			status, body, err := n.do("POST", "/api/v1/widget/sessions", "", core.VisitorStart{Key: r.keys[i%3]})
			if err == nil && status == 201 {
				err = json.Unmarshal(body, &sess)
			}
			if err != nil || status != 201 {
				r.problem("visitor %d: session: %v %d %s", i, err, status, body)
				return
			}
			status, body, err = r.nodes[rand.IntN(2)].do("POST", "/api/v1/widget/messages", sess.Token,
				core.SendInput{ClientID: fmt.Sprintf("v%d", i), Text: "Hello"})
			if err != nil || status != 201 {
				r.problem("visitor %d: message: %v %d %s", i, err, status, body)
			}
		})
		if i%6 == 5 {
			time.Sleep(20 * time.Millisecond) // pacing of the arrivals, not a wait for a result
		}
	}
	wg.Wait()
}

// awaitAllCompleted waits until every chat is completed; then the last timers
// of the run (first reply, invitation expiry) have had their time. When some are
// not, the test fails but goes on to the checks, which tell more.
func (r *twoNodesRun) awaitAllCompleted() {
	deadline := time.Now().Add(twoNodesTimeout)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		open, err := r.check.Chats(context.Background(), parley.ChatFilter{
			States: []parley.ChatState{parley.ChatWaiting, parley.ChatInProgress}, Limit: 500})
		if err != nil {
			r.t.Fatal(err)
		}
		if len(open) == 0 {
			return
		}
		if time.Now().After(deadline) {
			r.t.Errorf("%d chats still open after %v, such as %+v", len(open), twoNodesTimeout, open[0])
			return
		}
		<-tick.C
	}
}
