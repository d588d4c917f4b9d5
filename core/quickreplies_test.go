package core_test

import (
	"strings"
	"testing"

	"parley"
	"parley/core"
)

func TestQuickReplies(t *testing.T) {
	runCases(t, []envCase{
		{"who may create, change and delete which", testQuickReplyRights},
		{"an agent is shown what applies to them, filtered in any case", testQuickReplyListing},
		{"with a chat the placeholders are filled", testQuickReplyRendering},
		{"bad input is refused", testQuickReplyInvalid},
	})
}

func (e *env) quickReply(by parley.Agent, name, text string, scope parley.QuickReplyScope, scopeID int64) parley.QuickReply {
	e.t.Helper()
	r, err := e.svc.CreateQuickReply(e.ctx, by, core.QuickReplyPatch{Name: &name, Text: &text, Scope: &scope, ScopeID: &scopeID})
	e.must(err)
	return r
}

func names(list []parley.QuickReply) string {
	out := make([]string, len(list))
	for i, r := range list {
		out[i] = r.Name
	}
	return strings.Join(out, ",")
}

func testQuickReplyRights(t *testing.T, e *env) {
	ag := e.agents(2, 5, false)
	sup := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "sup@example.com", Name: "Sup", Password: "password1", Role: parley.RoleSupervisor}))
	own := e.quickReply(ag[0], "mine", "my text", parley.ScopeAgent, 0)
	if own.Scope != parley.ScopeAgent || own.ScopeID != ag[0].ID || own.CreatedBy != ag[0].ID {
		t.Errorf("an agent's template = %+v, want their own", own)
	}
	queue := e.quickReply(sup, "queue", "for the queue", parley.ScopeQueue, e.queue.ID)
	e.quickReply(e.admin, "all", "for everyone", parley.ScopeAll, 0)

	refused := []struct {
		what string
		err  error
		code parley.ErrorCode
	}{}
	try := func(what string, code parley.ErrorCode, err error) {
		refused = append(refused, struct {
			what string
			err  error
			code parley.ErrorCode
		}{what, err, code})
	}
	all, queueScope, agentScope := parley.ScopeAll, parley.ScopeQueue, parley.ScopeAgent
	name, text := "x", "y"
	_, err := e.svc.CreateQuickReply(e.ctx, ag[0], core.QuickReplyPatch{Name: &name, Text: &text, Scope: &all})
	try("an agent creating one for all", parley.CodeForbidden, err)
	_, err = e.svc.CreateQuickReply(e.ctx, ag[0], core.QuickReplyPatch{Name: &name, Text: &text, Scope: &queueScope, ScopeID: &e.queue.ID})
	try("an agent creating one for a queue", parley.CodeForbidden, err)
	_, err = e.svc.CreateQuickReply(e.ctx, ag[0], core.QuickReplyPatch{Name: &name, Text: &text, Scope: &agentScope, ScopeID: &ag[1].ID})
	try("an agent creating one for another agent", parley.CodeForbidden, err)
	_, err = e.svc.CreateQuickReply(e.ctx, sup, core.QuickReplyPatch{Name: &name, Text: &text, Scope: &all})
	try("a supervisor creating one for all", parley.CodeForbidden, err)
	_, err = e.svc.UpdateQuickReply(e.ctx, ag[1], own.ID, core.QuickReplyPatch{Text: &text})
	try("another agent changing an agent's own", parley.CodeNotFound, err)
	_, err = e.svc.UpdateQuickReply(e.ctx, sup, own.ID, core.QuickReplyPatch{Text: &text})
	try("a supervisor changing an agent's own", parley.CodeNotFound, err)
	try("another agent deleting an agent's own", parley.CodeNotFound, e.svc.DeleteQuickReply(e.ctx, ag[1], own.ID))
	try("an agent deleting a queue's", parley.CodeForbidden, e.svc.DeleteQuickReply(e.ctx, ag[0], queue.ID))
	_, err = e.svc.UpdateQuickReply(e.ctx, ag[0], own.ID, core.QuickReplyPatch{Scope: &queueScope, ScopeID: &e.queue.ID})
	try("an agent moving their own to a queue", parley.CodeForbidden, err)
	try("deleting none", parley.CodeNotFound, e.svc.DeleteQuickReply(e.ctx, e.admin, 99999))
	for _, r := range refused {
		if !parley.IsCode(r.err, r.code) {
			t.Errorf("%s: got %v, want %s", r.what, r.err, r.code)
		}
	}

	newText := "  changed  "
	got, err := e.svc.UpdateQuickReply(e.ctx, ag[0], own.ID, core.QuickReplyPatch{Text: &newText})
	e.must(err)
	if got.Text != "changed" || got.Name != "mine" {
		t.Errorf("changed by its agent = %+v", got)
	}
	got, err = e.svc.UpdateQuickReply(e.ctx, sup, queue.ID, core.QuickReplyPatch{Name: &newText})
	e.must(err)
	if got.Name != "changed" {
		t.Errorf("changed by a supervisor = %+v", got)
	}
	e.must(e.svc.DeleteQuickReply(e.ctx, e.admin, queue.ID))
	e.must(e.svc.DeleteQuickReply(e.ctx, ag[0], own.ID))
	list, err := e.svc.QuickReplies(e.ctx, e.admin, e.viewer(e.admin), core.QuickReplyQuery{Editable: true})
	e.must(err)
	if names(list) != "all" {
		t.Errorf("left after deleting = %s, want all", names(list))
	}
}

