package core_test

import (
	"encoding/json"
	"sync"
	"testing"

	"parley"
	"parley/core"
	"parley/sqlstore/storetest"
)

func TestRoutingStrategies(t *testing.T) {
	runCases(t, []envCase{
		{"round robin rotates through the members, stored across nodes", testRoundRobin},
		{"assign mode gives the chat at once", testAssignMode},
		{"offer to all: two accept at once, exactly one wins", testOfferToAll},
		{"offer to all: an agent at their limit is invited again once free", testOfferToAllLimit},
		{"an agent's own limit overrides the queue's", testAgentLimit},
		{"a free agent gets the highest-priority queue's chat first", testQueuePriority},
	})
}

// envCase is a test run on a fresh env over each database.
type envCase struct {
	name string
	run  func(*testing.T, *env)
}

func runCases(t *testing.T, cases []envCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, db := range storetest.Databases(t) {
				t.Run(db.Name, func(t *testing.T) { tc.run(t, newEnv(t, db)) })
			}
		})
	}
}

// setRouting changes the env's queue.
func (e *env) setRouting(p core.RoutingPatch) {
	e.t.Helper()
	q, err := e.svc.UpdateQueue(e.ctx, e.admin, e.queue.ID, core.QueuePatch{RoutingPatch: p})
	e.must(err)
	e.queue = q
}

func ptr[T any](v T) *T { return &v }

// newChat starts a chat from a new visitor and returns it as stored.
func (e *env) newChat() parley.Chat {
	e.t.Helper()
	return e.chat(send(e, e.visitor(), "m1", "hello").Message.ChatID)
}

func testRoundRobin(t *testing.T, e *env) {
	ag := e.agents(3, 5, true)
	e.setRouting(core.RoutingPatch{Routing: ptr(parley.RouteRoundRobin), Mode: ptr(parley.ModeAssign)})
	c1, c2 := e.newChat(), e.newChat()
	if c1.OwnerID != ag[0].ID || c2.OwnerID != ag[1].ID {
		t.Fatalf("first two chats went to %d and %d, want %d and %d", c1.OwnerID, c2.OwnerID, ag[0].ID, ag[1].ID)
	}
	e.must1p(e.svc.Complete(e.ctx, ag[1], e.viewer(ag[1]), c2.ID)) // ag[1] is now the least busy
	if c3 := e.newChat(); c3.OwnerID != ag[2].ID {
		t.Fatalf("third chat went to %d, want the next in turn %d", c3.OwnerID, ag[2].ID)
	}
	if c4 := e.newChat(); c4.OwnerID != ag[0].ID {
		t.Fatalf("fourth chat went to %d, want %d: the turn wraps round whatever the load", c4.OwnerID, ag[0].ID)
	}
	// Another node goes on from the stored turn.
	other, _ := e.node()
	v := e.visitor()
	r, err := other.VisitorSend(e.ctx, v, core.SendInput{ClientID: "m1", Text: "hi"})
	e.must(err)
	if c5 := e.chat(r.Message.ChatID); c5.OwnerID != ag[1].ID {
		t.Fatalf("chat on another node went to %d, want %d", c5.OwnerID, ag[1].ID)
	}
}

func testAssignMode(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	e.setRouting(core.RoutingPatch{Mode: ptr(parley.ModeAssign)})
	c := e.newChat()
	if c.State != parley.ChatInProgress || c.OwnerID != ag[0].ID || c.OfferedTo != 0 || c.AcceptedAt == nil {
		t.Fatalf("assigned chat: %+v", c)
	}
	if c.StateChangedBy != parley.SystemActor {
		t.Fatalf("assignment stamped by %+v, want the system", c.StateChangedBy)
	}
	if c2 := e.newChat(); c2.OwnerID != ag[1].ID {
		t.Fatalf("second chat went to %d, want the less busy %d", c2.OwnerID, ag[1].ID)
	}
	var accepted int
	for _, ev := range e.allEvents() {
		if ev.Kind == parley.EventChatAccepted && ev.ChatID == c.ID && ev.AgentID == ag[0].ID {
			accepted++
		}
	}
	if accepted != 1 {
		t.Fatalf("%d chat.accepted events for the assigned chat, want 1", accepted)
	}
	if _, err := e.svc.AgentSend(e.ctx, ag[0], e.viewer(ag[0]), c.ID, core.SendInput{ClientID: "a1", Text: "hi"}); err != nil {
		t.Fatalf("the assigned agent writes at once: %v", err)
	}
}

