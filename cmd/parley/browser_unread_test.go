package main

import (
	"fmt"
	"testing"

	bt "parley/browsertest"
	"parley/core"
)

// TestBrowserUnread follows unread messages in the console: a message in a chat
// the agent is not looking at counts on its row and on its list's tab, survives
// a reload (the read markers are the server's), and is gone once the chat is opened.
func TestBrowserUnread(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	out := bt.NewOutput(t)
	agent := bt.Start(t, out, bt.Options{Name: "agent", Language: "en-US"})
	agentGoesActive(agent, site.base)

	first := newVisitor(t, site)
	chat1 := first.says(t, site, "v-1", "First visitor here")
	agentAccepts(agent, "First visitor here")
	second := newVisitor(t, site)
	second.says(t, site, "v-1", "Second visitor here")
	agentAccepts(agent, "Second visitor here") // the second chat is now the one on screen

	first.says(t, site, "v-2", "Are you there?")
	row := fmt.Sprintf(`[data-chat-id="%d"]`, chat1)
	badge := bt.TestID("chat-row", row) + `?.querySelector('[data-testid="row-unread"]')`
	agent.Wait("one unread message on the first chat's row", badge+`?.textContent === "1"`)
	agent.Wait("one unread chat on the My tab", bt.TestID("unread-my")+`?.textContent === "1"`)
	agent.Shot("unread")
	agent.Click("the Unread tab", bt.TestID("list-unread"))
	agent.Wait("the Unread list holding the first chat alone", bt.TestID("count-unread")+`?.textContent === "1" && `+
		bt.TestID("chat-row", row)+` !== null`)
	agent.Reload()
	agent.Wait("the My tab still counting one unread chat after a reload", bt.TestID("unread-my")+`?.textContent === "1"`)
	agent.Click("the My tab", bt.TestID("list-my"))
	agent.Wait("the unread message still counted after a reload", badge+`?.textContent === "1"`)
	agent.Click("the first chat", bt.TestID("chat-row", row))
	agent.Wait("the first chat on screen", bt.HasMessage(consoleContact, "Are you there?"))
	agent.Wait("its mark gone", badge+` === null`)
	agent.Wait("no unread chat on the My tab", bt.TestID("unread-my")+` === null`)
	agent.Wait("nothing on the Unread tab", bt.TestID("count-unread")+`?.textContent === "0"`)
	agent.Reload()
	agent.Wait("the connection after a reload", bt.TestID("connection-state")+`?.dataset.state === "online"`)
	agent.Click("the My tab", bt.TestID("list-my"))
	agent.Wait("the rows after a reload", bt.TestID("chat-row", row)+` !== null`)
	agent.Wait("the chat still read after a reload", badge+` === null`)
	contactChats(t, site, agent, first, chat1)
}

// contactChats has the first visitor end their chat and write again, and the
// agent list that contact's two chats in one click, then go back to the lists.
func contactChats(t *testing.T, site *browserSite, agent *bt.Browser, v browserVisitor, chat1 int64) {
	site.call("POST", "/api/v1/widget/complete", v.token, nil, 200, nil)
	chat2 := v.says(t, site, "v-3", "Back with another question")
	agent.Click("the Closed tab", bt.TestID("list-closed"))
	agent.Click("the first chat, now closed", bt.TestID("chat-row", fmt.Sprintf(`[data-chat-id="%d"]`, chat1)))
	agent.Click("this contact's chats", bt.TestID("contact-chats"))
	rows := bt.AllTestID("contact-chats-list") + `[0]?.querySelectorAll('[data-testid="chat-row"]')`
	want := fmt.Sprintf(`[...(%s ?? [])].map((r) => r.dataset.chatId).join(",") === "%d,%d"`, rows, chat2, chat1)
	agent.Wait("the contact's two chats, newest first", want)
	agent.Shot("contact's chats")
	agent.Click("back to the lists", bt.TestID("contact-chats-reset"))
	agent.Wait("the lists back", bt.TestID("list-my")+` !== null && `+bt.TestID("contact-chats-list")+` === null`)
}

// browserVisitor is a widget session driven over the API.
type browserVisitor struct{ token string }

func newVisitor(t *testing.T, site *browserSite) browserVisitor {
	t.Helper()
	var sess core.VisitorSession
	site.call("POST", "/api/v1/widget/sessions", "", map[string]any{"key": site.channel.PublicKey,
		"visitor": map[string]string{"page_url": "http://127.0.0.1/", "language": "en"}}, 201, &sess)
	return browserVisitor{token: sess.Token}
}

// says sends a message and returns its chat's id.
func (v browserVisitor) says(t *testing.T, site *browserSite, clientID, text string) int64 {
	t.Helper()
	var res core.SendResult
	site.call("POST", "/api/v1/widget/messages", v.token, map[string]string{"client_id": clientID, "text": text}, 201, &res)
	return res.Message.ChatID
}
