package httpapi

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"parley"
	"parley/core"
)

// TestEndpoints walks every endpoint's success path, in the order a team would use them.
func TestEndpoints(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		admin := e.adminToken
		b, bToken := e.agent(t, "bee@example.com", parley.RoleAgent)
		if b.Status != parley.StatusInactive {
			t.Errorf("new agent status %q, want inactive", b.Status)
		}
		testAgentEndpoints(t, e, b)
		s := e.configure(t, b.ID)
		testConfigEndpoints(t, e, s)

		e.setStatus(t, bToken, parley.StatusActive)
		var me Me
		e.must(t, req{method: "GET", path: "/api/v1/me", token: bToken}, http.StatusOK, &me)
		if me.Agent.ID != b.ID || me.CSRFToken == "" || !slices.Equal(me.Queues, []int64{s.queue.ID}) {
			t.Errorf("me = %+v", me)
		}

		v := e.visitor(t, s.channel.PublicKey)
		first := e.visitorSays(t, v.Token, "v-1", "I need help")
		var again core.SendResult
		e.must(t, req{method: "POST", path: "/api/v1/widget/messages", token: v.Token,
			body: core.SendInput{ClientID: "v-1", Text: "I need help"}}, http.StatusOK, &again)
		if again.Created || again.Message.ID != first.ID {
			t.Errorf("repeated visitor message = %+v, want the first one %d", again, first.ID)
		}
		chatID := first.ChatID
		testAgentChat(t, e, bToken, b.ID, chatID)
		testWidget(t, e, v, chatID)
		testEvents(t, e, bToken)

		e.must(t, req{method: "PUT", path: fmt.Sprintf("/api/v1/agents/%d/status", b.ID), token: admin,
			body: StatusInput{Status: parley.StatusInactive}}, http.StatusOK, nil)
		var off parley.Agent
		e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/agents/%d/deactivate", b.ID), token: admin}, http.StatusOK, &off)
		if !off.Disabled || off.Status != parley.StatusInactive {
			t.Errorf("deactivated agent = %+v", off)
		}
		if rep := e.do(t, req{method: "GET", path: "/api/v1/me", token: bToken}); rep.status != http.StatusUnauthorized {
			t.Errorf("deactivated agent's token: status %d, want 401", rep.status)
		}

		// A supervisor or admin may complete any chat.
		v2 := e.visitor(t, s.channel.PublicKey)
		m2 := e.visitorSays(t, v2.Token, "v2-1", "Anyone?")
		var done parley.Chat
		e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/chats/%d/complete", m2.ChatID), token: admin}, http.StatusOK, &done)
		if done.State != parley.ChatCompleted {
			t.Errorf("completed chat state %q", done.State)
		}
		e.must(t, req{method: "POST", path: "/api/v1/auth/logout", token: admin}, http.StatusNoContent, nil)
	})
}

func testAgentEndpoints(t *testing.T, e *env, b parley.Agent) {
	var list AgentList
	e.must(t, req{method: "GET", path: "/api/v1/agents", token: e.adminToken}, http.StatusOK, &list)
	if len(list.Items) != 2 {
		t.Errorf("agents: %d, want 2", len(list.Items))
	}
	var got parley.Agent
	e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/agents/%d", b.ID), token: e.adminToken}, http.StatusOK, &got)
	if got.Email != b.Email {
		t.Errorf("agent = %+v", got)
	}
	e.must(t, req{method: "PATCH", path: fmt.Sprintf("/api/v1/agents/%d", b.ID), token: e.adminToken,
		body: map[string]any{"name": "Bee", "language": "ru"}}, http.StatusOK, &got)
	if got.Name != "Bee" || got.Language != "ru" {
		t.Errorf("patched agent = %+v", got)
	}
}