func testOfferToAll(t *testing.T, e *env) {
	ag := e.agents(3, 5, true)
	e.must1(e.svc.SetStatus(e.ctx, ag[2], ag[2].ID, parley.StatusInactive))
	e.setRouting(core.RoutingPatch{Routing: ptr(parley.RouteOfferToAll)})
	c := e.newChat()
	if !c.OpenOffer || c.OfferedTo != 0 || c.State != parley.ChatWaiting {
		t.Fatalf("open offer: %+v", c)
	}
	if got := offerEvents(e, c.ID, parley.EventChatOffered); len(got) != 2 || got[ag[0].ID] != "" || got[ag[1].ID] != "" {
		t.Fatalf("invitations %v, want one for each active member", got)
	}
	// Two nodes, two agents, accepting at once.
	other, _ := e.node()
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, svc := range []*core.Service{e.svc, other} {
		wg.Go(func() {
			_, errs[i] = svc.Accept(e.ctx, ag[i], e.viewer(ag[i]), c.ID)
		})
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) {
		t.Fatalf("accepting at once: %v and %v, want exactly one to win", errs[0], errs[1])
	}
	winner, loser := ag[0], ag[1]
	if errs[0] != nil {
		winner, loser = ag[1], ag[0]
	}
	c = e.chat(c.ID)
	if c.OwnerID != winner.ID || c.State != parley.ChatInProgress || c.OpenOffer {
		t.Fatalf("taken chat: %+v, want owned by %d", c, winner.ID)
	}
	if ended := offerEvents(e, c.ID, parley.EventChatOfferEnded); len(ended) != 1 || ended[loser.ID] != "taken" {
		t.Fatalf("ended invitations %v, want the loser's, taken", ended)
	}
	// A member becoming free later is invited to what still waits; one who declines is not again.
	c2 := e.newChat()
	e.must(e.svc.Decline(e.ctx, loser, e.viewer(loser), c2.ID))
	e.must1(e.svc.SetStatus(e.ctx, ag[2], ag[2].ID, parley.StatusActive))
	if got := offerEvents(e, c2.ID, parley.EventChatOffered); len(got) != 3 {
		t.Fatalf("invitations to the second chat %v, want all three", got)
	}
	if ended := offerEvents(e, c2.ID, parley.EventChatOfferEnded); len(ended) != 1 || ended[loser.ID] != "declined" {
		t.Fatalf("ended invitations %v, want the decliner's", ended)
	}
	_, err := e.svc.Accept(e.ctx, loser, e.viewer(loser), c2.ID)
	expectCode(t, err, parley.CodeConflict)
	e.must1p(e.svc.Accept(e.ctx, ag[2], e.viewer(ag[2]), c2.ID))
}

// offerEvents maps each agent to the reason of their offer event of the kind for the chat.
func offerEvents(e *env, chatID int64, kind parley.EventKind) map[int64]string {
	e.t.Helper()
	out := map[int64]string{}
	for _, ev := range e.allEvents() {
		if ev.Kind != kind || ev.ChatID != chatID {
			continue
		}
		var d struct{ Reason string }
		e.must(json.Unmarshal(ev.Data, &d))
		out[ev.AgentID] = d.Reason
	}
	return out
}

func testAgentLimit(t *testing.T, e *env) {
	ag := e.agents(2, 1, true)
	e.setRouting(core.RoutingPatch{Mode: ptr(parley.ModeAssign)})
	e.must1(e.svc.UpdateAgent(e.ctx, e.admin, ag[0].ID, core.AgentPatch{ChatLimit: ptr(3)}))
	owners := map[int64]int{}
	for range 5 {
		owners[e.newChat().OwnerID]++
	}
	if owners[ag[0].ID] != 3 || owners[ag[1].ID] != 1 || owners[0] != 1 {
		t.Fatalf("chats by owner %v: want 3 for the agent with limit 3, 1 for the queue's limit, 1 waiting", owners)
	}
	sums, err := e.svc.AgentSummaries(e.ctx)
	e.must(err)
	for _, s := range sums {
		if s.ID == ag[0].ID && (s.ChatLimit != 3 || !s.ChatsExceeded || s.Agent.ChatLimit == nil) {
			t.Fatalf("agent list: %+v, want limit 3, exceeded", s)
		}
	}
	// Raising the limit gives the waiting chat at once; 0 goes back to the queue's.
	e.must1(e.svc.UpdateAgent(e.ctx, e.admin, ag[1].ID, core.AgentPatch{ChatLimit: ptr(2)}))
	if a := e.must1(e.svc.UpdateAgent(e.ctx, e.admin, ag[0].ID, core.AgentPatch{ChatLimit: ptr(0)})); a.ChatLimit != nil {
		t.Fatalf("limit 0 must remove the override, got %d", *a.ChatLimit)
	}
	load, err := e.store.AgentLoad(e.ctx, ag[1].ID)
	e.must(err)
	if load != 2 {
		t.Fatalf("after raising the limit the agent has %d chats, want 2", load)
	}
}

