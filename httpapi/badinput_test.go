package httpapi

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"parley"
	"parley/core"
)

// badFixture is a team with chats in every state a refusal needs.
type badFixture struct {
	b, c           parley.Agent
	bToken, cToken string
	bCSRF          string
	v1, v2         core.VisitorSession
	offeredToB     int64        // waiting, offered to b
	completedByC   int64        // c's chat, completed
	inProgressC    int64        // c's chat, in progress
	soloC          int64        // a queue whose only member is c
	d              parley.Agent // deactivated
	s              setup
	lunch, old     parley.PauseReason // an active and an inactive pause reason
}

func newBadFixture(t *testing.T, e *env) badFixture {
	var f badFixture
	f.b, _ = e.agent(t, "bee@example.com", parley.RoleAgent)
	f.c, f.cToken = e.agent(t, "cee@example.com", parley.RoleAgent)
	login := e.login(t, "bee@example.com", "password-1")
	f.bToken, f.bCSRF = login.Token, login.CSRFToken
	f.s = e.configure(t, f.b.ID, f.c.ID)
	e.setStatus(t, f.bToken, parley.StatusActive)
	e.setStatus(t, f.cToken, parley.StatusActive)
	f.v1, f.v2 = e.visitor(t, f.s.channel.PublicKey), e.visitor(t, f.s.channel.PublicKey)
	// Equally idle, b has the lower id and is offered the first chat; c then the second.
	f.offeredToB = e.visitorSays(t, f.v1.Token, "v1-1", "Hello").ChatID
	f.completedByC = e.visitorSays(t, f.v2.Token, "v2-1", "Hi").ChatID
	var chat parley.Chat
	e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/chats/%d", f.offeredToB), token: f.bToken}, http.StatusOK, &chat)
	if chat.OfferedTo != f.b.ID {
		t.Fatalf("chat %d offered to %d, want %d", chat.ID, chat.OfferedTo, f.b.ID)
	}
	e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/chats/%d/accept", f.completedByC), token: f.cToken}, http.StatusOK, nil)
	e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/chats/%d/complete", f.completedByC), token: f.cToken}, http.StatusOK, nil)
	f.lunch = e.pauseReason(t, "Lunch", true)
	f.old = e.pauseReason(t, "Old", false)
	addTransferFixture(t, e, &f)
	return f
}

// addTransferFixture gives c a chat in progress, a queue of their own, and adds a deactivated agent.
func addTransferFixture(t *testing.T, e *env, f *badFixture) {
	v3 := e.visitor(t, f.s.channel.PublicKey)
	f.inProgressC = e.visitorSays(t, v3.Token, "v3-1", "Help").ChatID
	e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/chats/%d/accept", f.inProgressC), token: f.cToken}, http.StatusOK, nil)
	var solo parley.Queue
	e.must(t, req{method: "POST", path: "/api/v1/queues", token: e.adminToken,
		body: map[string]any{"name": "Solo", "room_id": f.s.room.ID, "members": []int64{f.c.ID}}}, http.StatusCreated, &solo)
	f.soloC = solo.ID
	f.d, _ = e.agent(t, "dee@example.com", parley.RoleAgent)
	e.must(t, req{method: "PATCH", path: fmt.Sprintf("/api/v1/agents/%d", f.d.ID), token: e.adminToken,
		body: map[string]any{"disabled": true}}, http.StatusOK, &f.d)
}