func testConfigEndpoints(t *testing.T, e *env, s setup) {
	for _, kind := range []string{"rooms", "queues", "channels"} {
		var list struct{ Items []map[string]any }
		e.must(t, req{method: "GET", path: "/api/v1/" + kind, token: e.adminToken}, http.StatusOK, &list)
		if len(list.Items) != 1 {
			t.Errorf("%s: %d items, want 1", kind, len(list.Items))
		}
	}
	var room parley.Room
	e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/rooms/%d", s.room.ID), token: e.adminToken}, http.StatusOK, &room)
	e.must(t, req{method: "PATCH", path: fmt.Sprintf("/api/v1/rooms/%d", s.room.ID), token: e.adminToken,
		body: core.RoomInput{Name: "Sales"}}, http.StatusOK, &room)
	if room.Name != "Sales" {
		t.Errorf("room = %+v", room)
	}
	var q parley.Queue
	e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/queues/%d", s.queue.ID), token: e.adminToken}, http.StatusOK, &q)
	e.must(t, req{method: "PATCH", path: fmt.Sprintf("/api/v1/queues/%d", s.queue.ID), token: e.adminToken,
		body: map[string]any{"chat_limit": 3, "accept_timeout": 45}}, http.StatusOK, &q)
	if q.ChatLimit != 3 || q.AcceptTimeout != 45 || len(q.Members) != 1 {
		t.Errorf("queue = %+v", q)
	}
	var ch parley.Channel
	e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/channels/%d", s.channel.ID), token: e.adminToken}, http.StatusOK, &ch)
	e.must(t, req{method: "PATCH", path: fmt.Sprintf("/api/v1/channels/%d", s.channel.ID), token: e.adminToken,
		body: map[string]any{"prechat_fields": []parley.PrechatField{{Name: "name", Label: "Your name"}}}}, http.StatusOK, &ch)
	if len(ch.PrechatFields) != 1 || ch.PublicKey != s.channel.PublicKey {
		t.Errorf("channel = %+v", ch)
	}
}

func testAgentChat(t *testing.T, e *env, token string, agentID, chatID int64) {
	chatPath := fmt.Sprintf("/api/v1/chats/%d", chatID)
	var page core.ChatPage
	e.must(t, req{method: "GET", path: "/api/v1/chats?state=waiting,in_progress&limit=10", token: token}, http.StatusOK, &page)
	if len(page.Chats) != 1 || page.Chats[0].OfferedTo != agentID {
		t.Fatalf("waiting chats = %+v, want one offered to %d", page.Chats, agentID)
	}
	e.must(t, req{method: "GET", path: "/api/v1/chats?state=completed", token: token}, http.StatusOK, &page)
	if len(page.Chats) != 0 {
		t.Errorf("completed chats = %+v", page.Chats)
	}
	var contact core.ChatContact
	e.must(t, req{method: "GET", path: chatPath + "/contact", token: token}, http.StatusOK, &contact)
	if vis := contact.Identity.Visitor; vis.UserAgent != "TestBrowser/1.0" || vis.Language != "ru-RU" {
		t.Errorf("visitor = %+v, want the User-Agent and first Accept-Language tag", vis)
	}
	// Decline is covered end to end in cmd/parley's e2e test (it passes the chat on)
	// and by core's routing tests (with nobody else free, it waits for a new round).
	var chat parley.Chat
	e.must(t, req{method: "POST", path: chatPath + "/accept", token: token}, http.StatusOK, &chat)
	if chat.State != parley.ChatInProgress || chat.OwnerID != agentID {
		t.Errorf("accepted chat = %+v", chat)
	}
	e.must(t, req{method: "GET", path: chatPath, token: token}, http.StatusOK, &chat)
	var sent core.SendResult
	send := req{method: "POST", path: chatPath + "/messages", token: token, body: core.SendInput{ClientID: "a-1", Text: "How can I help?"}}
	e.must(t, send, http.StatusCreated, &sent)
	if !sent.Created || sent.Message.Author != (parley.Actor{Kind: parley.ActorAgent, ID: agentID}) {
		t.Errorf("sent = %+v", sent)
	}
	var again core.SendResult
	e.must(t, send, http.StatusOK, &again)
	if again.Created || again.Message.ID != sent.Message.ID {
		t.Errorf("repeated send = %+v", again)
	}
	var msgs core.MessagePage
	e.must(t, req{method: "GET", path: chatPath + "/messages", token: token}, http.StatusOK, &msgs)
	if len(msgs.Messages) != 4 || msgs.Messages[2].Code != parley.SystemChatAccepted { // welcome, visitor, accepted, agent
		t.Errorf("messages = %+v", msgs.Messages)
	}
	e.must(t, req{method: "GET", path: chatPath + "/messages?after=1&limit=1", token: token}, http.StatusOK, &msgs)
	if len(msgs.Messages) != 1 || msgs.Messages[0].Seq != 2 {
		t.Errorf("messages after 1 = %+v", msgs.Messages)
	}
	e.must(t, req{method: "POST", path: chatPath + "/typing", token: token}, http.StatusNoContent, nil)
	if !slices.ContainsFunc(e.bus.published(), func(ev parley.Event) bool {
		return ev.Kind == parley.EventTyping && ev.ChatID == chatID && ev.AgentID == agentID
	}) {
		t.Errorf("no typing event published: %+v", e.bus.published())
	}
}

