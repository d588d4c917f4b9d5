package core_test

import (
	"testing"

	"parley"
	"parley/core"
)

// TestContactChats lists one contact's chats (R2.19), newest first, and only as
// the viewer's rights allow.
func TestContactChats(t *testing.T) {
	runCases(t, []envCase{{"one contact's chats, newest first, within the viewer's rights", func(t *testing.T, e *env) {
		ag := e.agents(1, 5, true)
		outsider := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "out@example.com", Name: "Out", Password: "password1"}))
		v := e.visitor()
		first := e.chat(send(e, v, "m1", "hello").Message.ChatID)
		e.must1p(e.svc.Accept(e.ctx, ag[0], e.viewer(ag[0]), first.ID))
		e.must1p(e.svc.Complete(e.ctx, ag[0], e.viewer(ag[0]), first.ID))
		second := e.chat(send(e, v, "m2", "me again").Message.ChatID)
		e.newChat() // someone else's
		page, err := e.svc.Chats(e.ctx, e.viewer(ag[0]), core.ChatQuery{ContactID: first.ContactID})
		e.must(err)
		if len(page.Chats) != 2 || page.Chats[0].ID != second.ID || page.Chats[1].ID != first.ID {
			t.Fatalf("the contact's chats %+v, want %d then %d", chatIDsOf(page.Chats), second.ID, first.ID)
		}
		page, err = e.svc.Chats(e.ctx, e.viewer(outsider), core.ChatQuery{ContactID: first.ContactID})
		e.must(err)
		if len(page.Chats) != 0 {
			t.Fatalf("an agent outside the queue sees the contact's chats %v", chatIDsOf(page.Chats))
		}
	}}})
}

func chatIDsOf(chats []parley.Chat) []int64 {
	ids := make([]int64, len(chats))
	for i, c := range chats {
		ids[i] = c.ID
	}
	return ids
}
