package core_test

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"parley"
	"parley/core"
)

func TestCases(t *testing.T) {
	runCases(t, []envCase{
		{"create case from a chat fills each field of R4.1", testCaseFromChat},
		{"a first message longer than a subject is cut, and kept whole in the description", testCaseSubjectCut},
		{"link a chat to a case of its contact, refused for another's; unlink", testLinkCase},
		{"who sees which case, the same in lists and on the case's page", testCaseVisibility},
		{"cases entered by hand, and changed", testManualCase},
	})
}

// caseChat is a chat whose contact wrote three times before the owner's first
// reply and once after, and whose contact belongs to an account.
type caseChat struct {
	chat    parley.Chat
	owner   parley.Agent
	visitor core.VisitorAuth
	account int64
}

func (e *env) caseChat(ag parley.Agent) caseChat {
	e.t.Helper()
	v := e.visitor()
	first := send(e, v, "c1", "  Where is my order?  ")
	send(e, v, "c2", "It was due on Monday.")
	c := e.must1p(e.svc.Accept(e.ctx, ag, e.viewer(ag), first.Message.ChatID)) // adds a system message
	send(e, v, "c3", "Order 42, a blue teapot.")
	agentSays(e, ag, c.ID, "r1")
	send(e, v, "c4", "Thanks!")
	// The contact's account (R3.7) comes from the contacts' records.
	const account = 77
	e.must(e.store.Write(e.ctx, func(tx parley.Tx) error {
		contact, err := tx.Contact(e.ctx, c.ContactID)
		if err != nil {
			return err
		}
		contact.AccountID = account
		return tx.UpdateContact(e.ctx, contact)
	}))
	return caseChat{chat: e.chat(c.ID), owner: ag, visitor: v, account: account}
}

func testCaseFromChat(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	cc := e.caseChat(ag[0])
	e.clock.Advance(90_000_000_000) // 90 s: the registration date is when the case is made, not the chat
	now := e.clock.Now()
	last, err := e.store.LastEventID(e.ctx)
	e.must(err)

	// A colleague of the queue, not the owner, makes the case: the assignee is still the chat's agent.
	view, err := e.svc.CreateCaseFromChat(e.ctx, ag[1], e.viewer(ag[1]), cc.chat.ID)
	e.must(err)
	stored, err := e.store.Case(e.ctx, view.ID)
	e.must(err)
	linked := e.chat(cc.chat.ID)

	fields := []struct {
		name      string
		got, want any
	}{
		{"subject is the chat's first message, trimmed", stored.Subject, "Where is my order?"},
		{"description is every contact message before the first agent reply",
			stored.Description, "Where is my order?\nIt was due on Monday.\nOrder 42, a blue teapot."},
		{"source is chat", stored.Source, parley.CaseFromChat},
		{"registration date is now", stored.RegisteredAt.Equal(now), true},
		{"status is new", stored.Status, parley.CaseNew},
		{"contact is the chat's contact", stored.ContactID, cc.chat.ContactID},
		{"account is the contact's account", stored.AccountID, cc.account},
		{"assignee is the chat's agent", stored.AssigneeID, cc.owner.ID},
		{"created by the agent who made it", stored.CreatedBy, ag[1].ID},
		{"the chat is linked to the case", linked.CaseID, stored.ID},
		{"the case lists the chat", slices.Equal(view.ChatIDs, []int64{cc.chat.ID}), true},
		{"the answer is the case stored", view.Case == stored, true},
	}
	for _, f := range fields {
		t.Run(f.name, func(t *testing.T) {
			if f.got != f.want {
				t.Errorf("got %v, want %v", f.got, f.want)
			}
		})
	}

	t.Run("the chat's consoles are told, and every console of the case", func(t *testing.T) {
		var updated, caseEv *parley.Event
		for _, ev := range e.allEvents() {
			if ev.ID <= last {
				continue
			}
			switch ev.Kind {
			case parley.EventChatUpdated:
				updated = &ev
			case parley.EventCaseUpdated:
				caseEv = &ev
			}
		}
		if updated == nil || updated.ChatID != cc.chat.ID || updated.Audience != parley.AudienceQueue|parley.AudienceAgent {
			t.Fatalf("chat.updated = %+v", updated)
		}
		var c parley.Chat
		e.must(json.Unmarshal(updated.Data, &c))
		if c.CaseID != stored.ID {
			t.Errorf("chat.updated carries case %d, want %d", c.CaseID, stored.ID)
		}
		if caseEv == nil || string(caseEv.Data) != `{"case_id":`+strconv.FormatInt(stored.ID, 10)+`}` || caseEv.Audience != parley.AudienceStaff {
			t.Errorf("case.updated = %+v", caseEv)
		}
	})

	_, err = e.svc.CreateCaseFromChat(e.ctx, ag[0], e.viewer(ag[0]), cc.chat.ID)
	expectCode(t, err, parley.CodeConflict) // a chat has one case at most
	outsider := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "out@example.com", Name: "Out", Password: "password1"}))
	_, err = e.svc.CreateCaseFromChat(e.ctx, outsider, e.viewer(outsider), e.newChat().ID)
	expectCode(t, err, parley.CodeNotFound)
}

