package core_test

import (
	"slices"
	"testing"
	"time"

	"parley"
	"parley/core"
	"parley/sqlstore/storetest"
)

func send(e *env, v core.VisitorAuth, id, text string) core.SendResult {
	e.t.Helper()
	r, err := e.svc.VisitorSend(e.ctx, v, core.SendInput{ClientID: id, Text: text})
	e.must(err)
	return r
}

func TestRouting(t *testing.T) {
	cases := []struct {
		name string
		run  func(*testing.T, *env)
	}{
		{"offers least busy then longest idle, declines pass it on", testOfferOrder},
		{"inactive agents get nothing but keep their chats", testInactive},
		{"unanswered invitation expires to the next agent", testExpiry},
		{"a declined chat waits for a new round, not for the one who declined", testDeclineRound},
		{"the limit holds and completion frees a place", testLimit},
		{"open chat gets messages, completed one starts anew", testChatLifecycle},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, db := range storetest.Databases(t) { // a fresh database for each case
				t.Run(db.Name, func(t *testing.T) { tc.run(t, newEnv(t, db)) })
			}
		})
	}
}

func testOfferOrder(t *testing.T, e *env) {
	ag := e.agents(3, 5, true)
	v := e.visitor()
	c := e.chat(send(e, v, "m1", "hello").Message.ChatID)
	if c.OfferedTo != ag[0].ID {
		t.Fatalf("first offer went to %d, want the lowest id among equally idle agents %d", c.OfferedTo, ag[0].ID)
	}
	e.must(e.svc.Decline(e.ctx, ag[0], e.viewer(ag[0]), c.ID))
	c = e.chat(c.ID)
	if c.OfferedTo != ag[1].ID {
		t.Fatalf("after a decline the offer went to %d, want %d", c.OfferedTo, ag[1].ID)
	}
	_, err := e.svc.Accept(e.ctx, ag[0], e.viewer(ag[0]), c.ID)
	expectCode(t, err, parley.CodeConflict) // offered to someone else
	e.clock.Advance(time.Second)
	if _, err := e.svc.Accept(e.ctx, ag[1], e.viewer(ag[1]), c.ID); err != nil {
		t.Fatal(err)
	}
	// ag[1] now has one chat, ag[0] and ag[2] none; ag[0] declined nothing of the next chat.
	c2 := e.chat(send(e, e.visitor(), "m1", "second").Message.ChatID)
	if c2.OfferedTo != ag[0].ID {
		t.Fatalf("second chat offered to %d, want least busy %d", c2.OfferedTo, ag[0].ID)
	}
	e.clock.Advance(time.Second)
	e.must1p(e.svc.Accept(e.ctx, ag[0], e.viewer(ag[0]), c2.ID))
	// ag[2] is now the only idle one; after it takes a chat, all have one and ag[1]
	// (assigned longest ago) is next.
	c3 := e.chat(send(e, e.visitor(), "m1", "third").Message.ChatID)
	if c3.OfferedTo != ag[2].ID {
		t.Fatalf("third chat offered to %d, want idle %d", c3.OfferedTo, ag[2].ID)
	}
	e.clock.Advance(time.Second)
	e.must1p(e.svc.Accept(e.ctx, ag[2], e.viewer(ag[2]), c3.ID))
	c4 := e.chat(send(e, e.visitor(), "m1", "fourth").Message.ChatID)
	if c4.OfferedTo != ag[1].ID {
		t.Fatalf("fourth chat offered to %d, want longest idle %d", c4.OfferedTo, ag[1].ID)
	}
}

func (e *env) must1p(c parley.Chat, err error) parley.Chat {
	e.t.Helper()
	e.must(err)
	return c
}

