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

// TestTransferEndpoints transfers a chat over HTTP and follows it through the widget's API.
func TestTransferEndpoints(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		const comment = "Seen by agents only: wants a refund"
		b, bToken := e.agent(t, "bee@example.com", parley.RoleAgent)
		c, cToken := e.agent(t, "cee@example.com", parley.RoleAgent)
		s := e.configure(t, b.ID, c.ID)
		e.setStatus(t, bToken, parley.StatusActive)
		v := e.visitor(t, s.channel.PublicKey)
		parentID := e.visitorSays(t, v.Token, "v-1", "Where is my parcel?").ChatID
		chat := fmt.Sprintf("/api/v1/chats/%d", parentID)
		e.must(t, req{method: "POST", path: chat + "/accept", token: bToken}, http.StatusOK, nil)

		var targets core.TransferTargets
		e.must(t, req{method: "GET", path: chat + "/transfer-targets", token: bToken}, http.StatusOK, &targets)
		if len(targets.Queues) != 1 || !targets.Queues[0].Selectable || !hasTarget(targets.Agents, c.ID, core.TargetInactive) {
			t.Fatalf("targets = %+v", targets)
		}
		in := core.TransferInput{ToAgentID: c.ID, Comment: comment, ClientID: "tr-1"}
		var res core.TransferResult
		e.must(t, req{method: "POST", path: chat + "/transfer", token: bToken, body: in}, http.StatusCreated, &res)
		if res.Chat.OwnerID != c.ID || res.Chat.ParentID != parentID || res.Parent.State != parley.ChatCompleted {
			t.Fatalf("transfer = %+v", res)
		}
		var again core.TransferResult
		e.must(t, req{method: "POST", path: chat + "/transfer", token: bToken, body: in}, http.StatusOK, &again)
		if again.Chat.ID != res.Chat.ID || again.Created {
			t.Errorf("repeated transfer = %+v", again)
		}
		testChildHistory(t, e, cToken, res.Chat.ID, parentID, comment)
		testWidgetAfterTransfer(t, e, v, res.Chat.ID, comment)
	})
}

func hasTarget(ts []core.AgentTarget, id int64, state core.TargetState) bool {
	for _, a := range ts {
		if a.ID == id {
			return a.State == state && a.Selectable
		}
	}
	return false
}

// testChildHistory checks that the receiver sees the comment and the parent's messages.
func testChildHistory(t *testing.T, e *env, token string, childID, parentID int64, comment string) {
	var msgs core.MessagePage
	e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/chats/%d/messages", childID), token: token}, http.StatusOK, &msgs)
	if !slices.ContainsFunc(msgs.Messages, func(m parley.Message) bool { return m.Internal && m.Text == comment }) {
		t.Errorf("the receiver does not see the comment: %+v", msgs.Messages)
	}
	var h core.ChatHistory
	e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/chats/%d/history", childID), token: token}, http.StatusOK, &h)
	if len(h.Chats) != 1 || h.Chats[0].Chat.ID != parentID ||
		!slices.ContainsFunc(h.Chats[0].Messages, func(m parley.Message) bool { return m.Text == "Where is my parcel?" }) {
		t.Errorf("history = %+v", h)
	}
	if len(h.Chats) == 1 {
		parent := h.Chats[0].Messages
		last := parent[len(parent)-1].Seq
		page := fmt.Sprintf("/api/v1/chats/%d/history?parent=%d&before=%d&limit=1", childID, parentID, last)
		e.must(t, req{method: "GET", path: page, token: token}, http.StatusOK, &h)
		if len(h.Chats) != 1 || len(h.Chats[0].Messages) != 1 || h.Chats[0].Messages[0].Seq != last-1 || !h.Chats[0].More {
			t.Errorf("the page before seq %d = %+v", last, h)
		}
	}
	e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/chats/%d/history?parent=%d", childID, childID), token: token}, http.StatusNotFound, nil)
	e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/chats/%d/history?limit=-1", childID), token: token}, http.StatusBadRequest, nil)
}

// testWidgetAfterTransfer checks that the visitor writes into the child and never reads the comment.
func testWidgetAfterTransfer(t *testing.T, e *env, v core.VisitorSession, childID int64, comment string) {
	if m := e.visitorSays(t, v.Token, "v-2", "Hello again"); m.ChatID != childID {
		t.Errorf("the visitor's message went to chat %d, want the child %d", m.ChatID, childID)
	}
	var page core.ChatPage
	e.must(t, req{method: "GET", path: "/api/v1/widget/chats", token: v.Token}, http.StatusOK, &page)
	if len(page.Chats) != 2 || page.Chats[0].ID != childID {
		t.Fatalf("visitor chats = %+v", page.Chats)
	}
	for _, c := range page.Chats {
		rep := e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/widget/chats/%d/messages", c.ID), token: v.Token}, http.StatusOK, nil)
		if strings.Contains(string(rep.body), comment) || strings.Contains(string(rep.body), `"internal"`) {
			t.Errorf("the widget reads chat %d: %s", c.ID, rep.body)
		}
	}
	e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/chats/%d/history", childID), token: v.Token}, http.StatusUnauthorized, nil)
	events, err := e.store.Events(t.Context(), parley.EventFilter{Viewer: parley.Viewer{IdentityID: v.IdentityID}, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range events {
		if ev.Kind == parley.EventChatTransferred || strings.Contains(string(ev.Data), comment) {
			t.Errorf("the widget's websocket would carry %s: %s", ev.Kind, ev.Data)
		}
	}
}