func testWidget(t *testing.T, e *env, v core.VisitorSession, chatID int64) {
	var page core.ChatPage
	e.must(t, req{method: "GET", path: "/api/v1/widget/chats", token: v.Token}, http.StatusOK, &page)
	if len(page.Chats) != 1 || page.Chats[0].ID != chatID {
		t.Errorf("visitor chats = %+v", page.Chats)
	}
	var msgs core.MessagePage
	e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/widget/chats/%d/messages?limit=10", chatID), token: v.Token}, http.StatusOK, &msgs)
	if len(msgs.Messages) != 4 || msgs.Messages[3].Text != "How can I help?" {
		t.Errorf("visitor messages = %+v", msgs.Messages)
	}
	var ident parley.Identity
	e.must(t, req{method: "PATCH", path: "/api/v1/widget/visitor", token: v.Token,
		body: VisitInput{Visitor: parley.Visitor{PageURL: "https://shop.example/cart"}, Fields: map[string]string{"name": "Ann"}}}, http.StatusOK, &ident)
	if ident.Visitor.PageURL != "https://shop.example/cart" || ident.Name != "Ann" {
		t.Errorf("identity = %+v", ident)
	}
	before := len(e.bus.published())
	e.must(t, req{method: "POST", path: "/api/v1/widget/typing", token: v.Token}, http.StatusNoContent, nil)
	if len(e.bus.published()) != before+1 {
		t.Errorf("visitor typing published nothing")
	}
	var chat parley.Chat
	e.must(t, req{method: "POST", path: "/api/v1/widget/complete", token: v.Token}, http.StatusOK, &chat)
	if chat.ID != chatID || chat.State != parley.ChatCompleted {
		t.Errorf("visitor completed %+v", chat)
	}
	// The same token resumes the same visitor.
	var resumed core.VisitorSession
	e.must(t, req{method: "POST", path: "/api/v1/widget/sessions", body: core.VisitorStart{Key: keyOf(t, e), Token: v.Token}}, http.StatusCreated, &resumed)
	if resumed.IdentityID != v.IdentityID || resumed.Chat != nil {
		t.Errorf("resumed session = %+v, want identity %d and no open chat", resumed, v.IdentityID)
	}
}

func keyOf(t *testing.T, e *env) string {
	var list ChannelList
	e.must(t, req{method: "GET", path: "/api/v1/channels", token: e.adminToken}, http.StatusOK, &list)
	return list.Items[0].PublicKey
}

func testEvents(t *testing.T, e *env, token string) {
	var page EventPage
	e.must(t, req{method: "GET", path: "/api/v1/events?after=0", token: token}, http.StatusOK, &page)
	if len(page.Events) == 0 || page.LastEventID != page.Events[len(page.Events)-1].ID {
		t.Fatalf("events = %+v", page)
	}
	last := page.LastEventID
	e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/events?after=%d", last), token: token}, http.StatusOK, &page)
	if len(page.Events) != 0 || page.LastEventID != last {
		t.Errorf("events after the last = %+v", page)
	}
	e.must(t, req{method: "GET", path: "/api/v1/events?after=0&limit=2", token: token}, http.StatusOK, &page)
	if len(page.Events) != 2 {
		t.Errorf("events with limit 2: %d", len(page.Events))
	}
}