func testQueuePriority(t *testing.T, e *env) {
	ag := e.agents(1, 1, true)
	e.setRouting(core.RoutingPatch{Mode: ptr(parley.ModeAssign)})
	busy := e.newChat()
	low := e.newChat() // waits in the first queue, priority 0, the longest
	name, members := "Urgent", []int64{ag[0].ID}
	q2, err := e.svc.CreateQueue(e.ctx, e.admin, core.QueuePatch{Name: &name, RoomID: &e.queue.RoomID, Members: &members,
		ChatLimit: ptr(1), RoutingPatch: core.RoutingPatch{Mode: ptr(parley.ModeAssign), Priority: ptr(10)}})
	e.must(err)
	ch, err := e.svc.CreateChannel(e.ctx, e.admin, core.ChannelPatch{Name: &name, QueueID: &q2.ID})
	e.must(err)
	e.clock.Advance(1)
	high := e.chat(send(e, e.visitorOn(ch), "m1", "urgent").Message.ChatID)
	if low.State != parley.ChatWaiting || high.State != parley.ChatWaiting {
		t.Fatalf("both must wait while the agent is at the limit: %s, %s", low.State, high.State)
	}
	e.must1p(e.svc.Complete(e.ctx, ag[0], e.viewer(ag[0]), busy.ID))
	if got := e.chat(high.ID); got.OwnerID != ag[0].ID {
		t.Fatalf("the freed agent got %d's chat first, want the high-priority one", got.QueueID)
	}
	e.must1p(e.svc.Complete(e.ctx, ag[0], e.viewer(ag[0]), high.ID))
	if got := e.chat(low.ID); got.OwnerID != ag[0].ID {
		t.Fatalf("then the other queue's chat, got %+v", got)
	}
}

// visitorOn starts a widget visitor on the channel.
func (e *env) visitorOn(ch parley.Channel) core.VisitorAuth {
	e.t.Helper()
	s, err := e.svc.StartVisitor(e.ctx, core.VisitorStart{Key: ch.PublicKey, Visitor: parley.Visitor{Language: "en"}})
	e.must(err)
	v, err := e.svc.AuthenticateVisitor(s.Token)
	e.must(err)
	return v
}

func testOfferToAllLimit(t *testing.T, e *env) {
	ag := e.agents(1, 1, true)
	e.setRouting(core.RoutingPatch{Routing: ptr(parley.RouteOfferToAll)})
	c1, c2 := e.newChat(), e.newChat()
	if got := offerEvents(e, c2.ID, parley.EventChatOffered); len(got) != 1 {
		t.Fatalf("invitations to the second chat %v, want the free agent's", got)
	}
	e.must1p(e.svc.Accept(e.ctx, ag[0], e.viewer(ag[0]), c1.ID))
	if ended := offerEvents(e, c2.ID, parley.EventChatOfferEnded); ended[ag[0].ID] != "withdrawn" {
		t.Fatalf("at their limit the agent's other invitation must end, got %v", ended)
	}
	_, err := e.svc.Accept(e.ctx, ag[0], e.viewer(ag[0]), c2.ID)
	expectCode(t, err, parley.CodeConflict)
	before := len(offerEventList(e, c2.ID))
	e.must1p(e.svc.Complete(e.ctx, ag[0], e.viewer(ag[0]), c1.ID))
	if got := offerEventList(e, c2.ID); len(got) != before+1 || got[len(got)-1] != parley.EventChatOffered {
		t.Fatalf("once free the agent must be invited again: events %v", got)
	}
	e.must1p(e.svc.Accept(e.ctx, ag[0], e.viewer(ag[0]), c2.ID))
}

// offerEventList is the chat's offer events, in order.
func offerEventList(e *env, chatID int64) []parley.EventKind {
	e.t.Helper()
	var out []parley.EventKind
	for _, ev := range e.allEvents() {
		if ev.ChatID == chatID && (ev.Kind == parley.EventChatOffered || ev.Kind == parley.EventChatOfferEnded) {
			out = append(out, ev.Kind)
		}
	}
	return out
}
