package core_test

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"parley"
	"parley/core"
	"parley/sqlstore/storetest"
)

func TestTransfer(t *testing.T) {
	cases := []struct {
		name string
		run  func(*testing.T, *env)
	}{
		{"to an agent: parent completed, child in progress and counted", testTransferToAgent},
		{"to a queue: child waiting and offered by routing", testTransferToQueue},
		{"refused targets and callers change nothing", testTransferRefused},
		{"the comment never reaches the visitor", testTransferCommentHidden},
		{"the child shows its parents' messages", testTransferHistory},
		{"a repeated client_id transfers once", testTransferIdempotent},
		{"of racing transfers one wins", testTransferRace},
		{"targets: states, selectability and R2.15 order", testTransferTargets},
		{"the child has its queue's time limits", testTransferLimits},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, db := range storetest.Databases(t) {
				t.Run(db.Name, func(t *testing.T) { tc.run(t, newEnv(t, db)) })
			}
		})
	}
}

// ownedChat has a visitor write and ag accept: a chat in progress owned by ag.
func (e *env) ownedChat(v core.VisitorAuth, ag parley.Agent) parley.Chat {
	e.t.Helper()
	c := e.chat(send(e, v, "hello", "Hello, my order is late").Message.ChatID)
	if c.OfferedTo != ag.ID {
		e.t.Fatalf("chat %d offered to %d, want %d", c.ID, c.OfferedTo, ag.ID)
	}
	c = e.must1p(e.svc.Accept(e.ctx, ag, e.viewer(ag), c.ID))
	_, err := e.svc.AgentSend(e.ctx, ag, e.viewer(ag), c.ID, core.SendInput{ClientID: "r1", Text: "Let me look"})
	e.must(err)
	return e.chat(c.ID)
}

func (e *env) transfer(by parley.Agent, chatID int64, in core.TransferInput) core.TransferResult {
	e.t.Helper()
	res, err := e.svc.Transfer(e.ctx, by, e.viewer(by), chatID, in)
	e.must(err)
	return res
}

func (e *env) load(id int64) int {
	e.t.Helper()
	n, err := e.store.AgentLoad(e.ctx, id)
	e.must(err)
	return n
}

func testTransferToAgent(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	parent := e.ownedChat(e.visitor(), ag[0])
	res := e.transfer(ag[0], parent.ID, core.TransferInput{ToAgentID: ag[1].ID})
	p, child := e.chat(parent.ID), e.chat(res.Chat.ID)
	if p.State != parley.ChatCompleted || p.CompletedAt == nil || p.StateChangedBy != (parley.Actor{Kind: parley.ActorAgent, ID: ag[0].ID}) {
		t.Errorf("parent = %+v, want completed by agent %d", p, ag[0].ID)
	}
	if child.ParentID != p.ID || child.State != parley.ChatInProgress || child.OwnerID != ag[1].ID || child.AcceptedAt == nil {
		t.Errorf("child = %+v, want in progress, owned by %d, parent %d", child, ag[1].ID, p.ID)
	}
	if e.load(ag[1].ID) != 1 || e.load(ag[0].ID) != 0 {
		t.Errorf("loads: receiver %d, sender %d; want 1 and 0", e.load(ag[1].ID), e.load(ag[0].ID))
	}
	if s := e.summary(ag[1].ID); s.ChatsInProgress != 1 {
		t.Errorf("receiver's summary counts %d chats in progress", s.ChatsInProgress)
	}
	ev := lastOfKind(e.allEvents(), parley.EventChatTransferred)
	if ev == nil || ev.ChatID != child.ID || !strings.Contains(string(ev.Data), `"to_agent_id":`) {
		t.Errorf("transfer event = %+v", ev)
	}
}

func lastOfKind(events []parley.Event, kind parley.EventKind) *parley.Event {
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Kind == kind {
			return &events[i]
		}
	}
	return nil
}

// secondQueue makes a queue of the given members.
func (e *env) secondQueue(name string, members ...int64) parley.Queue {
	e.t.Helper()
	q, err := e.svc.CreateQueue(e.ctx, e.admin, core.QueuePatch{Name: &name, RoomID: &e.queue.RoomID, Members: &members})
	e.must(err)
	return q
}

