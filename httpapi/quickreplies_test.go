package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"parley"
	"parley/core"
)

// workspaceFixture is two agents of one queue, b owning a chat in progress.
type workspaceFixture struct {
	b, c           parley.Agent
	bToken, cToken string
	s              setup
	chat           parley.Chat
}

func newWorkspaceFixture(t *testing.T, e *env) workspaceFixture {
	var f workspaceFixture
	f.b, f.bToken = e.agent(t, "bee@example.com", parley.RoleAgent)
	f.c, f.cToken = e.agent(t, "cee@example.com", parley.RoleAgent)
	f.s = e.configure(t, f.b.ID, f.c.ID)
	e.setStatus(t, f.bToken, parley.StatusActive)
	v := e.visitor(t, f.s.channel.PublicKey)
	chatID := e.visitorSays(t, v.Token, "v-1", "Where is my order?").ChatID
	e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/chats/%d/accept", chatID), token: f.bToken}, http.StatusOK, &f.chat)
	return f
}

func TestQuickReplyEndpoints(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		f := newWorkspaceFixture(t, e)
		var all, own parley.QuickReply
		e.must(t, req{method: "POST", path: "/api/v1/quick-replies", token: e.adminToken,
			body: map[string]any{"name": "Greeting", "text": "Hello {contact.name}, this is {agent.name}.", "scope": "all"}}, http.StatusCreated, &all)
		e.must(t, req{method: "POST", path: "/api/v1/quick-replies", token: f.bToken,
			body: map[string]any{"name": "Проверка", "text": "Проверяю ваш заказ"}}, http.StatusCreated, &own)
		if own.Scope != parley.ScopeAgent || own.ScopeID != f.b.ID {
			t.Errorf("an agent's template = %+v", own)
		}

		var list QuickReplyList
		e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/quick-replies?chat_id=%d", f.chat.ID), token: f.bToken}, http.StatusOK, &list)
		contact, err := e.store.Contact(context.Background(), f.chat.ContactID)
		if err != nil {
			t.Fatal(err)
		}
		want := "Hello " + contact.Name + ", this is bee@example.com."
		if len(list.Items) != 2 || list.Items[0].Text != want || list.Items[1].Name != "Проверка" {
			t.Errorf("b's templates for the chat = %+v, want %q first", list.Items, want)
		}
		e.must(t, req{method: "GET", path: "/api/v1/quick-replies?q=" + "%D0%9F%D0%A0%D0%9E%D0%92", token: f.bToken}, http.StatusOK, &list) // ПРОВ
		if len(list.Items) != 1 || list.Items[0].ID != own.ID {
			t.Errorf("b's templates matching ПРОВ = %+v", list.Items)
		}
		e.must(t, req{method: "GET", path: "/api/v1/quick-replies", token: f.cToken}, http.StatusOK, &list)
		if len(list.Items) != 1 || list.Items[0].ID != all.ID {
			t.Errorf("c sees %+v, want only the template for all", list.Items)
		}
		e.must(t, req{method: "GET", path: "/api/v1/quick-replies?view=editable", token: f.bToken}, http.StatusOK, &list)
		if len(list.Items) != 1 || list.Items[0].ID != own.ID {
			t.Errorf("b may edit %+v, want their own only", list.Items)
		}

		ownPath := fmt.Sprintf("/api/v1/quick-replies/%d", own.ID)
		e.must(t, req{method: "PATCH", path: ownPath, token: f.bToken, body: map[string]any{"text": "Checking your order"}}, http.StatusOK, &own)
		if own.Text != "Checking your order" || own.Name != "Проверка" {
			t.Errorf("patched = %+v", own)
		}
		e.must(t, req{method: "DELETE", path: ownPath, token: f.bToken}, http.StatusNoContent, nil)
		e.must(t, req{method: "DELETE", path: ownPath, token: f.bToken}, http.StatusNotFound, nil)
	})
}