func testInactive(t *testing.T, e *env) {
	ag := e.agents(2, 5, false)
	v := e.visitor()
	c := e.chat(send(e, v, "m1", "anyone?").Message.ChatID)
	if c.OfferedTo != 0 || c.State != parley.ChatWaiting {
		t.Fatalf("with everyone inactive the chat must wait unoffered, got %+v", c)
	}
	e.must1(e.svc.SetStatus(e.ctx, ag[1], ag[1].ID, parley.StatusActive))
	c = e.chat(c.ID)
	if c.OfferedTo != ag[1].ID {
		t.Fatalf("an agent becoming active must get the waiting chat, offered to %d", c.OfferedTo)
	}
	e.must1p(e.svc.Accept(e.ctx, ag[1], e.viewer(ag[1]), c.ID))
	e.must1(e.svc.SetStatus(e.ctx, ag[1], ag[1].ID, parley.StatusInactive))
	if _, err := e.svc.AgentSend(e.ctx, ag[1], e.viewer(ag[1]), c.ID, core.SendInput{ClientID: "a1", Text: "still here"}); err != nil {
		t.Fatalf("an inactive agent keeps working owned chats: %v", err)
	}
	c2 := e.chat(send(e, e.visitor(), "m1", "new one").Message.ChatID)
	if c2.OfferedTo != 0 {
		t.Fatalf("inactive agent was offered chat %d", c2.ID)
	}
	// An agent going inactive loses a pending invitation, which goes elsewhere.
	e.must1(e.svc.SetStatus(e.ctx, ag[0], ag[0].ID, parley.StatusActive))
	if got := e.chat(c2.ID).OfferedTo; got != ag[0].ID {
		t.Fatalf("chat offered to %d, want %d", got, ag[0].ID)
	}
	e.must1(e.svc.SetStatus(e.ctx, ag[0], ag[0].ID, parley.StatusInactive))
	if got := e.chat(c2.ID); got.OfferedTo != 0 || got.State != parley.ChatWaiting {
		t.Fatalf("invitation of an agent gone inactive must be withdrawn, got %+v", got)
	}
}

func testExpiry(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	c := e.chat(send(e, e.visitor(), "m1", "hi").Message.ChatID)
	first := c.OfferedTo
	e.clock.Advance(e.queue.AcceptTimeout.Duration() - time.Second)
	n, err := e.svc.FireDueTimers(e.ctx)
	e.must(err)
	if n != 0 || e.chat(c.ID).OfferedTo != first {
		t.Fatalf("a timer fired %d early", n)
	}
	e.clock.Advance(time.Second)
	n, err = e.svc.FireDueTimers(e.ctx)
	e.must(err)
	c = e.chat(c.ID)
	if n != 1 || c.OfferedTo == first || c.OfferedTo == 0 {
		t.Fatalf("after the acceptance time the chat must go to the other agent: fired %d, offered to %d (first %d)", n, c.OfferedTo, first)
	}
	// The second agent lets it expire too: with nobody else free, the chat waits
	// one acceptance time, not going straight back to the first who passed on it.
	e.clock.Advance(e.queue.AcceptTimeout.Duration())
	_, err = e.svc.FireDueTimers(e.ctx)
	e.must(err)
	if got := e.chat(c.ID); got.OfferedTo != 0 || got.State != parley.ChatWaiting {
		t.Fatalf("with every free agent having passed, the chat must wait unoffered, got offered to %d, %s", got.OfferedTo, got.State)
	}
	// Then a new round: the declines are forgotten and the first in order gets it again.
	e.clock.Advance(e.queue.AcceptTimeout.Duration() - time.Second)
	e.fire()
	if got := e.chat(c.ID).OfferedTo; got != 0 {
		t.Fatalf("a new round began early: offered to %d", got)
	}
	e.clock.Advance(time.Second)
	e.fire()
	if got := e.chat(c.ID).OfferedTo; got != first {
		t.Fatalf("in the new round, offer to %d, want %d", got, first)
	}
	n, err = e.svc.FireDueTimers(e.ctx)
	e.must(err)
	if n != 0 {
		t.Fatalf("a fired timer fired again")
	}
	_ = ag
}

func testDeclineRound(t *testing.T, e *env) {
	ag := e.agents(1, 5, true)
	c := e.chat(send(e, e.visitor(), "m1", "hi").Message.ChatID)
	e.must(e.svc.Decline(e.ctx, ag[0], e.viewer(ag[0]), c.ID))
	if got := e.chat(c.ID); got.OfferedTo != 0 || got.State != parley.ChatWaiting {
		t.Fatalf("declined by the only free agent, the chat must wait unoffered, got offered to %d, %s", got.OfferedTo, got.State)
	}
	// The decline holds this chat back, not the queue: a newer chat still goes to them.
	c2 := e.chat(send(e, e.visitor(), "m1", "second").Message.ChatID)
	if c2.OfferedTo != ag[0].ID {
		t.Fatalf("a newer chat offered to %d, want %d", c2.OfferedTo, ag[0].ID)
	}
	e.clock.Advance(e.queue.AcceptTimeout.Duration())
	e.fire() // c2's invitation expires and c's new round begins
	if got := e.chat(c.ID); got.OfferedTo != ag[0].ID {
		t.Fatalf("after a new round the declined chat is offered to %d, want %d", got.OfferedTo, ag[0].ID)
	}
	if got := e.chat(c2.ID); got.OfferedTo != 0 {
		t.Fatalf("the expired invitation came straight back to %d", got.OfferedTo)
	}
}