func testTransferToQueue(t *testing.T, e *env) {
	ag := e.agents(3, 5, true)
	q2 := e.secondQueue("Second line", ag[0].ID, ag[2].ID)
	parent := e.ownedChat(e.visitor(), ag[0])
	res := e.transfer(ag[0], parent.ID, core.TransferInput{ToQueueID: q2.ID, Comment: "Needs a refund"})
	child := e.chat(res.Chat.ID)
	if child.State != parley.ChatWaiting || child.QueueID != q2.ID || child.OwnerID != 0 || child.ParentID != parent.ID {
		t.Fatalf("child = %+v, want waiting in queue %d", child, q2.ID)
	}
	if child.OfferedTo != ag[2].ID {
		t.Errorf("child offered to %d, want %d, the queue's agent besides the sender", child.OfferedTo, ag[2].ID)
	}
	if _, err := e.svc.Accept(e.ctx, ag[2], e.viewer(ag[2]), child.ID); err != nil {
		t.Errorf("the queue's agent cannot accept the child: %v", err)
	}
}

func testTransferRefused(t *testing.T, e *env) {
	ag := e.agents(4, 1, true) // limit 1: an agent with a chat has chats exceeded
	solo := e.secondQueue("Solo", ag[0].ID)
	parent := e.ownedChat(e.visitor(), ag[0])
	e.ownedChat(e.visitor(), ag[1]) // ag[1] is at their limit
	disabled := true
	_, err := e.svc.UpdateAgent(e.ctx, e.admin, ag[3].ID, core.AgentPatch{Disabled: &disabled})
	e.must(err)
	cases := []struct {
		name string
		by   parley.Agent
		id   int64
		in   core.TransferInput
		code parley.ErrorCode
		msg  string
	}{
		{"queue with only the sender", ag[0], parent.ID, core.TransferInput{ToQueueID: solo.ID}, parley.CodeConflict, "no agent besides"},
		{"agent with chats exceeded", ag[0], parent.ID, core.TransferInput{ToAgentID: ag[1].ID}, parley.CodeConflict, "chats exceeded"},
		{"deactivated agent", ag[0], parent.ID, core.TransferInput{ToAgentID: ag[3].ID}, parley.CodeConflict, "deactivated"},
		{"to the owner", ag[0], parent.ID, core.TransferInput{ToAgentID: ag[0].ID}, parley.CodeInvalid, "already owns"},
		{"someone else's chat", ag[2], parent.ID, core.TransferInput{ToAgentID: ag[2].ID}, parley.CodeForbidden, "owner"},
		{"no target", ag[0], parent.ID, core.TransferInput{}, parley.CodeInvalid, "exactly one"},
		{"both targets", ag[0], parent.ID, core.TransferInput{ToAgentID: ag[2].ID, ToQueueID: solo.ID}, parley.CodeInvalid, "exactly one"},
	}
	for _, tc := range cases {
		before := len(e.allEvents())
		_, err := e.svc.Transfer(e.ctx, tc.by, e.viewer(tc.by), tc.id, tc.in)
		expectCode(t, err, tc.code)
		if !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: %v does not say %q", tc.name, err, tc.msg)
		}
		if after := len(e.allEvents()); after != before || e.chat(parent.ID).State != parley.ChatInProgress {
			t.Errorf("%s: a refused transfer changed something", tc.name)
		}
	}
	_, err = e.svc.Transfer(e.ctx, e.admin, e.viewer(e.admin), parent.ID, core.TransferInput{ToAgentID: ag[2].ID})
	e.must(err) // a supervisor or admin may transfer anyone's chat
	_, err = e.svc.Transfer(e.ctx, ag[0], e.viewer(ag[0]), parent.ID, core.TransferInput{ToAgentID: ag[2].ID})
	expectCode(t, err, parley.CodeConflict) // completed now
}

