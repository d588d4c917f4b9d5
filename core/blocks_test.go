package core_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"parley"
	"parley/core"
)

func TestBlocks(t *testing.T) {
	runCases(t, []envCase{
		{"a blocked contact's chats complete, and what it writes is kept apart", testBlockContact},
		{"an identity block leaves the contact's other identities alone", testBlockIdentity},
		{"a lifted block lets the next message start a chat", testBlockLift},
		{"a block expires on its timer, across a restart", testBlockExpiry},
		{"refused blocks and lifts change nothing", testBlockRefused},
		{"a message into an open chat never looks for a block", testBlockHotPath},
	})
}

// supervisor creates a supervisor.
func (e *env) supervisor(email string) parley.Agent {
	e.t.Helper()
	return e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: email, Name: "Supervisor",
		Password: "password1", Role: parley.RoleSupervisor}))
}

func (e *env) contactOf(v core.VisitorAuth) int64 {
	e.t.Helper()
	ident, err := e.store.Identity(e.ctx, v.IdentityID)
	e.must(err)
	return ident.ContactID
}

// joinContact moves v's identity to the contact: one contact with two identities.
func (e *env) joinContact(v core.VisitorAuth, contactID int64) {
	e.t.Helper()
	e.must(e.store.Write(e.ctx, func(tx parley.Tx) error {
		ident, err := tx.Identity(e.ctx, v.IdentityID)
		if err != nil {
			return err
		}
		ident.ContactID = contactID
		return tx.UpdateIdentity(e.ctx, ident)
	}))
}

func (e *env) block(by parley.Agent, contactID int64, in core.BlockInput) parley.Block {
	e.t.Helper()
	b, err := e.svc.BlockContact(e.ctx, by, contactID, in)
	e.must(err)
	return b
}

// expectHeld sends a message as v and checks that it was kept as blocked: taken
// as far as the sender can tell, in no chat, and nothing emitted for anyone.
func (e *env) expectHeld(v core.VisitorAuth, clientID string, watchers ...parley.Agent) {
	e.t.Helper()
	mark := e.lastEventID()
	res := send(e, v, clientID, "let me in, "+clientID)
	if res.Message.ChatID != 0 || res.Message.ID != 0 || res.Message.Text != "let me in, "+clientID || res.Message.ClientID != clientID {
		e.t.Fatalf("a blocked sender's message came back as %+v", res.Message)
	}
	if _, err := e.store.OpenChat(e.ctx, v.IdentityID); !parley.IsCode(err, parley.CodeNotFound) {
		e.t.Fatalf("a blocked sender's message opened a chat (%v)", err)
	}
	for _, ev := range e.allEvents() {
		if ev.ID <= mark {
			continue
		}
		for _, a := range append([]parley.Agent{e.admin}, watchers...) {
			if e.viewer(a).CanSee(ev) {
				e.t.Errorf("agent %d sees %s %s after a blocked message", a.ID, ev.Kind, ev.Data)
			}
		}
		e.t.Errorf("a blocked message emitted %s", ev.Kind)
	}
}

func (e *env) blockedMessages(contactID int64) []parley.BlockedMessage {
	e.t.Helper()
	page, err := e.svc.BlockedMessages(e.ctx, e.admin, contactID, 0, 0)
	e.must(err)
	return page.Items
}

