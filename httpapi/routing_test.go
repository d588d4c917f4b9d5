package httpapi

import (
	"fmt"
	"net/http"
	"testing"

	"parley"
)

// TestQueueRoutingSettings sets a queue's routing and an agent's own limit over the
// API and reads the due times a chat carries.
func TestQueueRoutingSettings(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		b, bToken := e.agent(t, "bee@example.com", parley.RoleAgent)
		s := e.configure(t, b.ID)
		var q parley.Queue
		if e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/queues/%d", s.queue.ID), token: bToken}, http.StatusOK, &q); q.Routing != parley.RouteLeastBusy || q.Mode != parley.ModeInvite {
			t.Errorf("new queue routes %q by %q, want least_busy by invite", q.Routing, q.Mode)
		}
		e.must(t, req{method: "PATCH", path: fmt.Sprintf("/api/v1/queues/%d", s.queue.ID), token: e.adminToken, body: map[string]any{
			"routing": "round_robin", "mode": "assign", "priority": 3, "first_reply_time": 60, "reply_time": 30, "completion_timeout": 3600,
		}}, http.StatusOK, &q)
		want := parley.QueueRouting{Routing: parley.RouteRoundRobin, Mode: parley.ModeAssign, Priority: 3,
			FirstReplyTime: 60, ReplyTime: 30, CompletionTimeout: 3600}
		if q.QueueRouting != want {
			t.Errorf("queue routing %+v, want %+v", q.QueueRouting, want)
		}
		var a parley.Agent
		e.must(t, req{method: "PATCH", path: fmt.Sprintf("/api/v1/agents/%d", b.ID), token: e.adminToken, body: map[string]any{"chat_limit": 7}}, http.StatusOK, &a)
		if a.ChatLimit == nil || *a.ChatLimit != 7 {
			t.Errorf("agent chat limit %v, want 7", a.ChatLimit)
		}
		e.setStatus(t, bToken, parley.StatusActive)
		v := e.visitor(t, s.channel.PublicKey)
		m := e.visitorSays(t, v.Token, "v-1", "Hello")
		var c parley.Chat
		e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/chats/%d", m.ChatID), token: bToken}, http.StatusOK, &c)
		if c.State != parley.ChatInProgress || c.OwnerID != b.ID || c.FirstReplyDueAt == nil {
			t.Errorf("chat in an assigning queue with a first-reply time: %+v", c)
		}
	})
}
