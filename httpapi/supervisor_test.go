package httpapi

import (
	"net/http"
	"testing"

	"parley"
	"parley/core"
)

// TestSupervisorEndpoint reads the supervisor view as a supervisor and an admin,
// and is refused to an agent.
func TestSupervisorEndpoint(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		b, bToken := e.agent(t, "bee@example.com", parley.RoleAgent)
		_, supToken := e.agent(t, "sup@example.com", parley.RoleSupervisor)
		s := e.configure(t, b.ID)
		lunch := e.pauseReason(t, "Lunch", true)
		e.must(t, req{method: "PUT", path: "/api/v1/me/status", token: bToken,
			body: StatusInput{Status: parley.StatusPaused, PauseReasonID: lunch.ID}}, http.StatusOK, nil)
		v := e.visitor(t, s.channel.PublicKey)
		e.visitorSays(t, v.Token, "v-1", "Hello")

		e.must(t, req{method: "GET", path: "/api/v1/supervisor", token: bToken}, http.StatusForbidden, nil)
		for _, token := range []string{supToken, e.adminToken} {
			var view core.SupervisorView
			e.must(t, req{method: "GET", path: "/api/v1/supervisor", token: token}, http.StatusOK, &view)
			if len(view.Queues) != 1 || view.Queues[0].ID != s.queue.ID || view.Queues[0].Waiting != 1 || view.Queues[0].InProgress != 0 {
				t.Fatalf("queues = %+v, want the queue with one waiting chat", view.Queues)
			}
			var bee *core.AgentOverview
			for i := range view.Agents {
				if view.Agents[i].ID == b.ID {
					bee = &view.Agents[i]
				}
			}
			if bee == nil || bee.Status != parley.StatusPaused || bee.PauseReason != "Lunch" || bee.ChatLimit != parley.DefaultChatLimit || bee.ChatsExceeded {
				t.Fatalf("agent = %+v, want paused for lunch with the default limit", bee)
			}
		}
	})
}