func testBlockContact(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	sup := e.supervisor("sup@example.com")
	v1, v2 := e.visitor(), e.visitor()
	contact := e.contactOf(v1)
	e.joinContact(v2, contact)
	c1, c2 := e.ownedChat(v1, ag[0]), e.chat(send(e, v2, "w1", "and me").Message.ChatID)
	other := e.visitor()
	c3 := e.chat(send(e, other, "o1", "unrelated").Message.ChatID)

	until := e.clock.Now().Add(48 * time.Hour)
	b := e.block(sup, contact, core.BlockInput{Until: &until, Reason: "  Abusive language  "})
	if b.ID == 0 || b.ContactID != contact || b.IdentityID != 0 || b.Reason != "Abusive language" || b.State != parley.BlockActive ||
		b.Until == nil || !b.Until.Equal(until) || b.CreatedBy != sup.ID || !b.CreatedAt.Equal(e.clock.Now()) || b.EndedAt != nil {
		t.Fatalf("block = %+v", b)
	}
	for _, c := range []parley.Chat{c1, c2} {
		got := e.chat(c.ID)
		if got.State != parley.ChatCompleted || got.StateChangedBy != (parley.Actor{Kind: parley.ActorAgent, ID: sup.ID}) {
			t.Errorf("chat %d of the blocked contact: %s by %+v", c.ID, got.State, got.StateChangedBy)
		}
	}
	if got := e.chat(c3.ID); !got.Open() {
		t.Errorf("another contact's chat was completed")
	}
	// Agents read why; the contact sees only the completion.
	staff := e.must1m(e.svc.Messages(e.ctx, e.viewer(ag[0]), parley.MessageFilter{ChatID: c1.ID}))
	seen := e.must1m(e.svc.Messages(e.ctx, parley.Viewer{IdentityID: v1.IdentityID}, parley.MessageFilter{ChatID: c1.ID}))
	if n := len(staff.Messages); n < 2 || staff.Messages[n-2].Code != parley.SystemContactBlocked || !staff.Messages[n-2].Internal ||
		staff.Messages[n-1].Code != parley.SystemChatCompleted {
		t.Errorf("the agent's last messages: %+v", staff.Messages)
	}
	for _, m := range seen.Messages {
		if m.Code == parley.SystemContactBlocked || strings.Contains(m.Text, "Abusive") {
			t.Errorf("the blocked contact reads %+v", m)
		}
	}
	ev := lastOfKind(e.allEvents(), parley.EventContactBlocked)
	if ev == nil || !e.viewer(ag[1]).CanSee(*ev) || (parley.Viewer{IdentityID: v1.IdentityID}).CanSee(*ev) {
		t.Fatalf("contact.blocked %+v must reach every agent and no visitor", ev)
	}
	var data parley.Block
	e.must(json.Unmarshal(ev.Data, &data))
	if data.ID != b.ID || data.Reason != b.Reason {
		t.Errorf("contact.blocked says %+v", data)
	}

	before, err := e.store.Chats(e.ctx, parley.ChatFilter{ContactID: contact, Limit: 100})
	e.must(err)
	e.expectHeld(v1, "b1", ag...)
	e.expectHeld(v2, "b2", ag...)
	e.expectHeld(v1, "b1", ag...) // a repeated delivery
	after, err := e.store.Chats(e.ctx, parley.ChatFilter{ContactID: contact, Limit: 100})
	e.must(err)
	if len(after) != len(before) {
		t.Errorf("the blocked contact has %d chats, had %d", len(after), len(before))
	}
	kept := e.blockedMessages(contact)
	if len(kept) != 2 || kept[0].IdentityID != v2.IdentityID || kept[1].IdentityID != v1.IdentityID || kept[1].Text != "let me in, b1" ||
		kept[1].BlockID != b.ID || kept[1].ContactID != contact || kept[1].ClientID != "b1" {
		t.Fatalf("blocked messages = %+v", kept)
	}
	blocks, err := e.svc.Blocks(e.ctx, contact)
	e.must(err)
	if len(blocks) != 1 || blocks[0].ID != b.ID {
		t.Errorf("blocks = %+v", blocks)
	}
}

func (e *env) must1m(p core.MessagePage, err error) core.MessagePage {
	e.t.Helper()
	e.must(err)
	return p
}

func testBlockIdentity(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	v1, v2 := e.visitor(), e.visitor()
	contact := e.contactOf(v1)
	e.joinContact(v2, contact)
	c1 := e.ownedChat(v1, ag[0])
	c2 := e.chat(send(e, v2, "w1", "the other identity").Message.ChatID)
	until := e.clock.Now().Add(time.Hour)
	b := e.block(e.admin, contact, core.BlockInput{Until: &until, Reason: "Spam from this widget", IdentityID: v1.IdentityID})
	if b.IdentityID != v1.IdentityID {
		t.Fatalf("block = %+v", b)
	}
	if s1, s2 := e.chat(c1.ID).State, e.chat(c2.ID).State; s1 != parley.ChatCompleted || s2 == parley.ChatCompleted {
		t.Fatalf("the blocked identity's chat is %s, the other's %s", s1, s2)
	}
	e.expectHeld(v1, "b1", ag...)
	if res := send(e, v2, "w2", "still here"); res.Message.ChatID != c2.ID || !res.Created {
		t.Errorf("the other identity's message went to %+v", res.Message)
	}
	e.agentCompletes(ag[1], c2.ID)
	if res := send(e, v2, "w3", "a new question"); res.Message.ChatID == 0 || res.Message.ChatID == c2.ID {
		t.Errorf("the other identity's next message did not start a chat: %+v", res.Message)
	}
	// A block of the contact may come on top of the identity's, and lifting
	// either leaves the other holding.
	whole := e.block(e.admin, contact, core.BlockInput{UntilFurtherNotice: true, Reason: "Everything"})
	if _, err := e.svc.LiftBlock(e.ctx, e.admin, b.ID, core.LiftInput{}); err != nil {
		t.Fatal(err)
	}
	e.expectHeld(v1, "b2", ag...)
	if _, err := e.svc.LiftBlock(e.ctx, e.admin, whole.ID, core.LiftInput{Reason: "Settled"}); err != nil {
		t.Fatal(err)
	}
	if res := send(e, v1, "b3", "hello again"); res.Message.ChatID == 0 || !res.Created {
		t.Errorf("after both lifts the message was %+v", res.Message)
	}
}