func testCaseSubjectCut(t *testing.T, e *env) {
	ag := e.agents(1, 5, true)
	long := strings.Repeat("Ж", parley.MaxCaseSubject+50)
	v := e.visitor()
	c := e.chat(send(e, v, "long", long).Message.ChatID)
	k, err := e.svc.CreateCaseFromChat(e.ctx, ag[0], e.viewer(ag[0]), c.ID) // still waiting: no agent, no reply
	e.must(err)
	if n := utf8.RuneCountInString(k.Subject); n != parley.MaxCaseSubject || !strings.HasSuffix(k.Subject, "…") {
		t.Errorf("subject has %d characters (%q…), want %d ending with an ellipsis", n, k.Subject[:20], parley.MaxCaseSubject)
	}
	if k.Description != long {
		t.Errorf("the description does not hold the whole first message")
	}
	if k.AssigneeID != 0 {
		t.Errorf("a waiting chat has no agent, yet the case is assigned to %d", k.AssigneeID)
	}
}

func testLinkCase(t *testing.T, e *env) {
	ag := e.agents(1, 5, true)
	cc := e.caseChat(ag[0])
	v := e.viewer(ag[0])
	k, err := e.svc.CreateCaseFromChat(e.ctx, ag[0], v, cc.chat.ID)
	e.must(err)
	e.must1p(e.svc.Complete(e.ctx, ag[0], v, cc.chat.ID))
	// The same contact comes back: a new chat, linked to the case instead (R4.2).
	again := e.chat(send(e, cc.visitor, "back", "Still no teapot").Message.ChatID)
	again = e.must1p(e.svc.Accept(e.ctx, ag[0], v, again.ID))
	linked, err := e.svc.LinkCase(e.ctx, ag[0], v, again.ID, core.CaseLinkInput{CaseID: k.ID})
	e.must(err)
	if linked.CaseID != k.ID || e.chat(again.ID).CaseID != k.ID {
		t.Fatalf("linked chat = %+v", linked)
	}
	if ev := lastOfKind(e.allEvents(), parley.EventChatUpdated); ev == nil || ev.ChatID != again.ID {
		t.Errorf("no chat.updated for the linked chat: %+v", ev)
	}
	view, err := e.svc.Case(e.ctx, v, k.ID)
	e.must(err)
	if !slices.Equal(view.ChatIDs, []int64{cc.chat.ID, again.ID}) {
		t.Errorf("case's chats %v, want [%d %d]", view.ChatIDs, cc.chat.ID, again.ID)
	}

	other := e.ownedChat(e.visitor(), ag[0]) // another contact's chat
	_, err = e.svc.LinkCase(e.ctx, ag[0], v, other.ID, core.CaseLinkInput{CaseID: k.ID})
	expectCode(t, err, parley.CodeInvalid)
	if err == nil || !strings.Contains(err.Error(), "another contact") {
		t.Errorf("the refusal says %v", err)
	}
	if e.chat(other.ID).CaseID != 0 {
		t.Errorf("a refused link was stored")
	}
	for _, bad := range []int64{999999, -1} {
		_, err = e.svc.LinkCase(e.ctx, ag[0], v, other.ID, core.CaseLinkInput{CaseID: bad})
		expectCode(t, err, parley.CodeInvalid)
	}

	unlinked, err := e.svc.LinkCase(e.ctx, ag[0], v, again.ID, core.CaseLinkInput{CaseID: 0})
	e.must(err)
	if unlinked.CaseID != 0 || e.chat(again.ID).CaseID != 0 {
		t.Errorf("unlinked chat still has case %d", e.chat(again.ID).CaseID)
	}
	view, err = e.svc.Case(e.ctx, v, k.ID)
	e.must(err)
	if !slices.Equal(view.ChatIDs, []int64{cc.chat.ID}) {
		t.Errorf("after the unlink the case's chats are %v", view.ChatIDs)
	}
	// Linking what is linked already changes nothing and tells nobody.
	before := len(e.allEvents())
	e.must1p(e.svc.LinkCase(e.ctx, ag[0], v, cc.chat.ID, core.CaseLinkInput{CaseID: k.ID}))
	if after := len(e.allEvents()); after != before {
		t.Errorf("a link that changed nothing emitted %d events", after-before)
	}
}

