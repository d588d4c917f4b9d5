package httpapi

import (
	"fmt"

	"parley"
)

// routingCases are the refused routing settings of queues and agents' own limits.
func routingCases(f badFixture, admin string) []badCase {
	queue := func(body any) req {
		return req{method: "PATCH", path: fmt.Sprintf("/api/v1/queues/%d", f.s.queue.ID), token: admin, body: body}
	}
	agent := func(token string, body any) req {
		return req{method: "PATCH", path: fmt.Sprintf("/api/v1/agents/%d", f.b.ID), token: token, body: body}
	}
	return []badCase{
		{"unknown routing strategy", queue(map[string]any{"routing": "random"}), 422, parley.CodeInvalid, "routing"},
		{"unknown routing mode", queue(map[string]any{"mode": "push"}), 422, parley.CodeInvalid, "mode"},
		{"routing strategy of the wrong type", queue(map[string]any{"routing": 5}), 400, parley.CodeMalformed, "routing"},
		{"negative queue chat limit", queue(map[string]any{"chat_limit": -1}), 422, parley.CodeInvalid, "chat_limit"},
		{"negative priority, with a valid strategy", queue(map[string]any{"routing": "round_robin", "priority": -1}), 422, parley.CodeInvalid, "priority"},
		{"negative first-reply time", queue(map[string]any{"first_reply_time": -5}), 422, parley.CodeInvalid, "first_reply_time"},
		{"negative reply time", queue(map[string]any{"reply_time": -5}), 422, parley.CodeInvalid, "reply_time"},
		{"negative completion timeout", queue(map[string]any{"completion_timeout": -1}), 422, parley.CodeInvalid, "completion_timeout"},
		{"valid times with an unknown mode", queue(map[string]any{"reply_time": 60, "mode": "later"}), 422, parley.CodeInvalid, "mode"},
		{"queue created with an unknown strategy", req{method: "POST", path: "/api/v1/queues", token: admin,
			body: map[string]any{"name": "Q", "room_id": f.s.room.ID, "routing": "lottery"}}, 422, parley.CodeInvalid, "routing"},
		{"negative agent chat limit", agent(admin, map[string]any{"chat_limit": -2}), 422, parley.CodeInvalid, "chat_limit"},
		{"agent chat limit over 100", agent(admin, map[string]any{"chat_limit": 101}), 422, parley.CodeInvalid, "chat_limit"},
		{"agent sets their own chat limit", agent(f.bToken, map[string]any{"chat_limit": 9}), 403, parley.CodeForbidden, ""},
	}
}
