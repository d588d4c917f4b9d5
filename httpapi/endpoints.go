package httpapi

import (
	"net/http"

	"parley/core"
)

// HTTP methods, short for the table.
const (
	get   = http.MethodGet
	post  = http.MethodPost
	put   = http.MethodPut
	patch = http.MethodPatch
)

// What the file routes' documentation says.
const (
	uploadDoc = "multipart/form-data with the file in the part named file. The type is judged from the content, not the name: " +
		"415 for a type not accepted, 413 past the size limit (both in limits of /api/v1/me and of the widget session). " +
		"Send the returned id in file_ids of a message; only the uploader can."
	downloadDoc = "Sent with the type found at upload and X-Content-Type-Options: nosniff; pictures inline, anything else as an attachment."
	previewDoc  = "Pictures only (image true): at most 320 pixels on the longer side. 404 for other files."
	statusDoc   = "active, inactive, or paused with the pause_reason_id of an active pause reason (422 otherwise). Only active agents are offered chats; " +
		"inactive and paused ones keep the chats they have."
)

// table is every route of the API: what serves it and what the OpenAPI document says of it.
func (a *API) table() []route {
	ok200, ok204 := always[core.LoginResult](http.StatusOK), always[none](http.StatusNoContent)
	sent := []int{http.StatusCreated, http.StatusOK}
	return []route{
		{method: post, path: "/api/v1/auth/login", summary: "Log in", auth: authNone,
			op:  endpoint([]int{http.StatusOK}, ok200, a.login),
			doc: "Opens a session. The token works as a bearer token and is also set as the HttpOnly parley_session cookie; cookie-authenticated writes must send csrf_token in X-CSRF-Token."},
		{method: post, path: "/api/v1/auth/logout", summary: "Log out", auth: authAgent,
			op:  endpoint([]int{http.StatusNoContent}, ok204, a.logout),
			doc: "Ends the session and clears the cookie; the agent becomes inactive until the next login restores their status."},
		{method: get, path: "/api/v1/me", summary: "The logged-in agent, their CSRF token and queues", auth: authAgent, op: ok(a.me)},
		{method: put, path: "/api/v1/me/status", summary: "Set my status", auth: authAgent, op: ok(a.setMyStatus), doc: statusDoc},
		{method: patch, path: "/api/v1/me/settings", summary: "Change my language and console preferences", auth: authAgent, op: ok(a.patchMySettings)},

		{method: get, path: "/api/v1/agents", summary: "List agents", auth: authAgent, op: ok(a.listAgents),
			doc: "Each agent comes with what is derived, never stored: chats_in_progress; chat_limit, the smallest chat_limit among the agent's queues (5 when in none); " +
				"chats_exceeded, when chats_in_progress reaches chat_limit; online, whether a console of the agent is connected."},
		{method: post, path: "/api/v1/agents", summary: "Create an agent (admins)", auth: authAgent, op: created(a.createAgent),
			doc: "New agents start inactive."},
		{method: get, path: "/api/v1/agents/{id}", summary: "Get an agent", auth: authAgent, op: ok(a.getAgent)},
		{method: patch, path: "/api/v1/agents/{id}", summary: "Change an agent", auth: authAgent, op: ok(a.patchAgent),
			doc: "Admins may change anyone; an agent may change their own name, password and language."},
		{method: post, path: "/api/v1/agents/{id}/deactivate", summary: "Deactivate an agent (admins)", auth: authAgent, op: ok(a.deactivateAgent)},
		{method: put, path: "/api/v1/agents/{id}/status", summary: "Set an agent's status (self, supervisors, admins)", auth: authAgent, op: ok(a.setAgentStatus), doc: statusDoc},
		{method: get, path: "/api/v1/agents/{id}/status-time", summary: "Time an agent spent in each status (self, supervisors, admins)", auth: authAgent, op: ok(a.statusTime),
			doc: "Seconds per status, and per pause reason for paused, over [from, to): intervals are clipped to the period and the current status counts up to now."},
		{method: get, path: "/api/v1/supervisor", summary: "Queues' and agents' load now (supervisors, admins)", auth: authAgent, op: ok(a.supervisor),
			doc: "Every queue with its waiting chats, longest_wait (seconds since the oldest waiting chat's last change of state) and chats in progress; " +
				"every enabled agent with status, pause reason, time_in_status (seconds since status_changed_at), chats_in_progress, chat_limit, chats_exceeded and online, " +
				"as of at. Agents get 403."},
		{method: get, path: "/api/v1/pause-reasons", summary: "List pause reasons", auth: authAgent, op: ok(a.listPauseReasons)},
		{method: post, path: "/api/v1/pause-reasons", summary: "Create a pause reason (admins)", auth: authAgent, op: created(a.createPauseReason),
			doc: "Active unless active is false. Names are unique."},
		{method: patch, path: "/api/v1/pause-reasons/{id}", summary: "Rename, deactivate or reactivate a pause reason (admins)", auth: authAgent, op: ok(a.patchPauseReason),
			doc: "Agents paused for a reason that is deactivated stay paused; only new pauses need an active reason."},

		{method: get, path: "/api/v1/rooms", summary: "List rooms", auth: authAgent, op: ok(a.listRooms)},
		{method: post, path: "/api/v1/rooms", summary: "Create a room (admins)", auth: authAgent, op: created(a.createRoom)},
		{method: get, path: "/api/v1/rooms/{id}", summary: "Get a room", auth: authAgent, op: ok(a.getRoom)},
		{method: patch, path: "/api/v1/rooms/{id}", summary: "Change a room (admins)", auth: authAgent, op: ok(a.patchRoom)},
		{method: get, path: "/api/v1/queues", summary: "List queues", auth: authAgent, op: ok(a.listQueues)},
		{method: post, path: "/api/v1/queues", summary: "Create a queue (admins)", auth: authAgent, op: created(a.createQueue)},
		{method: get, path: "/api/v1/queues/{id}", summary: "Get a queue", auth: authAgent, op: ok(a.getQueue)},
		{method: patch, path: "/api/v1/queues/{id}", summary: "Change a queue (admins)", auth: authAgent, op: ok(a.patchQueue)},
		{method: get, path: "/api/v1/channels", summary: "List channels", auth: authAgent, op: ok(a.listChannels)},
		{method: post, path: "/api/v1/channels", summary: "Create a channel: the widget or a messenger (admins)", auth: authAgent, op: created(a.createChannel)},
		{method: get, path: "/api/v1/channels/{id}", summary: "Get a channel", auth: authAgent, op: ok(a.getChannel)},
		{method: patch, path: "/api/v1/channels/{id}", summary: "Change a channel (admins)", auth: authAgent, op: ok(a.patchChannel)},

		{method: get, path: "/api/v1/chats", summary: "List the chats I may see, newest first", auth: authAgent, op: ok(a.listChats)},
		{method: get, path: "/api/v1/chats/{id}", summary: "Get a chat", auth: authAgent, op: ok(a.getChat)},
		{method: get, path: "/api/v1/chats/{id}/contact", summary: "The contact of a chat and the identity it wrote from", auth: authAgent, op: ok(a.chatContact)},
		{method: get, path: "/api/v1/chats/{id}/messages", summary: "A page of a chat's messages", auth: authAgent, op: ok(a.chatMessages)},
		{method: post, path: "/api/v1/chats/{id}/messages", summary: "Send a message as the chat's owner", auth: authAgent,
			op:  choose(sent, sendStatus, a.sendMessage),
			doc: "201 for a new message; 200 with the first message when client_id was already used."},
		{method: post, path: "/api/v1/chats/{id}/accept", summary: "Accept a chat offered to me", auth: authAgent, op: ok(a.acceptChat)},
		{method: post, path: "/api/v1/chats/{id}/decline", summary: "Decline a chat offered to me", auth: authAgent, op: noContent(a.declineChat)},
		{method: post, path: "/api/v1/chats/{id}/complete", summary: "Complete a chat", auth: authAgent, op: ok(a.completeChat)},
		{method: post, path: "/api/v1/chats/{id}/typing", summary: "Tell the visitor I am typing", auth: authAgent, op: noContent(a.agentTyping)},
		{method: post, path: "/api/v1/files", summary: "Upload a file to send", auth: authAgent, op: a.upload(a.agentUpload), doc: uploadDoc},
		{method: get, path: "/api/v1/files/{id}", summary: "Download a file", auth: authAgent, op: a.download(false, a.agentFile), doc: downloadDoc},
		{method: get, path: "/api/v1/files/{id}/preview", summary: "A picture's preview", auth: authAgent, op: a.download(true, a.agentFile), doc: previewDoc},
		{method: get, path: "/api/v1/events", summary: "The events after an id, for clients that poll", auth: authAgent, op: ok(a.events),
			doc: "Ask again with after=last_event_id. Websocket clients get the same events live from /api/v1/ws."},
		{method: get, path: "/api/v1/ws", summary: "Live events for the console (websocket)", auth: authAgent, op: mounted(http.StatusSwitchingProtocols),
			doc: "Upgrades to a websocket carrying the agent's events in log order, resumable after the last event id seen. Authenticates by bearer token or by the session cookie; with the cookie, the Origin must be this host."},

		{method: post, path: "/api/v1/widget/sessions", summary: "Start or resume a visitor's session", auth: authNone, op: created(a.startSession),
			doc: "user_agent and language default to the User-Agent and Accept-Language headers. Send the previous token to resume as the same visitor."},
		{method: patch, path: "/api/v1/widget/visitor", summary: "Report the visitor's page, language or pre-chat answers", auth: authVisitor, op: ok(a.updateVisit)},
		{method: post, path: "/api/v1/widget/messages", summary: "Send the visitor's message", auth: authVisitor,
			op:  choose(sent, sendStatus, a.visitorSend),
			doc: "Goes into the visitor's open chat, or starts one. 201 for a new message; 200 with the first message when client_id was already used."},
		{method: get, path: "/api/v1/widget/chats", summary: "The visitor's chats, newest first", auth: authVisitor, op: ok(a.visitorChats)},
		{method: get, path: "/api/v1/widget/chats/{id}/messages", summary: "A page of one of the visitor's chats", auth: authVisitor, op: ok(a.visitorMessages)},
		{method: post, path: "/api/v1/widget/typing", summary: "Tell the team the visitor is typing", auth: authVisitor, op: noContent(a.visitorTyping)},
		{method: post, path: "/api/v1/widget/complete", summary: "End the visitor's open chat", auth: authVisitor, op: ok(a.visitorComplete)},
		{method: post, path: "/api/v1/widget/files", summary: "Upload a file the visitor will send", auth: authVisitor, op: a.upload(a.visitorUpload), doc: uploadDoc},
		{method: get, path: "/api/v1/widget/files/{id}", summary: "Download a file of the visitor's chats", auth: authVisitor, op: a.download(false, a.visitorFile), doc: downloadDoc},
		{method: get, path: "/api/v1/widget/files/{id}/preview", summary: "A picture's preview", auth: authVisitor, op: a.download(true, a.visitorFile), doc: previewDoc},
		{method: get, path: "/api/v1/widget/ws", summary: "Live events for the widget (websocket)", auth: authVisitor, op: mounted(http.StatusSwitchingProtocols),
			doc: "Upgrades to a websocket carrying the visitor's events in log order, resumable after the last event id seen. Browsers cannot set headers on a websocket, so the token may come as the token query parameter."},

		{method: get, path: "/api/v1/openapi.json", summary: "This document", auth: authNone, op: raw("application/json", a.serveOpenAPI)},
		{method: get, path: "/healthz", summary: "Liveness: the process serves HTTP", auth: authNone, op: raw("text/plain", a.healthz)},
		{method: get, path: "/readyz", summary: "Readiness: the database answers (503 when not)", auth: authNone, op: raw("text/plain", a.readyz)},
		{method: get, path: "/metrics", summary: "Prometheus metrics", auth: authNone, op: raw("text/plain", a.serveMetrics())},
	}
}