// transferCases are the refused transfers and owner changes.
func transferCases(f badFixture, admin string) []badCase {
	chatIP, chatB, chatC := fmt.Sprintf("/api/v1/chats/%d", f.inProgressC), fmt.Sprintf("/api/v1/chats/%d", f.offeredToB), fmt.Sprintf("/api/v1/chats/%d", f.completedByC)
	transfer := func(token, path string, in core.TransferInput) req {
		return req{method: "POST", path: path + "/transfer", token: token, body: in}
	}
	owner := func(token string, in core.OwnerInput) req {
		return req{method: "POST", path: chatIP + "/owner", token: token, body: in}
	}
	c, b := f.cToken, f.bToken
	long := strings.Repeat("é", parley.MaxMessageText+1)
	return []badCase{
		{"transfer without a target", transfer(c, chatIP, core.TransferInput{}), 422, parley.CodeInvalid, "exactly one"},
		{"transfer to an agent and a queue", transfer(c, chatIP, core.TransferInput{ToAgentID: f.b.ID, ToQueueID: f.s.queue.ID}), 422, parley.CodeInvalid, "exactly one"},
		{"transfer to an unknown agent", transfer(c, chatIP, core.TransferInput{ToAgentID: 999999}), 422, parley.CodeInvalid, "does not exist"},
		{"transfer to an unknown queue", transfer(c, chatIP, core.TransferInput{ToQueueID: 999999}), 422, parley.CodeInvalid, "does not exist"},
		{"transfer to the owner", transfer(c, chatIP, core.TransferInput{ToAgentID: f.c.ID}), 422, parley.CodeInvalid, "already owns"},
		{"transfer to a queue with only the sender", transfer(c, chatIP, core.TransferInput{ToQueueID: f.soloC}), 409, parley.CodeConflict, "no agent besides"},
		{"transfer to a deactivated agent", transfer(c, chatIP, core.TransferInput{ToAgentID: f.d.ID}), 409, parley.CodeConflict, "deactivated"},
		{"transfer by another agent", transfer(b, chatIP, core.TransferInput{ToAgentID: f.b.ID}), 403, parley.CodeForbidden, "owner"},
		{"transfer a waiting chat", transfer(admin, chatB, core.TransferInput{ToAgentID: f.c.ID}), 409, parley.CodeConflict, "in progress"},
		{"transfer a completed chat", transfer(c, chatC, core.TransferInput{ToAgentID: f.b.ID}), 409, parley.CodeConflict, "in progress"},
		{"transfer with a comment over 10000 characters", transfer(c, chatIP, core.TransferInput{ToAgentID: f.b.ID, Comment: long}), 413, parley.CodeTooLarge, ""},
		{"transfer with a long client_id", transfer(c, chatIP, core.TransferInput{ToAgentID: f.b.ID, ClientID: strings.Repeat("x", parley.MaxClientID+1)}), 422, parley.CodeInvalid, "client_id"},
		{"transfer with an unknown field", req{method: "POST", path: chatIP + "/transfer", token: c, raw: ptr(`{"to_agent":1}`), contentType: "application/json"}, 400, parley.CodeMalformed, "to_agent"},
		{"transfer an unknown chat", transfer(c, "/api/v1/chats/999999", core.TransferInput{ToAgentID: f.b.ID}), 404, parley.CodeNotFound, ""},
		{"targets of an unknown chat", req{method: "GET", path: "/api/v1/chats/999999/transfer-targets", token: c}, 404, parley.CodeNotFound, ""},
		{"history of an unknown chat", req{method: "GET", path: "/api/v1/chats/999999/history", token: c}, 404, parley.CodeNotFound, ""},
		{"owner change by another agent", owner(b, core.OwnerInput{AgentID: f.b.ID}), 403, parley.CodeForbidden, "owner"},
		{"owner change without an agent", owner(c, core.OwnerInput{}), 422, parley.CodeInvalid, "agent_id"},
		{"owner change to the owner", owner(admin, core.OwnerInput{AgentID: f.c.ID}), 422, parley.CodeInvalid, "already owns"},
		{"owner change to a deactivated agent", owner(admin, core.OwnerInput{AgentID: f.d.ID}), 409, parley.CodeConflict, "deactivated"},
		{"owner change from a stale version", owner(admin, core.OwnerInput{AgentID: f.b.ID, Version: 1}), 409, parley.CodeConflict, "changed by someone else"},
		{"owner change of a completed chat", req{method: "POST", path: chatC + "/owner", token: admin, body: core.OwnerInput{AgentID: f.b.ID}}, 409, parley.CodeConflict, "in progress"},
	}
}

func ptr(s string) *string { return &s }

// badCase is a refused request: its status, code, and what its message mentions when msg is set.
type badCase struct {
	name   string
	r      req
	status int
	code   parley.ErrorCode
	msg    string
}