func testQuickReplyListing(t *testing.T, e *env) {
	ag := e.agents(2, 5, false) // both in the env's queue
	outsider := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "out@example.com", Name: "Out", Password: "password1"}))
	sup := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "sup@example.com", Name: "Sup", Password: "password1", Role: parley.RoleSupervisor}))
	otherRoom, err := e.svc.CreateRoom(e.ctx, e.admin, core.RoomInput{Name: "Sales"})
	e.must(err)
	e.quickReply(e.admin, "Greeting", "Здравствуйте, {contact.name}!", parley.ScopeAll, 0)
	e.quickReply(e.admin, "Room", "room text", parley.ScopeRoom, e.queue.RoomID)
	e.quickReply(e.admin, "Other room", "sales text", parley.ScopeRoom, otherRoom.ID)
	e.quickReply(sup, "Queue", "queue text", parley.ScopeQueue, e.queue.ID)
	e.quickReply(ag[0], "Mine", "ПРОВЕРКА заказа", parley.ScopeAgent, 0)
	e.quickReply(ag[1], "Theirs", "their text", parley.ScopeAgent, 0)
	e.quickReply(sup, "Sup's own", "sup text", parley.ScopeAgent, 0)

	cases := []struct {
		who  parley.Agent
		q    core.QuickReplyQuery
		want string
	}{
		{ag[0], core.QuickReplyQuery{}, "Greeting,Mine,Queue,Room"},
		{ag[1], core.QuickReplyQuery{}, "Greeting,Queue,Room,Theirs"},
		{outsider, core.QuickReplyQuery{}, "Greeting"},
		{ag[0], core.QuickReplyQuery{Q: "проверка"}, "Mine"},     // Cyrillic, other case, in the text
		{ag[0], core.QuickReplyQuery{Q: "ЗДРАВСТВ"}, "Greeting"}, // Cyrillic upper case against lower
		{ag[0], core.QuickReplyQuery{Q: "ROOM"}, "Room"},         // in the name
		{ag[0], core.QuickReplyQuery{Q: "nothing like it"}, ""},  // no match
		{ag[0], core.QuickReplyQuery{Editable: true}, "Mine"},    // an agent manages their own
		{sup, core.QuickReplyQuery{Editable: true}, "Other room,Queue,Room,Sup's own"},
		{e.admin, core.QuickReplyQuery{Editable: true, Q: "text"}, "Other room,Queue,Room,Sup's own,Theirs"},
	}
	for _, c := range cases {
		list, err := e.svc.QuickReplies(e.ctx, c.who, e.viewer(c.who), c.q)
		e.must(err)
		if got := names(list); got != c.want {
			t.Errorf("%s with %+v: got %q, want %q", c.who.Email, c.q, got, c.want)
		}
	}
}