func testCaseVisibility(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	owner, peer := ag[0], ag[1]
	outsider := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "out@example.com", Name: "Out", Password: "password1"}))
	sup := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "sup@example.com", Name: "Sup", Password: "password1", Role: parley.RoleSupervisor}))
	sales, err := e.svc.CreateRoom(e.ctx, e.admin, core.RoomInput{Name: "Sales"})
	e.must(err)
	salesSup := e.grant(e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "ssup@example.com", Name: "Sales sup",
		Password: "password1", Role: parley.RoleSupervisor})), parley.AgentRights{Rooms: []int64{sales.ID}})

	c := e.ownedChat(e.visitor(), owner)
	fromChat, err := e.svc.CreateCaseFromChat(e.ctx, owner, e.viewer(owner), c.ID)
	e.must(err)
	contact := c.ContactID
	forOutsider, err := e.svc.CreateCase(e.ctx, e.admin, core.NewCaseInput{Subject: "Call back",
		ContactID: contact, AssigneeID: &outsider.ID})
	e.must(err)
	nobodys, err := e.svc.CreateCase(e.ctx, e.admin, core.NewCaseInput{Subject: "Nobody's",
		ContactID: contact, AssigneeID: new(int64(0))})
	e.must(err)

	cases := []parley.Case{fromChat.Case, forOutsider.Case, nobodys.Case}
	// Each row: which of the three cases the agent sees.
	rows := []struct {
		name string
		who  parley.Agent
		sees []bool
	}{
		{"admin", e.admin, []bool{true, true, true}},
		{"supervisor", sup, []bool{true, true, true}},
		{"supervisor limited to another room", salesSup, []bool{false, false, false}},
		{"the chat's owner, its assignee", owner, []bool{true, false, false}},
		{"a peer of the chat's queue", peer, []bool{true, false, false}},
		{"an agent of no queue, assigned one", outsider, []bool{false, true, false}},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			v := e.viewer(row.who)
			page, err := e.svc.Cases(e.ctx, v, core.CaseQuery{})
			e.must(err)
			for i, k := range cases {
				_, err := e.svc.Case(e.ctx, v, k.ID)
				if err != nil && !parley.IsCode(err, parley.CodeNotFound) {
					t.Fatal(err)
				}
				listed := slices.ContainsFunc(page.Cases, func(x parley.Case) bool { return x.ID == k.ID })
				if open := err == nil; open != row.sees[i] || listed != row.sees[i] {
					t.Errorf("case %q: open %v, listed %v; want %v", k.Subject, open, listed, row.sees[i])
				}
				_, err = e.svc.UpdateCase(e.ctx, row.who, v, k.ID, core.CasePatch{Status: new(parley.CaseInProgress)})
				if changed := err == nil; changed != row.sees[i] {
					t.Errorf("case %q: changed %v (%v), want %v", k.Subject, changed, err, row.sees[i])
				}
			}
		})
	}
	// Taking part in the chat shows its case too.
	_, err = e.svc.AddParticipant(e.ctx, owner, e.viewer(owner), c.ID, core.ParticipantInput{AgentID: outsider.ID})
	e.must(err)
	if _, err := e.svc.Case(e.ctx, e.viewer(outsider), fromChat.ID); err != nil {
		t.Errorf("a participant of the linked chat does not see its case: %v", err)
	}
}

