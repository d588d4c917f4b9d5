package core_test

import (
	"strings"
	"testing"

	"parley"
	"parley/core"
)

func TestDrafts(t *testing.T) {
	runCases(t, []envCase{
		{"kept per agent and chat, deleted by empty text", testDraftKept},
		{"sending a message deletes the sender's draft", testDraftSent},
		{"refused for chats the agent may not see, and when too long", testDraftRefused},
	})
}

func (e *env) draft(by parley.Agent, chatID int64) string {
	e.t.Helper()
	d, err := e.svc.Draft(e.ctx, by, e.viewer(by), chatID)
	e.must(err)
	return d.Text
}

func (e *env) saveDraft(by parley.Agent, chatID int64, text string) {
	e.t.Helper()
	_, err := e.svc.SaveDraft(e.ctx, by, e.viewer(by), chatID, core.DraftInput{Text: text})
	e.must(err)
}

func testDraftKept(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	c := e.ownedChat(e.visitor(), ag[0])
	if got := e.draft(ag[0], c.ID); got != "" {
		t.Errorf("draft before any = %q", got)
	}
	e.saveDraft(ag[0], c.ID, "Добрый день, ваш заказ")
	e.saveDraft(ag[1], c.ID, "a colleague's words") // in the queue, so sees the chat
	if got := e.draft(ag[0], c.ID); got != "Добрый день, ваш заказ" {
		t.Errorf("draft = %q", got)
	}
	if got := e.draft(ag[1], c.ID); got != "a colleague's words" {
		t.Errorf("the other agent's draft = %q", got)
	}
	e.saveDraft(ag[0], c.ID, "  ")
	if got := e.draft(ag[0], c.ID); got != "" {
		t.Errorf("draft after saving blank = %q", got)
	}
	if got := e.draft(ag[1], c.ID); got != "a colleague's words" {
		t.Errorf("the other agent's draft after the first's was deleted = %q", got)
	}
}

func testDraftSent(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	c := e.ownedChat(e.visitor(), ag[0])
	e.saveDraft(ag[0], c.ID, "Your parcel left")
	e.saveDraft(ag[1], c.ID, "not sent by me")
	_, err := e.svc.AgentSend(e.ctx, ag[0], e.viewer(ag[0]), c.ID, core.SendInput{ClientID: "d1", Text: "Your parcel left today"})
	e.must(err)
	if got := e.draft(ag[0], c.ID); got != "" {
		t.Errorf("draft after sending = %q", got)
	}
	if got := e.draft(ag[1], c.ID); got != "not sent by me" {
		t.Errorf("another agent's draft after the owner sent = %q", got)
	}
	// A refused message leaves the draft alone: its words are not sent.
	e.saveDraft(ag[1], c.ID, "still mine")
	if _, err := e.svc.AgentSend(e.ctx, ag[1], e.viewer(ag[1]), c.ID, core.SendInput{ClientID: "d2", Text: "still mine"}); !parley.IsCode(err, parley.CodeForbidden) {
		t.Fatalf("a non-owner's message: %v", err)
	}
	if got := e.draft(ag[1], c.ID); got != "still mine" {
		t.Errorf("draft after a refused message = %q", got)
	}
}

func testDraftRefused(t *testing.T, e *env) {
	ag := e.agents(1, 5, true)
	c := e.ownedChat(e.visitor(), ag[0])
	outsider := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "out@example.com", Name: "Out", Password: "password1"}))
	if _, err := e.svc.SaveDraft(e.ctx, outsider, e.viewer(outsider), c.ID, core.DraftInput{Text: "hi"}); !parley.IsCode(err, parley.CodeNotFound) {
		t.Errorf("saving in a chat not seen: %v", err)
	}
	if _, err := e.svc.Draft(e.ctx, outsider, e.viewer(outsider), c.ID); !parley.IsCode(err, parley.CodeNotFound) {
		t.Errorf("reading in a chat not seen: %v", err)
	}
	if _, err := e.svc.SaveDraft(e.ctx, ag[0], e.viewer(ag[0]), 99999, core.DraftInput{Text: "hi"}); !parley.IsCode(err, parley.CodeNotFound) {
		t.Errorf("saving in no chat: %v", err)
	}
	long := strings.Repeat("é", parley.MaxMessageText+1)
	if _, err := e.svc.SaveDraft(e.ctx, ag[0], e.viewer(ag[0]), c.ID, core.DraftInput{Text: long}); !parley.IsCode(err, parley.CodeTooLarge) {
		t.Errorf("saving too long a draft: %v", err)
	}
	if got := e.draft(ag[0], c.ID); got != "" {
		t.Errorf("draft after refusals = %q", got)
	}
}
