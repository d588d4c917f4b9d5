package httpapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/core"
)

// TestBlockEndpoints blocks a contact over HTTP, has it write, lifts the block,
// and checks each refusal's status and code and that it changed nothing.
func TestBlockEndpoints(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		ag, agToken := e.agent(t, "bee@example.com", parley.RoleAgent)
		_, supToken := e.agent(t, "sup@example.com", parley.RoleSupervisor)
		s := e.configure(t, ag.ID)
		e.setStatus(t, agToken, parley.StatusActive)
		v, other := e.visitor(t, s.channel.PublicKey), e.visitor(t, s.channel.PublicKey)
		chatID := e.visitorSays(t, v.Token, "v-1", "Hello").ChatID
		e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/chats/%d/accept", chatID), token: agToken}, http.StatusOK, nil)
		var chat parley.Chat
		e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/chats/%d", chatID), token: agToken}, http.StatusOK, &chat)
		blocks := fmt.Sprintf("/api/v1/contacts/%d/blocks", chat.ContactID)
		kept := fmt.Sprintf("/api/v1/contacts/%d/blocked-messages", chat.ContactID)

		until := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
		var b parley.Block
		e.must(t, req{method: "POST", path: blocks, token: supToken,
			body: map[string]any{"until": until, "reason": "Abusive language"}}, http.StatusCreated, &b)
		if b.State != parley.BlockActive || b.Until == nil || !b.Until.Equal(until) || b.Reason != "Abusive language" {
			t.Fatalf("block = %+v", b)
		}
		e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/chats/%d", chatID), token: agToken}, http.StatusOK, &chat)
		if chat.State != parley.ChatCompleted {
			t.Fatalf("the blocked contact's chat is %s", chat.State)
		}
		// The widget's send succeeds; the message is kept apart, in no chat.
		if m := e.visitorSays(t, v.Token, "v-2", "Let me in"); m.ChatID != 0 || m.Text != "Let me in" {
			t.Fatalf("a blocked visitor's message came back as %+v", m)
		}
		var list BlockList
		e.must(t, req{method: "GET", path: blocks, token: agToken}, http.StatusOK, &list)
		if len(list.Items) != 1 || list.Items[0].ID != b.ID {
			t.Fatalf("blocks = %+v", list)
		}
		var page core.BlockedPage
		e.must(t, req{method: "GET", path: kept + "?limit=10", token: supToken}, http.StatusOK, &page)
		if len(page.Items) != 1 || page.Items[0].Text != "Let me in" || page.Items[0].BlockID != b.ID {
			t.Fatalf("blocked messages = %+v", page)
		}

		blockReq := func(token string, body any) req { return req{method: "POST", path: blocks, token: token, body: body} }
		soon := time.Now().Add(time.Hour)
		lift := fmt.Sprintf("/api/v1/blocks/%d/lift", b.ID)
		cases := []badCase{
			{"block without a reason", blockReq(supToken, map[string]any{"until": soon}), 422, parley.CodeInvalid, "reason"},
			{"block with a blank reason", blockReq(supToken, map[string]any{"until": soon, "reason": "   "}), 422, parley.CodeInvalid, "reason"},
			{"block with a reason over 500 characters", blockReq(supToken, map[string]any{"until": soon, "reason": strings.Repeat("x", 501)}), 422, parley.CodeInvalid, "500"},
			{"block without until", blockReq(supToken, map[string]any{"reason": "x"}), 422, parley.CodeInvalid, "until"},
			{"block until the past", blockReq(supToken, map[string]any{"until": time.Now().Add(-time.Hour), "reason": "x"}), 422, parley.CodeInvalid, "future"},
			{"block for eleven years", blockReq(supToken, map[string]any{"until": time.Now().AddDate(11, 0, 0), "reason": "x"}), 422, parley.CodeInvalid, "ten years"},
			{"block until a time that is no time", blockReq(supToken, map[string]any{"until": "tomorrow", "reason": "x"}), 400, parley.CodeMalformed, ""},
			{"block with an unknown field", blockReq(supToken, map[string]any{"until": soon, "reason": "x", "forever": true}), 400, parley.CodeMalformed, "forever"},
			{"block an unknown identity", blockReq(supToken, map[string]any{"until": soon, "reason": "x", "identity_id": 999999}), 422, parley.CodeInvalid, "does not exist"},
			{"block another contact's identity", blockReq(supToken, map[string]any{"until": soon, "reason": "x", "identity_id": other.IdentityID}), 422, parley.CodeInvalid, "not one of"},
			{"block as an agent", blockReq(agToken, map[string]any{"until": soon, "reason": "x"}), 403, parley.CodeForbidden, "supervisors"},
			{"block twice", blockReq(supToken, map[string]any{"until": soon, "reason": "x"}), 409, parley.CodeConflict, "lift it first"},
			{"block an unknown contact", req{method: "POST", path: "/api/v1/contacts/999999/blocks", token: supToken, body: map[string]any{"until": soon, "reason": "x"}}, 404, parley.CodeNotFound, ""},
			{"block a contact that is no id", req{method: "POST", path: "/api/v1/contacts/abc/blocks", token: supToken, body: map[string]any{"until": soon, "reason": "x"}}, 404, parley.CodeNotFound, ""},
			{"block with a visitor token", blockReq(v.Token, map[string]any{"until": soon, "reason": "x"}), 401, parley.CodeUnauthorized, ""},
			{"blocks of an unknown contact", req{method: "GET", path: "/api/v1/contacts/999999/blocks", token: agToken}, 404, parley.CodeNotFound, ""},
			{"lift as an agent", req{method: "POST", path: lift, token: agToken, body: core.LiftInput{}}, 403, parley.CodeForbidden, "supervisors"},
			{"lift an unknown block", req{method: "POST", path: "/api/v1/blocks/999999/lift", token: supToken, body: core.LiftInput{}}, 404, parley.CodeNotFound, ""},
			{"lift with a reason over 500 characters", req{method: "POST", path: lift, token: supToken, body: core.LiftInput{Reason: strings.Repeat("x", 501)}}, 422, parley.CodeInvalid, "500"},
			{"lift without a body", req{method: "POST", path: lift, token: supToken, contentType: "application/json"}, 400, parley.CodeMalformed, "empty"},
			{"blocked messages as an agent", req{method: "GET", path: kept, token: agToken}, 403, parley.CodeForbidden, ""},
			{"blocked messages of an unknown contact", req{method: "GET", path: "/api/v1/contacts/999999/blocked-messages", token: supToken}, 404, parley.CodeNotFound, ""},
			{"blocked messages with a bad cursor", req{method: "GET", path: kept + "?before=x", token: supToken}, 400, parley.CodeMalformed, "before"},
		}
		state := func(t *testing.T) string {
			t.Helper()
			var bl BlockList
			var bm core.BlockedPage
			e.must(t, req{method: "GET", path: blocks, token: supToken}, http.StatusOK, &bl)
			e.must(t, req{method: "GET", path: kept, token: supToken}, http.StatusOK, &bm)
			out, err := json.Marshal([]any{bl, bm})
			if err != nil {
				t.Fatal(err)
			}
			return e.snapshot(t) + string(out)
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				before := state(t)
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
				if after := state(t); after != before {
					t.Errorf("a refused request changed the store:\nbefore %s\nafter  %s", before, after)
				}
			})
		}

		var lifted parley.Block
		e.must(t, req{method: "POST", path: lift, token: supToken, body: map[string]any{}}, http.StatusOK, &lifted)
		if lifted.State != parley.BlockLifted || lifted.EndedAt == nil || lifted.LiftedBy == 0 {
			t.Fatalf("lifted = %+v", lifted)
		}
		e.must(t, req{method: "POST", path: lift, token: supToken, body: map[string]any{}}, http.StatusConflict, nil)
		if m := e.visitorSays(t, v.Token, "v-3", "Sorry"); m.ChatID == 0 || m.ChatID == chatID {
			t.Fatalf("after the lift the message went to %+v", m)
		}
		// An identity block until further notice.
		e.must(t, req{method: "POST", path: blocks, token: e.adminToken, body: map[string]any{"until_further_notice": true,
			"reason": "Spam", "identity_id": v.IdentityID}}, http.StatusCreated, &b)
		if b.Until != nil || b.IdentityID != v.IdentityID {
			t.Fatalf("identity block = %+v", b)
		}
		e.must(t, req{method: "GET", path: blocks, token: agToken}, http.StatusOK, &list)
		if len(list.Items) != 2 || list.Items[0].ID != b.ID || list.Items[1].State != parley.BlockLifted {
			t.Fatalf("blocks, newest first = %+v", list)
		}
	})
}