// agentCompletes completes a chat as an agent: it is accepted first when waiting.
func (e *env) agentCompletes(a parley.Agent, chatID int64) {
	e.t.Helper()
	if c := e.chat(chatID); c.State == parley.ChatWaiting {
		e.must1p(e.svc.Accept(e.ctx, a, e.viewer(a), chatID))
	}
	e.must1p(e.svc.Complete(e.ctx, a, e.viewer(a), chatID))
}

func testBlockLift(t *testing.T, e *env) {
	ag := e.agents(1, 5, true)
	sup := e.supervisor("sup@example.com")
	v := e.visitor()
	contact := e.contactOf(v)
	e.ownedChat(v, ag[0])
	until := e.clock.Now().Add(24 * time.Hour)
	b := e.block(e.admin, contact, core.BlockInput{Until: &until, Reason: "Threats"})
	e.expectHeld(v, "b1", ag...)

	_, err := e.svc.LiftBlock(e.ctx, ag[0], b.ID, core.LiftInput{})
	expectCode(t, err, parley.CodeForbidden)
	e.clock.Advance(time.Minute)
	lifted, err := e.svc.LiftBlock(e.ctx, sup, b.ID, core.LiftInput{Reason: " Apologised "})
	e.must(err)
	if lifted.State != parley.BlockLifted || lifted.LiftedBy != sup.ID || lifted.LiftReason != "Apologised" ||
		lifted.EndedAt == nil || !lifted.EndedAt.Equal(e.clock.Now()) || lifted.Reason != "Threats" {
		t.Fatalf("lifted = %+v", lifted)
	}
	ev := lastOfKind(e.allEvents(), parley.EventContactUnblocked)
	if ev == nil || !e.viewer(ag[0]).CanSee(*ev) {
		t.Fatalf("contact.unblocked = %+v", ev)
	}
	_, err = e.svc.LiftBlock(e.ctx, sup, b.ID, core.LiftInput{})
	expectCode(t, err, parley.CodeConflict)

	res := send(e, v, "m2", "hello again")
	if !res.Created || res.Message.ChatID == 0 || e.chat(res.Message.ChatID).OfferedTo != ag[0].ID {
		t.Fatalf("after the lift the message was %+v", res.Message)
	}
	// The timer of the lifted block fires and changes nothing.
	e.clock.Advance(25 * time.Hour)
	mark := e.lastEventID()
	e.fire()
	for _, ev := range e.allEvents() {
		if ev.ID > mark && strings.HasPrefix(string(ev.Kind), "contact.") {
			t.Errorf("the lifted block's timer emitted %s", ev.Kind)
		}
	}
	blocks, err := e.svc.Blocks(e.ctx, contact)
	e.must(err)
	if len(blocks) != 1 || blocks[0].State != parley.BlockLifted {
		t.Errorf("blocks = %+v", blocks)
	}
	// The history keeps it, and a new block may be placed.
	again := e.block(sup, contact, core.BlockInput{UntilFurtherNotice: true, Reason: "Again"})
	if blocks, _ = e.svc.Blocks(e.ctx, contact); len(blocks) != 2 || blocks[0].ID != again.ID || again.Until != nil {
		t.Errorf("blocks after a second one = %+v", blocks)
	}
}