func testTransferCommentHidden(t *testing.T, e *env) {
	const comment = "Internal: this customer was rude before"
	ag := e.agents(2, 5, true)
	v := e.visitor()
	parent := e.ownedChat(v, ag[0])
	res := e.transfer(ag[0], parent.ID, core.TransferInput{ToAgentID: ag[1].ID, Comment: comment})
	// The visitor's next message goes into the child.
	if m := send(e, v, "after", "Anyone there?").Message; m.ChatID != res.Chat.ID {
		t.Errorf("the visitor's message went to chat %d, want the child %d", m.ChatID, res.Chat.ID)
	}
	for _, id := range []int64{parent.ID, res.Chat.ID} {
		page, err := e.svc.Messages(e.ctx, v.Viewer(), parley.MessageFilter{ChatID: id})
		e.must(err)
		for _, m := range page.Messages {
			if m.Internal || strings.Contains(m.Text, comment) {
				t.Errorf("the visitor reads %+v", m)
			}
		}
	}
	events, err := e.svc.Events(e.ctx, v.Viewer(), 0, 0)
	e.must(err)
	for _, ev := range events {
		if strings.Contains(string(ev.Data), comment) || ev.Kind == parley.EventChatTransferred {
			t.Errorf("the visitor receives %s: %s", ev.Kind, ev.Data)
		}
	}
	page, err := e.svc.Messages(e.ctx, e.viewer(ag[1]), parley.MessageFilter{ChatID: res.Chat.ID})
	e.must(err)
	if !slices.ContainsFunc(page.Messages, func(m parley.Message) bool { return m.Internal && m.Text == comment }) {
		t.Errorf("the receiving agent does not see the comment: %+v", page.Messages)
	}
	agentEvents, err := e.svc.Events(e.ctx, e.viewer(ag[1]), 0, 0)
	e.must(err)
	if ev := lastOfKind(agentEvents, parley.EventChatTransferred); ev == nil || !strings.Contains(string(ev.Data), comment) {
		t.Errorf("the receiving agent gets no transfer event with the comment: %+v", ev)
	}
}

func testTransferHistory(t *testing.T, e *env) {
	ag := e.agents(3, 5, true)
	parent := e.ownedChat(e.visitor(), ag[0])
	first := e.transfer(ag[0], parent.ID, core.TransferInput{ToAgentID: ag[1].ID, Comment: "first hop"})
	second := e.transfer(ag[1], first.Chat.ID, core.TransferInput{ToAgentID: ag[2].ID})
	h, err := e.svc.History(e.ctx, e.viewer(ag[2]), second.Chat.ID, core.HistoryQuery{})
	e.must(err)
	if len(h.Chats) != 2 || h.Chats[0].Chat.ID != parent.ID || h.Chats[1].Chat.ID != first.Chat.ID {
		t.Fatalf("history = %+v, want the parent then the first child", h.Chats)
	}
	if !slices.ContainsFunc(h.Chats[0].Messages, func(m parley.Message) bool { return m.Text == "Hello, my order is late" }) {
		t.Errorf("the parent's messages are missing: %+v", h.Chats[0].Messages)
	}
	if !slices.ContainsFunc(h.Chats[1].Messages, func(m parley.Message) bool { return m.Internal && m.Text == "first hop" }) {
		t.Errorf("the first child's comment is missing for agents: %+v", h.Chats[1].Messages)
	}
	if h.Chats[0].More {
		t.Errorf("a short parent given whole says it has more")
	}
	empty, err := e.svc.History(e.ctx, e.viewer(ag[0]), parent.ID, core.HistoryQuery{})
	e.must(err)
	if len(empty.Chats) != 0 {
		t.Errorf("a chat without parent has history %+v", empty.Chats)
	}
	testHistoryPages(t, e, ag[2], second.Chat.ID, h.Chats[0].Messages)
}

// testHistoryPages reads one parent's messages back two at a time, newest page first.
func testHistoryPages(t *testing.T, e *env, reader parley.Agent, chatID int64, whole []parley.Message) {
	parentID := whole[0].ChatID
	var got []parley.Message
	before, more := int64(0), true
	for pages := 0; more; pages++ {
		if pages > len(whole) {
			t.Fatalf("paging never ends: %d pages", pages)
		}
		h, err := e.svc.History(e.ctx, e.viewer(reader), chatID, core.HistoryQuery{Parent: parentID, Before: before, Limit: 2})
		e.must(err)
		if len(h.Chats) != 1 || h.Chats[0].Chat.ID != parentID || len(h.Chats[0].Messages) > 2 {
			t.Fatalf("a page of parent %d: %+v", parentID, h.Chats)
		}
		page := h.Chats[0].Messages
		got = append(slices.Clone(page), got...)
		before, more = page[0].Seq, h.Chats[0].More
	}
	if !slices.EqualFunc(got, whole, func(a, b parley.Message) bool { return a.ID == b.ID }) {
		t.Errorf("pages put together: %d messages, want the %d of the parent", len(got), len(whole))
	}
	_, err := e.svc.History(e.ctx, e.viewer(reader), chatID, core.HistoryQuery{Parent: chatID})
	expectCode(t, err, parley.CodeNotFound) // not a parent of itself
}

