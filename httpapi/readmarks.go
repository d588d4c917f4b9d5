package httpapi

import (
	"net/http"

	"parley"
)

// readInput is how far the agent has read a chat.
type readInput struct {
	Seq int64 `json:"seq"`
}

// readRoutes is the route table's rows for read markers and list counts.
func (a *API) readRoutes() []route {
	return []route{
		{method: post, path: "/api/v1/chats/{id}/read", summary: "Mark a chat read up to a message", auth: authAgent, op: ok(a.markRead),
			doc: "Moves the caller's read marker to seq (0 or absent: the chat's last message); it never moves back. " +
				"The caller's consoles get chat.read. Chat lists count unread as the contact's messages past the marker."},
		{method: get, path: "/api/v1/chats/counts", summary: "How many chats each list holds", auth: authAgent, op: ok(a.listCounts),
			doc: "New, My, All and Closed (R2.7), each with chats and unread (chats with the contact's messages the caller has not read), " +
				"over all rooms and per room; all.unread is the length of the Unread list."},
	}
}

func (a *API) markRead(r *http.Request, in readInput) (parley.ReadMark, error) {
	return chatCall(r, func(who agentAuth, id int64) (parley.ReadMark, error) {
		return a.svc.MarkRead(r.Context(), who.Agent, who.Viewer, id, in.Seq)
	})
}

func (a *API) listCounts(r *http.Request, _ none) (parley.ListCounts, error) {
	who, err := agentOf(r)
	if err != nil {
		return parley.ListCounts{}, err
	}
	return a.svc.ListCounts(r.Context(), who.Viewer)
}