// TestBadInput checks each refusal's status and code, and that nothing stored changed.
func TestBadInput(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		f := newBadFixture(t, e)
		admin := e.adminToken
		room := func(body string) req {
			return req{method: "POST", path: "/api/v1/rooms", token: admin, raw: ptr(body), contentType: "application/json"}
		}
		b, c := f.bToken, f.cToken
		chatB, chatC := fmt.Sprintf("/api/v1/chats/%d", f.offeredToB), fmt.Sprintf("/api/v1/chats/%d", f.completedByC)
		long := strings.Repeat("é", parley.MaxMessageText+1)
		html := []byte("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>")
		brokenPNG := append(testPNG(t, 2, 2)[:40:40], "not the rest of a picture"...)
		oversize := bytes.Repeat([]byte("a"), testMaxFile+1)
		notMultipart := `{"file":"x"}`
		noFilePart, noFileType := multipartBody(t, "attachment", "a.txt", []byte("hello"))
		elevenFiles := make([]string, parley.MaxMessageFiles+1)
		for i := range elevenFiles {
			elevenFiles[i] = fmt.Sprintf("f_%d", i)
		}
		cases := []badCase{
			{"malformed JSON", room(`{"name":`), 400, parley.CodeMalformed, ""},
			{"syntax error", room(`{"name" "x"}`), 400, parley.CodeMalformed, ""},
			{"not an object", room(`[1,2]`), 400, parley.CodeMalformed, ""},
			{"wrong field type", room(`{"name":5}`), 400, parley.CodeMalformed, `"name"`},
			{"unknown field", room(`{"name":"x","colour":"red"}`), 400, parley.CodeMalformed, `"colour"`},
			{"trailing data", room(`{"name":"x"} {}`), 400, parley.CodeMalformed, ""},
			{"empty body", room(``), 400, parley.CodeMalformed, "empty"},
			{"wrong content type", req{method: "POST", path: "/api/v1/rooms", token: admin, raw: ptr(`{"name":"x"}`), contentType: "text/plain"}, 415, parley.CodeMalformed, ""},
			{"form content type", req{method: "POST", path: "/api/v1/rooms", token: admin, raw: ptr(`name=x`), contentType: "application/x-www-form-urlencoded"}, 415, parley.CodeMalformed, ""},
			{"body over 1 MiB", room(`{"name":"` + strings.Repeat("a", maxBody) + `"}`), 413, parley.CodeTooLarge, ""},
			{"agent message over 10000 characters", req{method: "POST", path: chatB + "/messages", token: b, body: core.SendInput{ClientID: "x", Text: long}}, 413, parley.CodeTooLarge, ""},
			{"visitor message over 10000 characters", req{method: "POST", path: "/api/v1/widget/messages", token: f.v1.Token, body: core.SendInput{ClientID: "x", Text: long}}, 413, parley.CodeTooLarge, ""},
			{"invalid e-mail", req{method: "POST", path: "/api/v1/agents", token: admin, body: core.AgentInput{Email: "nope", Name: "N", Password: "password-1"}}, 422, parley.CodeInvalid, ""},
			{"short password", req{method: "POST", path: "/api/v1/agents", token: admin, body: core.AgentInput{Email: "d@example.com", Name: "D", Password: "short"}}, 422, parley.CodeInvalid, ""},
			{"taken e-mail", req{method: "POST", path: "/api/v1/agents", token: admin, body: core.AgentInput{Email: "bee@example.com", Name: "B2", Password: "password-1"}}, 409, parley.CodeConflict, ""},
			{"invalid status", req{method: "PUT", path: "/api/v1/me/status", token: b, body: map[string]string{"status": "asleep"}}, 422, parley.CodeInvalid, ""},
			{"paused without a reason", req{method: "PUT", path: "/api/v1/me/status", token: b, body: StatusInput{Status: parley.StatusPaused}}, 422, parley.CodeInvalid, "pause_reason_id"},
			{"paused for an unknown reason", req{method: "PUT", path: "/api/v1/me/status", token: b, body: StatusInput{Status: parley.StatusPaused, PauseReasonID: 999999}}, 422, parley.CodeInvalid, ""},
			{"paused for an inactive reason", req{method: "PUT", path: "/api/v1/me/status", token: b, body: StatusInput{Status: parley.StatusPaused, PauseReasonID: f.old.ID}}, 422, parley.CodeInvalid, "not active"},
			{"active with a pause reason", req{method: "PUT", path: "/api/v1/me/status", token: b, body: StatusInput{Status: parley.StatusActive, PauseReasonID: f.lunch.ID}}, 422, parley.CodeInvalid, ""},
			{"supervisor pauses another for an inactive reason", req{method: "PUT", path: fmt.Sprintf("/api/v1/agents/%d/status", f.c.ID), token: admin, body: StatusInput{Status: parley.StatusPaused, PauseReasonID: f.old.ID}}, 422, parley.CodeInvalid, ""},
			{"agent pauses another", req{method: "PUT", path: fmt.Sprintf("/api/v1/agents/%d/status", f.c.ID), token: b, body: StatusInput{Status: parley.StatusPaused, PauseReasonID: f.lunch.ID}}, 403, parley.CodeForbidden, ""},
			{"non-admin creates a pause reason", req{method: "POST", path: "/api/v1/pause-reasons", token: b, body: map[string]any{"name": "Nap"}}, 403, parley.CodeForbidden, ""},
			{"non-admin changes a pause reason", req{method: "PATCH", path: fmt.Sprintf("/api/v1/pause-reasons/%d", f.old.ID), token: b, body: map[string]any{"active": true}}, 403, parley.CodeForbidden, ""},
			{"pause reason without a name", req{method: "POST", path: "/api/v1/pause-reasons", token: admin, body: map[string]any{"active": true}}, 422, parley.CodeInvalid, "name"},
			{"pause reason with a blank name", req{method: "PATCH", path: fmt.Sprintf("/api/v1/pause-reasons/%d", f.lunch.ID), token: admin, body: map[string]any{"name": " "}}, 422, parley.CodeInvalid, "name"},
			{"pause reason with a taken name", req{method: "POST", path: "/api/v1/pause-reasons", token: admin, body: map[string]any{"name": "Lunch"}}, 409, parley.CodeConflict, ""},
			{"pause reason renamed to a taken name", req{method: "PATCH", path: fmt.Sprintf("/api/v1/pause-reasons/%d", f.old.ID), token: admin, body: map[string]any{"name": "Lunch"}}, 409, parley.CodeConflict, ""},
			{"unknown pause reason", req{method: "PATCH", path: "/api/v1/pause-reasons/999999", token: admin, body: map[string]any{"active": false}}, 404, parley.CodeNotFound, ""},
			{"status time of another agent", req{method: "GET", path: fmt.Sprintf("/api/v1/agents/%d/status-time", f.c.ID), token: b}, 403, parley.CodeForbidden, ""},
			{"status time from a bad time", req{method: "GET", path: fmt.Sprintf("/api/v1/agents/%d/status-time?from=yesterday", f.b.ID), token: b}, 400, parley.CodeMalformed, "from"},
			{"status time from after to", req{method: "GET", path: fmt.Sprintf("/api/v1/agents/%d/status-time?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", f.b.ID), token: b}, 422, parley.CodeInvalid, ""},
			{"status time of an unknown agent", req{method: "GET", path: "/api/v1/agents/999999/status-time", token: admin}, 404, parley.CodeNotFound, ""},
			{"invalid chat limit", req{method: "PATCH", path: fmt.Sprintf("/api/v1/queues/%d", f.s.queue.ID), token: admin, body: map[string]int{"chat_limit": 0}}, 422, parley.CodeInvalid, ""},
			{"queue in a missing room", req{method: "POST", path: "/api/v1/queues", token: admin, body: map[string]any{"name": "Q", "room_id": 999999}}, 422, parley.CodeInvalid, ""},
			{"empty message", req{method: "POST", path: "/api/v1/widget/messages", token: f.v1.Token, body: core.SendInput{ClientID: "x", Text: "  "}}, 422, parley.CodeInvalid, ""},
			{"invalid state filter", req{method: "GET", path: "/api/v1/chats?state=waiting,sleeping", token: b}, 422, parley.CodeInvalid, ""},
			{"bad number in query", req{method: "GET", path: "/api/v1/chats?limit=ten", token: b}, 400, parley.CodeMalformed, "limit"},
			{"negative number in query", req{method: "GET", path: "/api/v1/events?after=-1", token: b}, 400, parley.CodeMalformed, "after"},
			{"repeated query parameter", req{method: "GET", path: chatB + "/messages?limit=1&limit=2", token: b}, 400, parley.CodeMalformed, "limit"},
			{"unknown agent", req{method: "GET", path: "/api/v1/agents/999999", token: admin}, 404, parley.CodeNotFound, ""},
			{"unknown room", req{method: "PATCH", path: "/api/v1/rooms/999999", token: admin, body: core.RoomInput{Name: "x"}}, 404, parley.CodeNotFound, ""},
			{"unknown chat", req{method: "POST", path: "/api/v1/chats/999999/accept", token: b}, 404, parley.CodeNotFound, ""},
			{"id not a number", req{method: "GET", path: "/api/v1/chats/abc", token: b}, 404, parley.CodeNotFound, ""},
			{"id zero", req{method: "GET", path: "/api/v1/queues/0", token: b}, 404, parley.CodeNotFound, ""},
			{"id with leading zeros", req{method: "GET", path: fmt.Sprintf("/api/v1/chats/00%d", f.offeredToB), token: b}, 404, parley.CodeNotFound, ""},
			{"unknown path", req{method: "GET", path: "/api/v1/nothing", token: b}, 404, parley.CodeNotFound, ""},
			{"wrong method", req{method: "DELETE", path: "/api/v1/agents", token: admin}, 405, parley.CodeMalformed, ""},
			{"no token", req{method: "GET", path: "/api/v1/agents"}, 401, parley.CodeUnauthorized, ""},
			{"wrong token", req{method: "GET", path: "/api/v1/agents", token: "not-a-session"}, 401, parley.CodeUnauthorized, ""},
			{"not a bearer header", req{method: "GET", path: "/api/v1/agents", header: map[string]string{"Authorization": "Basic YTpi"}}, 401, parley.CodeUnauthorized, ""},
			{"visitor token as agent", req{method: "GET", path: "/api/v1/chats", token: f.v1.Token}, 401, parley.CodeUnauthorized, ""},
			{"no visitor token", req{method: "POST", path: "/api/v1/widget/messages", body: core.SendInput{ClientID: "x", Text: "hi"}}, 401, parley.CodeUnauthorized, ""},
			{"agent token as visitor", req{method: "POST", path: "/api/v1/widget/messages", token: admin, body: core.SendInput{ClientID: "x", Text: "hi"}}, 401, parley.CodeUnauthorized, ""},
			{"forged visitor token", req{method: "GET", path: "/api/v1/widget/chats", token: f.v1.Token + "x"}, 401, parley.CodeUnauthorized, ""},
			{"wrong password", req{method: "POST", path: "/api/v1/auth/login", body: LoginInput{Email: "bee@example.com", Password: "wrong-password"}}, 401, parley.CodeUnauthorized, ""},
			{"non-admin creates an agent", req{method: "POST", path: "/api/v1/agents", token: b, body: core.AgentInput{Email: "e@example.com", Name: "E", Password: "password-1"}}, 403, parley.CodeForbidden, ""},
			{"non-admin creates a queue", req{method: "POST", path: "/api/v1/queues", token: b, body: map[string]any{"name": "Q", "room_id": f.s.room.ID}}, 403, parley.CodeForbidden, ""},
			{"non-admin creates a channel", req{method: "POST", path: "/api/v1/channels", token: b, body: map[string]any{"name": "C", "queue_id": f.s.queue.ID}}, 403, parley.CodeForbidden, ""},
			{"non-admin creates a room", req{method: "POST", path: "/api/v1/rooms", token: b, body: core.RoomInput{Name: "R"}}, 403, parley.CodeForbidden, ""},
			{"agent sets another's status", req{method: "PUT", path: fmt.Sprintf("/api/v1/agents/%d/status", f.c.ID), token: b, body: StatusInput{Status: parley.StatusInactive}}, 403, parley.CodeForbidden, ""},
			{"cookie write without CSRF", req{method: "PUT", path: "/api/v1/me/status", cookie: b, body: StatusInput{Status: parley.StatusInactive}}, 403, parley.CodeForbidden, "X-CSRF-Token"},
			{"cookie write with a wrong CSRF", req{method: "PUT", path: "/api/v1/me/status", cookie: b, csrf: f.bCSRF + "x", body: StatusInput{Status: parley.StatusInactive}}, 403, parley.CodeForbidden, ""},
			{"cookie logout without CSRF", req{method: "POST", path: "/api/v1/auth/logout", cookie: b}, 403, parley.CodeForbidden, ""},
			{"visitor reads another visitor's chat", req{method: "GET", path: fmt.Sprintf("/api/v1/widget/chats/%d/messages", f.offeredToB), token: f.v2.Token}, 404, parley.CodeNotFound, ""},
			{"accept a chat offered to someone else", req{method: "POST", path: chatB + "/accept", token: c}, 409, parley.CodeConflict, ""},
			{"decline a chat offered to someone else", req{method: "POST", path: chatB + "/decline", token: c}, 409, parley.CodeConflict, ""},
			{"answer a completed chat", req{method: "POST", path: chatC + "/messages", token: c, body: core.SendInput{ClientID: "late", Text: "Still there?"}}, 409, parley.CodeConflict, ""},
			{"complete a completed chat", req{method: "POST", path: chatC + "/complete", token: c}, 409, parley.CodeConflict, ""},
			{"write before accepting", req{method: "POST", path: chatB + "/messages", token: b, body: core.SendInput{ClientID: "early", Text: "Hi"}}, 403, parley.CodeForbidden, ""},
			{"visitor completes without an open chat", req{method: "POST", path: "/api/v1/widget/complete", token: f.v2.Token}, 409, parley.CodeConflict, ""},
			{"settings with an unknown language", req{method: "PATCH", path: "/api/v1/me/settings", token: b, body: map[string]string{"language": "fr"}}, 422, parley.CodeInvalid, "language"},
			{"settings with a wrong type", req{method: "PATCH", path: "/api/v1/me/settings", token: b, body: map[string]string{"sound_new_chat": "yes"}}, 400, parley.CodeMalformed, "sound_new_chat"},
			{"an HTML page named .png", uploadReq(t, "/api/v1/files", b, "cat.png", html), 415, parley.CodeUnsupported, ""},
			{"a visitor's HTML page named .png", uploadReq(t, "/api/v1/widget/files", f.v1.Token, "cat.png", html), 415, parley.CodeUnsupported, ""},
			{"a broken picture", uploadReq(t, "/api/v1/files", b, "cat.png", brokenPNG), 415, parley.CodeUnsupported, ""},
			{"a file over the limit", uploadReq(t, "/api/v1/widget/files", f.v1.Token, "big.txt", oversize), 413, parley.CodeTooLarge, ""},
			{"an empty file", uploadReq(t, "/api/v1/files", b, "empty.txt", nil), 422, parley.CodeInvalid, "empty"},
			{"an upload that is not multipart", req{method: "POST", path: "/api/v1/files", token: b, raw: &notMultipart, contentType: "application/json"}, 415, parley.CodeMalformed, "multipart"},
			{"an upload without a file part", req{method: "POST", path: "/api/v1/files", token: b, raw: &noFilePart, contentType: noFileType}, 400, parley.CodeMalformed, "file"},
			{"an upload without a visitor token", uploadReq(t, "/api/v1/widget/files", "", "a.txt", []byte("hi")), 401, parley.CodeUnauthorized, ""},
			{"a message with too many files", req{method: "POST", path: "/api/v1/widget/messages", token: f.v1.Token, body: core.SendInput{ClientID: "x", FileIDs: elevenFiles}}, 422, parley.CodeInvalid, ""},
			{"a message with the same file twice", req{method: "POST", path: "/api/v1/widget/messages", token: f.v1.Token, body: core.SendInput{ClientID: "x", FileIDs: []string{"f_1", "f_1"}}}, 422, parley.CodeInvalid, ""},
			{"a message with an unknown file", req{method: "POST", path: "/api/v1/widget/messages", token: f.v1.Token, body: core.SendInput{ClientID: "x", FileIDs: []string{"f_nothing"}}}, 422, parley.CodeInvalid, ""},
			{"an unknown file", req{method: "GET", path: "/api/v1/files/f_nothing/preview", token: b}, 404, parley.CodeNotFound, ""},
			{"widget session with an unknown key", req{method: "POST", path: "/api/v1/widget/sessions", body: core.VisitorStart{Key: "wc_nope"}}, 404, parley.CodeNotFound, ""},
		}
		cases = append(cases, transferCases(f, admin)...)
		cases = append(cases, noteCases(t, e, f, admin)...)
		cases = append(cases, routingCases(f, admin)...)
		cases = append(cases, contactCases(t, e, f, admin)...)
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				before := e.snapshot(t)
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
				if after := e.snapshot(t); after != before {
					t.Errorf("a refused request changed the store:\nbefore %s\nafter  %s", before, after)
				}
			})
		}
	})
}