func testManualCase(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	c := e.ownedChat(e.visitor(), ag[0])
	v := e.viewer(ag[0])
	k, err := e.svc.CreateCase(e.ctx, ag[0], core.NewCaseInput{Subject: "  Refund for order 7 ", Description: "Asked by phone.",
		ContactID: c.ContactID})
	e.must(err)
	if k.Subject != "Refund for order 7" || k.Source != parley.CaseManual || k.Status != parley.CaseNew ||
		k.AssigneeID != ag[0].ID || k.CreatedBy != ag[0].ID || k.ContactID != c.ContactID || k.RegisteredAt.IsZero() || len(k.ChatIDs) != 0 {
		t.Fatalf("manual case = %+v", k)
	}
	// Handed to a colleague at once: the creator gets it back, though they no longer see it.
	handed, err := e.svc.CreateCase(e.ctx, ag[0], core.NewCaseInput{Subject: "For Agent 1", ContactID: c.ContactID, AssigneeID: &ag[1].ID})
	e.must(err)
	if handed.ID == 0 || handed.AssigneeID != ag[1].ID || handed.ContactName == "" {
		t.Errorf("case handed to a colleague = %+v", handed)
	}
	_, err = e.svc.Case(e.ctx, v, handed.ID)
	expectCode(t, err, parley.CodeNotFound)
	if _, err := e.svc.Case(e.ctx, e.viewer(ag[1]), handed.ID); err != nil {
		t.Errorf("the assignee does not see the case: %v", err)
	}
	bad := []core.NewCaseInput{
		{Subject: " ", ContactID: c.ContactID},
		{Subject: strings.Repeat("x", parley.MaxCaseSubject+1), ContactID: c.ContactID},
		{Subject: "x", Description: strings.Repeat("x", parley.MaxCaseDescription+1), ContactID: c.ContactID},
		{Subject: "x", ContactID: 999999},
		{Subject: "x", ContactID: c.ContactID, Status: "reopened"},
		{Subject: "x", ContactID: c.ContactID, AssigneeID: new(int64(999999))},
	}
	for i, in := range bad {
		_, err := e.svc.CreateCase(e.ctx, ag[0], in)
		if !parley.IsCode(err, parley.CodeInvalid) {
			t.Errorf("bad input %d: want invalid, got %v", i, err)
		}
	}

	subject, status := "Refund sent", parley.CaseResolved
	changed, err := e.svc.UpdateCase(e.ctx, ag[0], v, k.ID, core.CasePatch{Subject: &subject, Status: &status, AssigneeID: &ag[1].ID})
	e.must(err)
	stored, err := e.store.Case(e.ctx, k.ID)
	e.must(err)
	if stored.Subject != subject || stored.Status != status || stored.AssigneeID != ag[1].ID || stored.Description != "Asked by phone." ||
		stored.Version != k.Version+1 || changed.Case != stored {
		t.Errorf("changed case = %+v, answered %+v", stored, changed.Case)
	}
	if ev := lastOfKind(e.allEvents(), parley.EventCaseUpdated); ev == nil || !e.viewer(ag[1]).CanSee(*ev) {
		t.Errorf("case.updated %+v must reach every agent", ev)
	}
	_, err = e.svc.UpdateCase(e.ctx, ag[1], e.viewer(ag[1]), k.ID, core.CasePatch{Status: new(parley.CaseStatus("done"))})
	expectCode(t, err, parley.CodeInvalid)
	_, err = e.svc.UpdateCase(e.ctx, ag[1], e.viewer(ag[1]), k.ID, core.CasePatch{Subject: new("")})
	expectCode(t, err, parley.CodeInvalid)

	page, err := e.svc.Cases(e.ctx, e.viewer(e.admin), core.CaseQuery{ContactID: c.ContactID, Statuses: []parley.CaseStatus{parley.CaseResolved}})
	e.must(err)
	if len(page.Cases) != 1 || page.Cases[0].ID != k.ID {
		t.Errorf("resolved cases of the contact: %+v", page.Cases)
	}
	_, err = e.svc.Cases(e.ctx, e.viewer(e.admin), core.CaseQuery{Statuses: []parley.CaseStatus{"open"}})
	expectCode(t, err, parley.CodeInvalid)
}
