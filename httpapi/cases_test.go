package httpapi

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"parley"
	"parley/core"
)

// caseWorld is a Support queue of owner and peer, where owner holds chat C with
// case K made from it, beside a case M entered by hand for C's contact and
// assigned to nobody; a supervisor and an outsider of no queue look on.
type caseWorld struct {
	e      *env
	s      setup
	actors []matrixActor // in caseActors' order
	owner  matrixActor
	c      parley.Chat
	k, m   core.CaseView
	n      int // fresh chats made, for their client ids
}

var caseActors = []string{"admin", "supervisor", "owner", "peer", "outsider"}

// caseColumns is who may do what with cases: y served, n refused with 403,
// h hidden (404, or served without the case), one letter per caseActors.
var caseColumns = []rightsColumn[*caseWorld]{
	{"GET case K", "yyyyh", func(t *testing.T, w *caseWorld, a matrixActor) byte {
		return w.status(t, a, "GET", fmt.Sprintf("/api/v1/cases/%d", w.k.ID), nil)
	}},
	{"K in GET /cases", "yyyyh", func(t *testing.T, w *caseWorld, a matrixActor) byte {
		return w.listed(t, a, "/api/v1/cases", w.k.ID)
	}},
	{"GET nobody's case M", "yyhhh", func(t *testing.T, w *caseWorld, a matrixActor) byte {
		return w.status(t, a, "GET", fmt.Sprintf("/api/v1/cases/%d", w.m.ID), nil)
	}},
	{"M in GET /cases", "yyhhh", func(t *testing.T, w *caseWorld, a matrixActor) byte {
		return w.listed(t, a, fmt.Sprintf("/api/v1/cases?contact=%d", w.c.ContactID), w.m.ID)
	}},
	{"PATCH case K", "yyyyh", func(t *testing.T, w *caseWorld, a matrixActor) byte {
		return w.status(t, a, "PATCH", fmt.Sprintf("/api/v1/cases/%d", w.k.ID), map[string]any{"status": "in_progress"})
	}},
	{"create a case from a chat", "yyyyh", func(t *testing.T, w *caseWorld, a matrixActor) byte {
		return w.status(t, a, "POST", fmt.Sprintf("/api/v1/chats/%d/case", w.freshChat(t).ID), nil)
	}},
	{"unlink a chat from its case", "yyyyh", func(t *testing.T, w *caseWorld, a matrixActor) byte {
		f := w.freshChat(t)
		w.e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/chats/%d/case", f.ID), token: w.e.adminToken}, http.StatusCreated, nil)
		return w.status(t, a, "PUT", fmt.Sprintf("/api/v1/chats/%d/case", f.ID), map[string]any{"case_id": 0})
	}},
	{"create a case by hand", "yyyyy", func(t *testing.T, w *caseWorld, a matrixActor) byte {
		return w.status(t, a, "POST", "/api/v1/cases", map[string]any{"subject": "By " + a.name, "contact_id": w.c.ContactID})
	}},
}

// TestCaseRights checks, for each role, who sees and changes which case, and
// who makes and links cases from chats.
func TestCaseRights(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newCaseWorld(t, e)
		checkRights(t, "case rights", caseActors, w.actors, w, caseColumns)
	})
}

func newCaseWorld(t *testing.T, e *env) *caseWorld {
	w := &caseWorld{e: e, actors: []matrixActor{{name: "admin", agent: e.admin, token: e.adminToken}}}
	for _, name := range caseActors[1:] {
		role := parley.RoleAgent
		if name == "supervisor" {
			role = parley.RoleSupervisor
		}
		a, tok := e.agent(t, name+"@example.com", role)
		w.actors = append(w.actors, matrixActor{name: name, agent: a, token: tok})
	}
	w.owner = w.actors[slices.Index(caseActors, "owner")]
	w.s = e.configure(t, w.owner.agent.ID, w.actors[slices.Index(caseActors, "peer")].agent.ID)
	e.setStatus(t, w.owner.token, parley.StatusActive) // the owner alone: every chat is offered to them
	e.must(t, req{method: "PATCH", path: fmt.Sprintf("/api/v1/agents/%d", w.owner.agent.ID), token: e.adminToken,
		body: map[string]any{"chat_limit": 100}}, http.StatusOK, nil)
	w.c = w.freshChat(t)
	e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/chats/%d/case", w.c.ID), token: w.owner.token}, http.StatusCreated, &w.k)
	e.must(t, req{method: "POST", path: "/api/v1/cases", token: e.adminToken,
		body: map[string]any{"subject": "Nobody's", "contact_id": w.c.ContactID, "assignee_id": 0}}, http.StatusCreated, &w.m)
	return w
}

// freshChat is a new visitor's chat, accepted and answered by the owner.
func (w *caseWorld) freshChat(t *testing.T) parley.Chat {
	t.Helper()
	e := w.e
	w.n++
	v := e.visitor(t, w.s.channel.PublicKey)
	m := e.visitorSays(t, v.Token, fmt.Sprintf("v-%d", w.n), "My parcel is lost")
	var c parley.Chat
	e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/chats/%d/accept", m.ChatID), token: w.owner.token}, http.StatusOK, &c)
	e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/chats/%d/messages", m.ChatID), token: w.owner.token,
		body: core.SendInput{ClientID: "r", Text: "Let me look"}}, http.StatusCreated, nil)
	return c
}

func (w *caseWorld) status(t *testing.T, a matrixActor, method, path string, body any) byte {
	t.Helper()
	return (&matrixWorld{e: w.e}).status(t, a, method, path, body)
}