func testTransferIdempotent(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	parent := e.ownedChat(e.visitor(), ag[0])
	in := core.TransferInput{ToAgentID: ag[1].ID, Comment: "once", ClientID: "tr-1"}
	first := e.transfer(ag[0], parent.ID, in)
	events := len(e.allEvents())
	again := e.transfer(ag[0], parent.ID, in)
	if !first.Created || again.Created || again.Chat.ID != first.Chat.ID || again.Parent.ID != parent.ID {
		t.Errorf("first %+v, again %+v: want the same child, created once", first, again)
	}
	if n := len(e.allEvents()); n != events {
		t.Errorf("the repeat wrote %d events", n-events)
	}
	if e.load(ag[1].ID) != 1 {
		t.Errorf("receiver's load %d after a repeated transfer", e.load(ag[1].ID))
	}
}

func testTransferTargets(t *testing.T, e *env) {
	ag := e.agents(4, 1, false) // Agent 0 … 3, inactive, limit 1
	for _, a := range ag[1:3] {
		e.must1(e.svc.SetStatus(e.ctx, a, a.ID, parley.StatusActive))
	}
	solo := e.secondQueue("Solo", ag[1].ID)
	parent := e.ownedChat(e.visitor(), ag[1]) // Agent 1 now has chats exceeded
	r := e.pauseReason("Lunch", true)
	e.pause(ag[3], ag[3].ID, r.ID)
	tt, err := e.svc.TransferTargets(e.ctx, e.viewer(ag[1]), parent.ID)
	e.must(err)
	var order []string
	for _, a := range tt.Agents {
		order = append(order, a.Name+":"+string(a.State))
	}
	// Active first (Agent 2), then the others by name; the owner is not listed.
	want := "Agent 2:active Admin:inactive Agent 0:inactive Agent 3:paused"
	if got := strings.Join(order, " "); got != want {
		t.Errorf("agents %q, want %q", got, want)
	}
	for _, q := range tt.Queues {
		if wantSel := q.ID != solo.ID; q.Selectable != wantSel {
			t.Errorf("queue %s selectable %v, want %v", q.Name, q.Selectable, wantSel)
		}
	}
	oc, err := e.svc.OwnerCandidates(e.ctx, e.viewer(e.admin), parent.ID)
	e.must(err)
	if len(oc.Agents) != len(tt.Agents) || oc.Agents[0].ID != ag[2].ID {
		t.Errorf("owner candidates %+v", oc.Agents)
	}
}

func TestChangeOwner(t *testing.T) {
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			e := newEnv(t, db)
			ag := e.agents(4, 5, true)
			c := e.ownedChat(e.visitor(), ag[0])
			_, err := e.svc.ChangeOwner(e.ctx, ag[1], e.viewer(ag[1]), c.ID, core.OwnerInput{AgentID: ag[1].ID})
			expectCode(t, err, parley.CodeForbidden)
			got, err := e.svc.ChangeOwner(e.ctx, ag[0], e.viewer(ag[0]), c.ID, core.OwnerInput{AgentID: ag[1].ID, Version: c.Version})
			e.must(err)
			if got.OwnerID != ag[1].ID || e.load(ag[1].ID) != 1 || e.load(ag[0].ID) != 0 {
				t.Fatalf("after handing over: owner %d, loads %d and %d", got.OwnerID, e.load(ag[1].ID), e.load(ag[0].ID))
			}
			if last := lastMessage(e, c.ID); last.Kind != parley.MessageSystem || last.Code != parley.SystemOwnerChanged {
				t.Fatalf("after handing over the chat's last message is %s %q, want the system message %s", last.Kind, last.Code, parley.SystemOwnerChanged)
			}
			_, err = e.svc.ChangeOwner(e.ctx, e.admin, e.viewer(e.admin), c.ID, core.OwnerInput{AgentID: ag[2].ID, Version: c.Version})
			expectCode(t, err, parley.CodeConflict) // a stale version
			testOwnerRace(t, e, ag, e.chat(c.ID))
		})
	}
}