func testBlockExpiry(t *testing.T, e *env) {
	ag := e.agents(1, 5, true)
	v := e.visitor()
	contact := e.contactOf(v)
	until := e.clock.Now().Add(time.Hour)
	b := e.block(e.admin, contact, core.BlockInput{Until: &until, Reason: "Cooling off"})
	e.expectHeld(v, "b1", ag...)
	e.clock.Advance(59 * time.Minute)
	e.fire()
	e.restart() // the timer is a row: a restart keeps it
	e.expectHeld(v, "b2", ag...)
	if got := e.must1b(e.store.Block(e.ctx, b.ID)); got.State != parley.BlockActive {
		t.Fatalf("before its end the block is %s", got.State)
	}
	e.clock.Advance(time.Minute)
	if n := e.fire(); n != 1 {
		t.Fatalf("%d timers fired at the block's end", n)
	}
	got := e.must1b(e.store.Block(e.ctx, b.ID))
	if got.State != parley.BlockExpired || got.EndedAt == nil || !got.EndedAt.Equal(until) || got.LiftedBy != 0 {
		t.Fatalf("expired block = %+v", got)
	}
	ev := lastOfKind(e.allEvents(), parley.EventContactUnblocked)
	if ev == nil || !e.viewer(ag[0]).CanSee(*ev) || !strings.Contains(string(ev.Data), `"state":"expired"`) {
		t.Fatalf("contact.unblocked = %+v", ev)
	}
	if e.fire() != 0 {
		t.Error("the expiry fired twice")
	}
	res := send(e, v, "m1", "hello")
	if !res.Created || res.Message.ChatID == 0 || e.chat(res.Message.ChatID).OfferedTo != ag[0].ID {
		t.Fatalf("after the expiry the message was %+v", res.Message)
	}
	if kept := e.blockedMessages(contact); len(kept) != 2 {
		t.Errorf("%d blocked messages kept, want 2", len(kept))
	}
	// Until further notice: no timer, still holding years later.
	v2 := e.visitor()
	e.block(e.admin, e.contactOf(v2), core.BlockInput{UntilFurtherNotice: true, Reason: "Fraud"})
	e.clock.Advance(20 * 365 * 24 * time.Hour)
	e.fire()
	e.expectHeld(v2, "f1", ag...)
}

func (e *env) must1b(b parley.Block, err error) parley.Block {
	e.t.Helper()
	e.must(err)
	return b
}