func testQuickReplyRendering(t *testing.T, e *env) {
	ag := e.agents(1, 5, true)
	c := e.ownedChat(e.visitor(), ag[0])
	contact, err := e.store.Contact(e.ctx, c.ContactID)
	e.must(err)
	e.quickReply(e.admin, "Hi", "Hello {contact.name}, I am {agent.name}. {unknown} stays, {contact.name} twice.", parley.ScopeAll, 0)
	list, err := e.svc.QuickReplies(e.ctx, ag[0], e.viewer(ag[0]), core.QuickReplyQuery{ChatID: c.ID})
	e.must(err)
	want := "Hello " + contact.Name + ", I am " + ag[0].Name + ". {unknown} stays, " + contact.Name + " twice."
	if len(list) != 1 || list[0].Text != want {
		t.Errorf("rendered = %+v, want text %q", list, want)
	}
	outsider := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "out@example.com", Name: "Out", Password: "password1"}))
	_, err = e.svc.QuickReplies(e.ctx, outsider, e.viewer(outsider), core.QuickReplyQuery{ChatID: c.ID})
	if !parley.IsCode(err, parley.CodeNotFound) {
		t.Errorf("rendering for a chat the agent may not see: %v, want not found", err)
	}
	if got := parley.Render("{contact.name}{agent.name}{contact.NAME}", "C", "A"); got != "CA{contact.NAME}" {
		t.Errorf("Render = %q", got)
	}
}

func testQuickReplyInvalid(t *testing.T, e *env) {
	s := func(v string) *string { return &v }
	scope := func(v parley.QuickReplyScope) *parley.QuickReplyScope { return &v }
	id := func(v int64) *int64 { return &v }
	cases := []struct {
		what string
		in   core.QuickReplyPatch
		msg  string
	}{
		{"no name", core.QuickReplyPatch{Text: s("t")}, "required"},
		{"blank name", core.QuickReplyPatch{Name: s("  "), Text: s("t")}, "name is required"},
		{"blank text", core.QuickReplyPatch{Name: s("n"), Text: s(" ")}, "text is required"},
		{"long name", core.QuickReplyPatch{Name: s(strings.Repeat("я", parley.MaxQuickReplyName+1)), Text: s("t")}, "at most 100"},
		{"long text", core.QuickReplyPatch{Name: s("n"), Text: s(strings.Repeat("я", parley.MaxQuickReplyText+1))}, "at most 4000"},
		{"unknown scope", core.QuickReplyPatch{Name: s("n"), Text: s("t"), Scope: scope("team")}, "scope must be"},
		{"all with an id", core.QuickReplyPatch{Name: s("n"), Text: s("t"), Scope: scope(parley.ScopeAll), ScopeID: id(3)}, "must be 0"},
		{"queue without id", core.QuickReplyPatch{Name: s("n"), Text: s("t"), Scope: scope(parley.ScopeQueue)}, "scope_id is required"},
		{"unknown queue", core.QuickReplyPatch{Name: s("n"), Text: s("t"), Scope: scope(parley.ScopeQueue), ScopeID: id(99999)}, "does not exist"},
		{"unknown room", core.QuickReplyPatch{Name: s("n"), Text: s("t"), Scope: scope(parley.ScopeRoom), ScopeID: id(99999)}, "does not exist"},
	}
	for _, c := range cases {
		_, err := e.svc.CreateQuickReply(e.ctx, e.admin, c.in)
		if !parley.IsCode(err, parley.CodeInvalid) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: got %v, want invalid mentioning %q", c.what, err, c.msg)
		}
	}
	list, err := e.svc.QuickReplies(e.ctx, e.admin, e.viewer(e.admin), core.QuickReplyQuery{Editable: true})
	e.must(err)
	if len(list) != 0 {
		t.Errorf("refused templates were stored: %+v", list)
	}
}
