package httpapi

import (
	"fmt"
	"net/http"
	"testing"

	"parley"
	"parley/core"
)

// A visitor token is good only on the site (channel) that issued it: offered to
// another site's widget it resumes nothing there, and its chats stay out of reach.
func TestVisitorTokenFromAnotherSite(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		siteA := e.configure(t)
		var siteB parley.Channel
		e.must(t, req{method: "POST", path: "/api/v1/channels", token: e.adminToken,
			body: map[string]any{"name": "Other site", "queue_id": siteA.queue.ID}}, http.StatusCreated, &siteB)

		a := e.visitor(t, siteA.channel.PublicKey)
		said := e.visitorSays(t, a.Token, "a-1", "my address is 1 Main St")

		var onB core.VisitorSession
		e.must(t, req{method: "POST", path: "/api/v1/widget/sessions",
			body: core.VisitorStart{Key: siteB.PublicKey, Token: a.Token}}, http.StatusCreated, &onB)
		if onB.IdentityID == a.IdentityID || onB.Token == a.Token || onB.Chat != nil {
			t.Fatalf("site B resumed site A's visitor: %+v", onB)
		}
		var chats core.ChatPage
		e.must(t, req{method: "GET", path: "/api/v1/widget/chats", token: onB.Token}, http.StatusOK, &chats)
		if len(chats.Chats) != 0 {
			t.Fatalf("site B's visitor sees chats %+v", chats.Chats)
		}
		e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/widget/chats/%d/messages", said.ChatID), token: onB.Token}, http.StatusNotFound, nil)

		// A token whose signature was tampered with gets nothing at all.
		forged := a.Token[:len(a.Token)-2] + "xx"
		if forged == a.Token {
			forged = a.Token[:len(a.Token)-2] + "yy"
		}
		e.must(t, req{method: "GET", path: "/api/v1/widget/chats", token: forged}, http.StatusUnauthorized, nil)
	})
}
