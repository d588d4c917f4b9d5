package main

import (
	"fmt"
	"testing"

	"parley"
	bt "parley/browsertest"
	"parley/core"
)

// TestBrowserRooms has an agent of two rooms pick one: the room picker counts
// each room's chats, and the lists keep the picked room's alone (R7.1, R2.7).
func TestBrowserRooms(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	support := acceptedChat(t, site, "A question for support")
	var room parley.Room
	var queue parley.Queue
	var channel parley.Channel
	site.call("POST", "/api/v1/rooms", site.admin.token, map[string]any{"name": "Sales"}, 201, &room)
	site.call("POST", "/api/v1/queues", site.admin.token, map[string]any{"name": "Sales line", "room_id": room.ID,
		"members": []int64{site.agent.ID}}, 201, &queue)
	site.call("POST", "/api/v1/channels", site.admin.token, map[string]any{"name": "Sales site", "queue_id": queue.ID}, 201, &channel)
	var sess core.VisitorSession
	site.call("POST", "/api/v1/widget/sessions", "", map[string]any{"key": channel.PublicKey}, 201, &sess)
	var sent core.SendResult
	site.call("POST", "/api/v1/widget/messages", sess.Token, map[string]string{"client_id": "s-1", "text": "A price, please"}, 201, &sent)

	out := bt.NewOutput(t)
	b := bt.Start(t, out, bt.Options{Name: "agent", Language: "en-US"})
	consoleLogin(b, site.base, "agent@example.com")
	// The Sales chat is offered at once: its banner settles the layout before any click.
	b.Wait("the Sales invitation", bt.Visible(bt.TestID("invitation")))
	b.Click("All", bt.TestID("list-all"))
	supportRow := bt.TestID("chat-row", fmt.Sprintf(`[data-chat-id="%d"]`, support))
	salesRow := bt.TestID("chat-row", fmt.Sprintf(`[data-chat-id="%d"]`, sent.Message.ChatID))
	b.Wait("both rooms' chats listed", supportRow+` !== null && `+salesRow+` !== null`)
	picker := bt.TestID("room-picker")
	b.Wait("the rooms with their counts", bt.HasText(`[...(`+picker+`?.options ?? [])]`, "Sales: 1 chats, 1 unread"))
	b.Shot("rooms")
	setField(b, "room-picker", fmt.Sprint(room.ID))
	b.Wait("the Sales chat alone", supportRow+` === null && `+salesRow+` !== null && `+bt.TestID("count-all")+`?.textContent === "1"`)
	b.Shot("sales room")
	setField(b, "room-picker", "0")
	b.Wait("every room's chats again", supportRow+` !== null && `+salesRow+` !== null`)
}