func TestDraftEndpoints(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		f := newWorkspaceFixture(t, e)
		path := fmt.Sprintf("/api/v1/chats/%d/draft", f.chat.ID)
		var d parley.Draft
		e.must(t, req{method: "GET", path: path, token: f.bToken}, http.StatusOK, &d)
		if d.Text != "" || d.ChatID != f.chat.ID {
			t.Errorf("draft before any = %+v", d)
		}
		e.must(t, req{method: "PUT", path: path, token: f.bToken, body: core.DraftInput{Text: "Your parcel"}}, http.StatusOK, &d)
		e.must(t, req{method: "GET", path: path, token: f.bToken}, http.StatusOK, &d)
		if d.Text != "Your parcel" || d.AgentID != f.b.ID {
			t.Errorf("draft = %+v", d)
		}
		e.must(t, req{method: "GET", path: path, token: f.cToken}, http.StatusOK, &d)
		if d.Text != "" {
			t.Errorf("c sees b's draft: %+v", d)
		}
		e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/chats/%d/messages", f.chat.ID), token: f.bToken,
			body: core.SendInput{ClientID: "m1", Text: "Your parcel left"}}, http.StatusCreated, nil)
		e.must(t, req{method: "GET", path: path, token: f.bToken}, http.StatusOK, &d)
		if d.Text != "" {
			t.Errorf("draft after sending = %+v", d)
		}
	})
}