// testOwnerRace has supervisors change the owner at once from one version: exactly one wins.
func testOwnerRace(t *testing.T, e *env, ag []parley.Agent, c parley.Chat) {
	targets := []parley.Agent{ag[2], ag[3], ag[0]}
	var wg sync.WaitGroup
	errs := make([]error, len(targets))
	for i, to := range targets {
		wg.Go(func() {
			_, errs[i] = e.svc.ChangeOwner(e.ctx, e.admin, e.viewer(e.admin), c.ID, core.OwnerInput{AgentID: to.ID, Version: c.Version})
		})
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
		} else {
			expectCode(t, err, parley.CodeConflict)
		}
	}
	owner := e.chat(c.ID).OwnerID
	if won != 1 || owner == c.OwnerID {
		t.Errorf("%d changes won (errors %v), owner %d", won, errs, owner)
	}
	if n := len(ownerEvents(e.allEvents(), c.ID)); n != 2*2 { // the handover and the race's winner, two events each
		t.Errorf("%d owner change events, want 4", n)
	}
}

func ownerEvents(events []parley.Event, chatID int64) []parley.Event {
	var out []parley.Event
	for _, ev := range events {
		if ev.Kind == parley.EventChatOwnerChanged && ev.ChatID == chatID {
			out = append(out, ev)
		}
	}
	return out
}

func testTransferRace(t *testing.T, e *env) {
	ag := e.agents(4, 5, true)
	parent := e.ownedChat(e.visitor(), ag[0])
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i, to := range ag[1:] {
		wg.Go(func() {
			_, errs[i] = e.svc.Transfer(e.ctx, ag[0], e.viewer(ag[0]), parent.ID, core.TransferInput{ToAgentID: to.ID})
		})
	}
	wg.Wait()
	won, load := 0, 0
	for i, err := range errs {
		if err == nil {
			won++
		} else {
			expectCode(t, err, parley.CodeConflict)
		}
		load += e.load(ag[i+1].ID)
	}
	if won != 1 || load != 1 {
		t.Errorf("%d transfers won, %d chats given (errors %v); want one of each", won, load, errs)
	}
}

// lastMessage is the chat's newest message, as the store has it.
func lastMessage(e *env, chatID int64) parley.Message {
	e.t.Helper()
	msgs, err := e.store.Messages(e.ctx, parley.MessageFilter{ChatID: chatID})
	e.must(err)
	if len(msgs) == 0 {
		e.t.Fatalf("chat %d has no messages", chatID)
	}
	return msgs[len(msgs)-1]
}

func testTransferLimits(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	parent := e.ownedChat(e.visitor(), ag[0])
	e.setRouting(core.RoutingPatch{FirstReplyTime: ptr(parley.Seconds(60)), CompletionTimeout: ptr(parley.Seconds(600))})
	start := e.clock.Now()
	child := e.chat(e.transfer(ag[0], parent.ID, core.TransferInput{ToAgentID: ag[1].ID}).Chat.ID)
	if child.FirstReplyDueAt == nil || !child.FirstReplyDueAt.Equal(start.Add(time.Minute)) || child.FirstRepliedAt != nil {
		t.Fatalf("child's first reply due %v, replied %v; want due a minute after the transfer", child.FirstReplyDueAt, child.FirstRepliedAt)
	}
	e.clock.Advance(time.Minute)
	e.fire()
	if got := breaches(e, child.ID); len(got) != 1 || got[0] != "first_reply" {
		t.Fatalf("the child's breaches %v, want one first_reply", got)
	}
	e.clock.Advance(9 * time.Minute)
	e.fire()
	if got := e.chat(child.ID); got.State != parley.ChatCompleted {
		t.Fatalf("a silent child is %s after its queue's completion timeout, want completed", got.State)
	}
}
