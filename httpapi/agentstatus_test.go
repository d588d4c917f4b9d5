package httpapi

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"parley"
	"parley/core"
)

// TestAgentStatusEndpoints walks pause reasons, pausing, supervisors setting
// statuses, the derived fields of agent lists and the status-time report.
func TestAgentStatusEndpoints(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		b, bToken := e.agent(t, "bee@example.com", parley.RoleAgent)
		sup, supToken := e.agent(t, "sup@example.com", parley.RoleSupervisor)
		s := e.configure(t, b.ID)
		lunch := e.pauseReason(t, "Lunch", true)
		training := e.pauseReason(t, "Training", true)
		var patched parley.PauseReason
		e.must(t, req{method: "PATCH", path: fmt.Sprintf("/api/v1/pause-reasons/%d", training.ID), token: e.adminToken,
			body: map[string]any{"name": "Course", "active": false}}, http.StatusOK, &patched)
		if patched.Name != "Course" || patched.Active {
			t.Errorf("patched reason = %+v", patched)
		}
		var reasons PauseReasonList
		e.must(t, req{method: "GET", path: "/api/v1/pause-reasons", token: bToken}, http.StatusOK, &reasons)
		if len(reasons.Items) != 2 || reasons.Items[0] != lunch || reasons.Items[1] != patched {
			t.Errorf("pause reasons = %+v", reasons.Items)
		}

		// Paused, b is not offered the waiting chat; active again, b is.
		var me parley.Agent
		e.must(t, req{method: "PUT", path: "/api/v1/me/status", token: bToken,
			body: StatusInput{Status: parley.StatusPaused, PauseReasonID: lunch.ID}}, http.StatusOK, &me)
		if me.Status != parley.StatusPaused || me.PauseReasonID != lunch.ID {
			t.Errorf("paused agent = %+v", me)
		}
		v := e.visitor(t, s.channel.PublicKey)
		chatPath := fmt.Sprintf("/api/v1/chats/%d", e.visitorSays(t, v.Token, "v-1", "Hello").ChatID)
		var chat parley.Chat
		e.must(t, req{method: "GET", path: chatPath, token: e.adminToken}, http.StatusOK, &chat)
		if chat.OfferedTo != 0 {
			t.Fatalf("a paused agent was offered chat %d", chat.ID)
		}
		e.must(t, req{method: "PUT", path: fmt.Sprintf("/api/v1/agents/%d/status", b.ID), token: supToken,
			body: StatusInput{Status: parley.StatusActive}}, http.StatusOK, &me)
		e.must(t, req{method: "GET", path: chatPath, token: e.adminToken}, http.StatusOK, &chat)
		if me.Status != parley.StatusActive || chat.OfferedTo != b.ID {
			t.Fatalf("made active by a supervisor: %+v, chat offered to %d", me, chat.OfferedTo)
		}
		e.must(t, req{method: "POST", path: chatPath + "/accept", token: bToken}, http.StatusOK, nil)
		e.must(t, req{method: "PUT", path: fmt.Sprintf("/api/v1/agents/%d/status", b.ID), token: supToken,
			body: StatusInput{Status: parley.StatusPaused, PauseReasonID: lunch.ID}}, http.StatusOK, &me)
		if me.Status != parley.StatusPaused {
			t.Errorf("paused by a supervisor: %+v", me)
		}

		e.must(t, req{method: "PATCH", path: fmt.Sprintf("/api/v1/queues/%d", s.queue.ID), token: e.adminToken,
			body: map[string]any{"chat_limit": 1}}, http.StatusOK, nil)
		var list struct{ Items []map[string]any }
		e.must(t, req{method: "GET", path: "/api/v1/agents", token: bToken}, http.StatusOK, &list)
		want := map[int64]map[string]any{
			b.ID:   {"status": "paused", "pause_reason_id": float64(lunch.ID), "chats_in_progress": float64(1), "chat_limit": float64(1), "chats_exceeded": true, "online": false},
			sup.ID: {"status": "inactive", "chats_in_progress": float64(0), "chat_limit": float64(parley.DefaultChatLimit), "chats_exceeded": false, "online": false},
		}
		for _, item := range list.Items {
			for k, v := range want[int64(item["id"].(float64))] {
				if item[k] != v {
					t.Errorf("agent %v: %s = %v, want %v", item["id"], k, item[k], v)
				}
			}
		}

		from := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
		for _, token := range []string{bToken, supToken} {
			var rep core.StatusTime
			e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/agents/%d/status-time?from=%s", b.ID, from), token: token}, http.StatusOK, &rep)
			kinds := map[string]bool{}
			for _, it := range rep.Items {
				kinds[fmt.Sprint(it.Status, it.PauseReasonID)] = it.Seconds >= 0
			}
			if rep.AgentID != b.ID || len(kinds) != 3 || !kinds[fmt.Sprint("paused", lunch.ID)] {
				t.Errorf("status time = %+v, want inactive, active and the lunch pause", rep)
			}
		}
	})
}