// listed reads a case page as a: y when case id is in it, h when not, n when refused.
func (w *caseWorld) listed(t *testing.T, a matrixActor, path string, id int64) byte {
	t.Helper()
	var page core.CasePage
	if v := (&matrixWorld{e: w.e}).decode(t, a, path, &page); v != 'y' {
		return v
	}
	return yesIf(slices.ContainsFunc(page.Cases, func(k parley.Case) bool { return k.ID == id }))
}

// TestCaseEndpoints makes a case from a chat over HTTP, links the contact's
// next chat to it, refuses another contact's chat, and lists and pages cases.
func TestCaseEndpoints(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newCaseWorld(t, e)
		tok := w.owner.token
		if w.k.Subject != "My parcel is lost" || w.k.Description != "My parcel is lost" || w.k.Status != parley.CaseNew ||
			w.k.Source != parley.CaseFromChat || w.k.AssigneeID != w.owner.agent.ID || !slices.Equal(w.k.ChatIDs, []int64{w.c.ID}) {
			t.Errorf("case from chat = %+v", w.k)
		}
		path := fmt.Sprintf("/api/v1/chats/%d/case", w.c.ID)
		rep := e.must(t, req{method: "POST", path: path, token: tok}, http.StatusConflict, nil)
		if d := rep.errorDetail(t); !strings.Contains(d.Message, "already linked") {
			t.Errorf("second case from one chat: %+v", d)
		}

		// Another contact's chat may not join K; the message says why.
		other := w.freshChat(t)
		rep = e.must(t, req{method: "PUT", path: fmt.Sprintf("/api/v1/chats/%d/case", other.ID), token: tok,
			body: core.CaseLinkInput{CaseID: w.k.ID}}, http.StatusUnprocessableEntity, nil)
		if d := rep.errorDetail(t); d.Code != parley.CodeInvalid || !strings.Contains(d.Message, "another contact") {
			t.Errorf("linking another contact's chat: %+v", d)
		}
		// The same contact's case is fine: M.
		var linked parley.Chat
		e.must(t, req{method: "PUT", path: path, token: e.adminToken, body: core.CaseLinkInput{CaseID: w.m.ID}}, http.StatusOK, &linked)
		if linked.CaseID != w.m.ID {
			t.Errorf("after the link the chat has case %d, want %d", linked.CaseID, w.m.ID)
		}
		var m core.CaseView
		e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/cases/%d", w.m.ID), token: tok}, http.StatusOK, &m)
		if !slices.Equal(m.ChatIDs, []int64{w.c.ID}) {
			t.Errorf("M's chats %v; the owner now sees M through C", m.ChatIDs)
		}
		var unlinked parley.Chat
		e.must(t, req{method: "PUT", path: path, token: tok, body: core.CaseLinkInput{}}, http.StatusOK, &unlinked)
		if unlinked.CaseID != 0 || unlinked.ID != w.c.ID {
			t.Errorf("unlinked chat = %+v", unlinked)
		}

		var k core.CaseView
		e.must(t, req{method: "PATCH", path: fmt.Sprintf("/api/v1/cases/%d", w.k.ID), token: tok,
			body: map[string]any{"subject": "Parcel lost in transit", "status": "resolved", "assignee_id": 0}}, http.StatusOK, &k)
		if k.Subject != "Parcel lost in transit" || k.Status != parley.CaseResolved || k.AssigneeID != 0 {
			t.Errorf("patched case = %+v", k)
		}
		// Neither assigned nor linked to a chat of theirs, K is no longer the owner's to see.
		e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/cases/%d", w.k.ID), token: tok}, http.StatusNotFound, nil)
		e.must(t, req{method: "PATCH", path: fmt.Sprintf("/api/v1/cases/%d", w.k.ID), token: e.adminToken,
			body: map[string]any{"contact_id": 5}}, http.StatusBadRequest, nil)
		e.must(t, req{method: "PATCH", path: fmt.Sprintf("/api/v1/cases/%d", w.k.ID), token: e.adminToken,
			body: map[string]any{"status": "lost"}}, http.StatusUnprocessableEntity, nil)

		var page core.CasePage
		e.must(t, req{method: "GET", path: "/api/v1/cases?status=resolved", token: e.adminToken}, http.StatusOK, &page)
		if len(page.Cases) != 1 || page.Cases[0].ID != w.k.ID || page.Cases[0].ContactName == "" {
			t.Errorf("resolved cases: %+v", page.Cases)
		}
		e.must(t, req{method: "GET", path: "/api/v1/cases?limit=1", token: e.adminToken}, http.StatusOK, &page)
		if len(page.Cases) != 1 || page.Cases[0].ID != w.m.ID || page.Next != w.m.ID {
			t.Fatalf("first page: %+v", page)
		}
		e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/cases?limit=1&before=%d", page.Next), token: e.adminToken}, http.StatusOK, &page)
		if len(page.Cases) != 1 || page.Cases[0].ID != w.k.ID {
			t.Errorf("second page: %+v", page)
		}
		e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/cases?assignee=%d", w.owner.agent.ID), token: e.adminToken}, http.StatusOK, &page)
		if len(page.Cases) != 0 {
			t.Errorf("cases assigned to the owner after the change: %+v", page.Cases)
		}
		e.must(t, req{method: "GET", path: "/api/v1/cases?status=open", token: e.adminToken}, http.StatusUnprocessableEntity, nil)
		e.must(t, req{method: "GET", path: "/api/v1/cases/999999", token: e.adminToken}, http.StatusNotFound, nil)
	})
}