// TestWorkspaceBadInput checks each refused quick-reply and draft request's
// status and code, and that no template or draft changed.
func TestWorkspaceBadInput(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		f := newWorkspaceFixture(t, e)
		var all, own parley.QuickReply
		e.must(t, req{method: "POST", path: "/api/v1/quick-replies", token: e.adminToken,
			body: map[string]any{"name": "All", "text": "for all", "scope": "all"}}, http.StatusCreated, &all)
		e.must(t, req{method: "POST", path: "/api/v1/quick-replies", token: f.bToken,
			body: map[string]any{"name": "Own", "text": "b's own"}}, http.StatusCreated, &own)
		e.must(t, req{method: "PUT", path: fmt.Sprintf("/api/v1/chats/%d/draft", f.chat.ID), token: f.bToken,
			body: core.DraftInput{Text: "kept"}}, http.StatusOK, nil)
		b, c, admin := f.bToken, f.cToken, e.adminToken
		create := func(token string, body map[string]any) req {
			return req{method: "POST", path: "/api/v1/quick-replies", token: token, body: body}
		}
		raw := func(method, path, token, body string) req {
			return req{method: method, path: path, token: token, raw: ptr(body), contentType: "application/json"}
		}
		ownPath, allPath := fmt.Sprintf("/api/v1/quick-replies/%d", own.ID), fmt.Sprintf("/api/v1/quick-replies/%d", all.ID)
		draft := fmt.Sprintf("/api/v1/chats/%d/draft", f.chat.ID)
		long := strings.Repeat("é", parley.MaxMessageText+1)
		cases := []badCase{
			{"template: malformed JSON", raw("POST", "/api/v1/quick-replies", b, `{"name":`), 400, parley.CodeMalformed, ""},
			{"template: unknown field", raw("POST", "/api/v1/quick-replies", b, `{"name":"n","text":"t","title":"x"}`), 400, parley.CodeMalformed, "title"},
			{"template: scope not a string", raw("POST", "/api/v1/quick-replies", b, `{"name":"n","text":"t","scope":5}`), 400, parley.CodeMalformed, ""},
			{"template without a name", create(b, map[string]any{"text": "t"}), 422, parley.CodeInvalid, "name"},
			{"template with a blank text", create(b, map[string]any{"name": "n", "text": "  "}), 422, parley.CodeInvalid, "text is required"},
			{"template with a long name", create(b, map[string]any{"name": strings.Repeat("n", 101), "text": "t"}), 422, parley.CodeInvalid, "at most 100"},
			{"template with a long text", create(b, map[string]any{"name": "n", "text": strings.Repeat("t", 4001)}), 422, parley.CodeInvalid, "at most 4000"},
			{"template of an unknown scope", create(admin, map[string]any{"name": "n", "text": "t", "scope": "team"}), 422, parley.CodeInvalid, "scope must be"},
			{"template of an unknown queue", create(admin, map[string]any{"name": "n", "text": "t", "scope": "queue", "scope_id": 99999}), 422, parley.CodeInvalid, "does not exist"},
			{"agent's template for all", create(b, map[string]any{"name": "n", "text": "t", "scope": "all"}), 403, parley.CodeForbidden, "own"},
			{"agent's template for a colleague", create(b, map[string]any{"name": "n", "text": "t", "scope": "agent", "scope_id": f.c.ID}), 403, parley.CodeForbidden, "own"},
			{"changing another agent's own", req{method: "PATCH", path: ownPath, token: c, body: map[string]any{"text": "x"}}, 404, parley.CodeNotFound, ""},
			{"deleting another agent's own", req{method: "DELETE", path: ownPath, token: c}, 404, parley.CodeNotFound, ""},
			{"an agent changing one for all", req{method: "PATCH", path: allPath, token: b, body: map[string]any{"text": "x"}}, 403, parley.CodeForbidden, ""},
			{"an agent deleting one for all", req{method: "DELETE", path: allPath, token: b}, 403, parley.CodeForbidden, ""},
			{"changing to a blank name", req{method: "PATCH", path: ownPath, token: b, body: map[string]any{"name": ""}}, 422, parley.CodeInvalid, "name is required"},
			{"changing an unknown template", req{method: "PATCH", path: "/api/v1/quick-replies/99999", token: admin, body: map[string]any{"text": "x"}}, 404, parley.CodeNotFound, ""},
			{"a template id that cannot exist", req{method: "DELETE", path: "/api/v1/quick-replies/x", token: admin}, 404, parley.CodeNotFound, ""},
			{"listing with a bad view", req{method: "GET", path: "/api/v1/quick-replies?view=mine", token: b}, 422, parley.CodeInvalid, "view"},
			{"listing with a chat_id not a number", req{method: "GET", path: "/api/v1/quick-replies?chat_id=abc", token: b}, 400, parley.CodeMalformed, "chat_id"},
			{"listing for an unknown chat", req{method: "GET", path: "/api/v1/quick-replies?chat_id=99999", token: b}, 404, parley.CodeNotFound, ""},
			{"listing unauthenticated", req{method: "GET", path: "/api/v1/quick-replies"}, 401, parley.CodeUnauthorized, ""},
			{"draft: malformed JSON", raw("PUT", draft, b, `{"text":`), 400, parley.CodeMalformed, ""},
			{"draft: unknown field", raw("PUT", draft, b, `{"body":"x"}`), 400, parley.CodeMalformed, "body"},
			{"draft over the message limit", req{method: "PUT", path: draft, token: b, body: core.DraftInput{Text: long}}, 413, parley.CodeTooLarge, ""},
			{"draft in an unknown chat", req{method: "PUT", path: "/api/v1/chats/99999/draft", token: b, body: core.DraftInput{Text: "x"}}, 404, parley.CodeNotFound, ""},
			{"draft read in an unknown chat", req{method: "GET", path: "/api/v1/chats/99999/draft", token: b}, 404, parley.CodeNotFound, ""},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				before := e.workspaceSnapshot(t, f)
				rep := e.do(t, tc.r)
				if rep.status != tc.status {
					t.Errorf("status %d, want %d; body %s", rep.status, tc.status, rep.body)
				}
				got := rep.errorDetail(t)
				if got.Code != tc.code {
					t.Errorf("code %q, want %q", got.Code, tc.code)
				}
				if tc.msg != "" && !strings.Contains(got.Message, tc.msg) {
					t.Errorf("message %q does not mention %s", got.Message, tc.msg)
				}
				if after := e.workspaceSnapshot(t, f); after != before {
					t.Errorf("a refused request changed the store:\nbefore %s\nafter  %s", before, after)
				}
			})
		}
	})
}

// workspaceSnapshot is every template and the fixture's agents' drafts.
func (e *env) workspaceSnapshot(t *testing.T, f workspaceFixture) string {
	t.Helper()
	ctx := context.Background()
	list, err := e.store.QuickReplies(ctx, parley.QuickReplyFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	parts := []any{list}
	for _, a := range []int64{f.b.ID, f.c.ID} {
		d, err := e.store.Draft(ctx, a, f.chat.ID)
		if err != nil && !parley.IsCode(err, parley.CodeNotFound) {
			t.Fatal(err)
		}
		parts = append(parts, d)
	}
	b, err := json.Marshal(parts)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
