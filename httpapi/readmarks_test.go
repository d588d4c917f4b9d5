package httpapi

import (
	"fmt"
	"net/http"
	"testing"

	"parley"
	"parley/core"
)

func TestReadMarksAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		b, token := e.agent(t, "bee@example.com", parley.RoleAgent)
		s := e.configure(t, b.ID)
		e.setStatus(t, token, parley.StatusActive)
		v := e.visitor(t, s.channel.PublicKey)
		chatID := e.visitorSays(t, v.Token, "v-1", "Hello").ChatID
		e.visitorSays(t, v.Token, "v-2", "Anyone?")

		var page core.ChatPage
		e.must(t, req{method: "GET", path: "/api/v1/chats", token: token}, http.StatusOK, &page)
		if page.Unread[chatID] != 2 {
			t.Fatalf("unread = %v, want 2 in chat %d", page.Unread, chatID)
		}
		var counts parley.ListCounts
		e.must(t, req{method: "GET", path: "/api/v1/chats/counts", token: token}, http.StatusOK, &counts)
		if counts.New != (parley.ListCount{Chats: 1, Unread: 1}) || len(counts.Rooms) != 1 {
			t.Fatalf("counts = %+v", counts)
		}
		read := fmt.Sprintf("/api/v1/chats/%d/read", chatID)
		var mark parley.ReadMark
		e.must(t, req{method: "POST", path: read, token: token, body: map[string]any{}}, http.StatusOK, &mark)
		page = core.ChatPage{} // decoding into a map adds to what it holds
		e.must(t, req{method: "GET", path: "/api/v1/chats", token: token}, http.StatusOK, &page)
		if mark.ChatID != chatID || mark.Seq == 0 || len(page.Unread) != 0 {
			t.Fatalf("after marking read: mark %+v, unread %v", mark, page.Unread)
		}
		e.must(t, req{method: "POST", path: read, token: token, body: map[string]any{"seq": -1}}, http.StatusUnprocessableEntity, nil)
		e.must(t, req{method: "POST", path: "/api/v1/chats/999999/read", token: token, body: map[string]any{}}, http.StatusNotFound, nil)
		e.must(t, req{method: "GET", path: "/api/v1/chats/counts", token: v.Token}, http.StatusUnauthorized, nil)
	})
}
