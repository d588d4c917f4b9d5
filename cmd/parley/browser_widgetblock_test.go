package main

import (
	"fmt"
	"testing"
	"time"

	"parley"
	bt "parley/browsertest"
)

// TestBrowserWidgetWhileBlocked has a blocked visitor write twice in the widget:
// each message stays on their screen, acknowledged, as any other (R3.5: the
// sender is not told), while no chat reaches the agents.
func TestBrowserWidgetWhileBlocked(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	out := bt.NewOutput(t)
	v := bt.Start(t, out, bt.Options{Name: "visitor", Language: "en-US"})
	v.Navigate(site.siteURL)
	v.Click("the launcher", bt.InWidget("launcher"))
	v.Wait("the live connection", bt.InWidget("connection-state")+`?.dataset.state === "online"`)
	v.Type("the composer", bt.InWidget("composer-input"), "First, before the block\r")
	v.Wait("the first message acknowledged", bt.HasMessage(widgetContact, "First, before the block"))

	var chats struct{ Chats []parley.Chat }
	site.call("GET", "/api/v1/chats", site.admin.token, nil, 200, &chats)
	if len(chats.Chats) != 1 {
		t.Fatalf("%d chats before the block, want 1", len(chats.Chats))
	}
	until := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	site.call("POST", fmt.Sprintf("/api/v1/contacts/%d/blocks", chats.Chats[0].ContactID), site.admin.token,
		map[string]any{"until": until, "reason": "abusive messages"}, 201, nil)

	for _, text := range []string{"Hello?", "Anyone there?"} {
		v.Type("the composer", bt.InWidget("composer-input"), text+"\r")
		v.Wait("the held message shown as sent: "+text, bt.HasMessage(widgetContact, text))
	}
	v.Wait("both held messages on screen, each once", bt.CountMessages(widgetContact, "Hello?")+` === 1 && `+
		bt.CountMessages(widgetContact, "Anyone there?")+` === 1`)
	v.Shot("blocked visitor")
	site.call("GET", "/api/v1/chats", site.admin.token, nil, 200, &chats)
	if len(chats.Chats) != 1 || chats.Chats[0].State != parley.ChatCompleted {
		t.Fatalf("after the block the agents have %+v, want the one chat, completed", chats.Chats)
	}
}