func testLimit(t *testing.T, e *env) {
	ag := e.agents(1, 2, true)
	var chats []int64
	for i := range 4 {
		chats = append(chats, send(e, e.visitor(), "m", "chat "+string(rune('A'+i))).Message.ChatID)
	}
	offered := 0
	for _, id := range chats {
		if e.chat(id).OfferedTo == ag[0].ID {
			offered++
			e.must1p(e.svc.Accept(e.ctx, ag[0], e.viewer(ag[0]), id))
		}
	}
	if offered != 2 {
		t.Fatalf("%d chats offered to an agent with limit 2", offered)
	}
	load, err := e.store.AgentLoad(e.ctx, ag[0].ID)
	e.must(err)
	if load != 2 {
		t.Fatalf("load %d, want 2", load)
	}
	e.must1p(e.svc.Complete(e.ctx, ag[0], e.viewer(ag[0]), chats[0]))
	if got := e.chat(chats[2]).OfferedTo; got != ag[0].ID {
		t.Fatalf("completing a chat must offer the oldest waiting one: offered to %d", got)
	}
}

func testChatLifecycle(t *testing.T, e *env) {
	ag := e.agents(1, 5, true)
	v := e.visitor()
	r1 := send(e, v, "c1", "first")
	r2 := send(e, v, "c2", "second")
	if r1.Message.ChatID != r2.Message.ChatID {
		t.Fatal("a second message must go into the open chat (R2.1)")
	}
	if r1.Message.Seq != 2 || r2.Message.Seq != 3 {
		t.Fatalf("seqs %d, %d: want 2 and 3 after the welcome message", r1.Message.Seq, r2.Message.Seq)
	}
	again := send(e, v, "c1", "first")
	if again.Created || again.Message.ID != r1.Message.ID {
		t.Fatal("a repeated client id must return the first message and create nothing")
	}
	chatID := r1.Message.ChatID
	e.must1p(e.svc.Accept(e.ctx, ag[0], e.viewer(ag[0]), chatID))
	reply, err := e.svc.AgentSend(e.ctx, ag[0], e.viewer(ag[0]), chatID, core.SendInput{ClientID: "r1", Text: "hi"})
	e.must(err)
	e.must1p(e.svc.Complete(e.ctx, ag[0], e.viewer(ag[0]), chatID))
	_, err = e.svc.AgentSend(e.ctx, ag[0], e.viewer(ag[0]), chatID, core.SendInput{ClientID: "a", Text: "late"})
	expectCode(t, err, parley.CodeConflict)
	// Retries of messages stored before completion get their first result, and nothing new.
	retried, err := e.svc.AgentSend(e.ctx, ag[0], e.viewer(ag[0]), chatID, core.SendInput{ClientID: "r1", Text: "hi"})
	e.must(err)
	if retried.Created || retried.Message.ID != reply.Message.ID {
		t.Fatalf("agent retry after completion: %+v, want the first message %d", retried, reply.Message.ID)
	}
	lateRetry := send(e, v, "c2", "second")
	if lateRetry.Created || lateRetry.Message.ID != r2.Message.ID {
		t.Fatalf("visitor retry after completion created a message or a chat: %+v", lateRetry)
	}
	if open, err := e.store.OpenChat(e.ctx, v.IdentityID); !parley.IsCode(err, parley.CodeNotFound) {
		t.Fatalf("a retry after completion opened chat %+v (%v)", open, err)
	}
	r3 := send(e, v, "c3", "back again")
	if r3.Message.ChatID == chatID {
		t.Fatal("a message after completion must start a new chat (R2.5)")
	}
	msgs, err := e.svc.Messages(e.ctx, v.Viewer(), parley.MessageFilter{ChatID: chatID})
	e.must(err)
	// The welcome, two questions, the acceptance, the reply and the completion.
	var history []string
	for _, m := range msgs.Messages {
		history = append(history, string(m.Kind)+":"+m.Code)
	}
	want := []string{"welcome:", "text:", "text:", "system:chat_accepted", "text:", "system:chat_completed"}
	if !slices.Equal(history, want) {
		t.Fatalf("chat history %v, want %v", history, want)
	}
	other := e.visitor()
	_, err = e.svc.Messages(e.ctx, other.Viewer(), parley.MessageFilter{ChatID: chatID})
	expectCode(t, err, parley.CodeNotFound)
	// The visitor completes their own chat.
	done, err := e.svc.VisitorComplete(e.ctx, v)
	e.must(err)
	if done.State != parley.ChatCompleted || done.StateChangedBy.Kind != parley.ActorContact {
		t.Fatalf("visitor completion: %+v", done)
	}
}