func testBlockRefused(t *testing.T, e *env) {
	ag := e.agents(1, 5, true)
	v, stranger := e.visitor(), e.visitor()
	contact := e.contactOf(v)
	c := e.ownedChat(v, ag[0])
	now := e.clock.Now()
	at := func(d time.Duration) *time.Time { return new(now.Add(d)) }
	held := e.block(e.admin, e.contactOf(stranger), core.BlockInput{Until: at(time.Hour), Reason: "Other"})
	cases := []struct {
		name    string
		by      parley.Agent
		contact int64
		in      core.BlockInput
		code    parley.ErrorCode
		msg     string
	}{
		{"no reason", e.admin, contact, core.BlockInput{Until: at(time.Hour)}, parley.CodeInvalid, "reason"},
		{"a blank reason", e.admin, contact, core.BlockInput{Until: at(time.Hour), Reason: " \t "}, parley.CodeInvalid, "reason"},
		{"a reason over 500 characters", e.admin, contact, core.BlockInput{Until: at(time.Hour), Reason: strings.Repeat("я", 501)}, parley.CodeInvalid, "500"},
		{"no until", e.admin, contact, core.BlockInput{Reason: "x"}, parley.CodeInvalid, "until"},
		{"until and until further notice", e.admin, contact, core.BlockInput{Until: at(time.Hour), UntilFurtherNotice: true, Reason: "x"}, parley.CodeInvalid, "not both"},
		{"a past until", e.admin, contact, core.BlockInput{Until: at(-time.Minute), Reason: "x"}, parley.CodeInvalid, "future"},
		{"until now", e.admin, contact, core.BlockInput{Until: at(0), Reason: "x"}, parley.CodeInvalid, "future"},
		{"until in eleven years", e.admin, contact, core.BlockInput{Until: at(11 * 365 * 24 * time.Hour), Reason: "x"}, parley.CodeInvalid, "ten years"},
		{"an unknown identity", e.admin, contact, core.BlockInput{Until: at(time.Hour), Reason: "x", IdentityID: 999999}, parley.CodeInvalid, "does not exist"},
		{"an identity of another contact", e.admin, contact, core.BlockInput{Until: at(time.Hour), Reason: "x", IdentityID: stranger.IdentityID}, parley.CodeInvalid, "not one of"},
		{"an agent", ag[0], contact, core.BlockInput{Until: at(time.Hour), Reason: "x"}, parley.CodeForbidden, "supervisors"},
		{"an unknown contact", e.admin, 999999, core.BlockInput{Until: at(time.Hour), Reason: "x"}, parley.CodeNotFound, ""},
		{"a second block of the same reach", e.admin, e.contactOf(stranger), core.BlockInput{Until: at(time.Hour), Reason: "x"}, parley.CodeConflict, "lift it first"},
	}
	snapshot := func() string {
		t.Helper()
		b1, err := e.store.ContactBlocks(e.ctx, contact)
		e.must(err)
		b2, err := e.store.ContactBlocks(e.ctx, e.contactOf(stranger))
		e.must(err)
		out, err := json.Marshal([]any{b1, b2, e.chat(c.ID), e.lastEventID()})
		e.must(err)
		return string(out)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := snapshot()
			_, err := e.svc.BlockContact(e.ctx, tc.by, tc.contact, tc.in)
			expectCode(t, err, tc.code)
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("%v does not mention %q", err, tc.msg)
			}
			if after := snapshot(); after != before {
				t.Errorf("a refused block changed the store:\n%s\n%s", before, after)
			}
		})
	}
	before := snapshot()
	_, err := e.svc.LiftBlock(e.ctx, e.admin, 999999, core.LiftInput{})
	expectCode(t, err, parley.CodeNotFound)
	_, err = e.svc.LiftBlock(e.ctx, ag[0], held.ID, core.LiftInput{})
	expectCode(t, err, parley.CodeForbidden)
	_, err = e.svc.LiftBlock(e.ctx, e.admin, held.ID, core.LiftInput{Reason: strings.Repeat("x", 501)})
	expectCode(t, err, parley.CodeInvalid)
	_, err = e.svc.BlockedMessages(e.ctx, ag[0], contact, 0, 0)
	expectCode(t, err, parley.CodeForbidden)
	_, err = e.svc.BlockedMessages(e.ctx, e.admin, 999999, 0, 0)
	expectCode(t, err, parley.CodeNotFound)
	_, err = e.svc.Blocks(e.ctx, 999999)
	expectCode(t, err, parley.CodeNotFound)
	if after := snapshot(); after != before {
		t.Errorf("a refused lift changed the store:\n%s\n%s", before, after)
	}
	if e.chat(c.ID).State == parley.ChatCompleted {
		t.Error("refused blocks completed the chat")
	}
}

// blockSpy counts the looks for a block that go through its transactions.
type blockSpy struct {
	parley.Store
	looks *atomic.Int64
}

func (s blockSpy) Write(ctx context.Context, fn func(tx parley.Tx) error) error {
	return s.Store.Write(ctx, func(tx parley.Tx) error { return fn(blockSpyTx{tx, s.looks}) })
}

type blockSpyTx struct {
	parley.Tx
	looks *atomic.Int64
}

func (t blockSpyTx) HoldingBlock(ctx context.Context, identityID, contactID int64, now time.Time) (parley.Block, error) {
	t.looks.Add(1)
	return t.Tx.HoldingBlock(ctx, identityID, contactID, now)
}

func testBlockHotPath(t *testing.T, e *env) {
	e.agents(1, 5, true)
	var looks atomic.Int64
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc, err := core.New(e.ctx, blockSpy{e.store, &looks}, e.bus, e.clock, log, core.Config{BcryptCost: bcrypt.MinCost})
	e.must(err)
	v := e.visitor()
	say := func(id string) core.SendResult {
		t.Helper()
		res, err := svc.VisitorSend(e.ctx, v, core.SendInput{ClientID: id, Text: "hello " + id})
		e.must(err)
		return res
	}
	first := say("m1")
	if looks.Load() != 1 || first.Message.ChatID == 0 {
		t.Fatalf("a message that starts a chat looked for a block %d times (want 1); chat %d", looks.Load(), first.Message.ChatID)
	}
	for _, id := range []string{"m2", "m3", "m1"} {
		say(id)
	}
	if looks.Load() != 1 {
		t.Fatalf("messages into an open chat looked for a block %d times", looks.Load()-1)
	}
}
