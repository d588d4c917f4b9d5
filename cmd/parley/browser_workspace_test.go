package main

import (
	"fmt"
	"testing"
	"time"

	"parley"
	bt "parley/browsertest"
	"parley/core"
)

var (
	// replyBox is the reply box's current text.
	replyBox = bt.TestID("reply-input") + `?.value`
	// qrTexts are the texts of the quick replies listed.
	qrTexts = `[...document.querySelectorAll('[data-testid="qr-item"] .qr-text')]`
)

// TestBrowserWorkspaceQuickReply has an agent type `//` and part of a
// template's name, pick it with Enter, edit the filled-in text and send it: the
// visitor gets the edited text with the placeholders rendered (R2.11).
func TestBrowserWorkspaceQuickReply(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	out := bt.NewOutput(t)
	agent := bt.Start(t, out, bt.Options{Name: "agent", Language: "en-US"})
	visitor := bt.Start(t, out, bt.Options{Name: "visitor", Language: "en-US"})
	site.call("POST", "/api/v1/quick-replies", site.admin.token, map[string]any{"name": "Greeting",
		"text": "Hello {contact.name}, this is {agent.name}.", "scope": "all"}, 201, nil)
	site.call("POST", "/api/v1/quick-replies", site.admin.token, map[string]any{"name": "Refund",
		"text": "Your refund is on its way.", "scope": "all"}, 201, nil)

	chatID := openChat(t, site, agent, visitor, "Is anyone there?")
	var who core.ChatContact
	site.call("GET", fmt.Sprintf("/api/v1/chats/%d/contact", chatID), site.admin.token, nil, 200, &who)
	filled := parley.Render("Hello {contact.name}, this is {agent.name}.", who.Contact.Name, site.agent.Name)

	agent.Type("// and part of the name", bt.TestID("reply-input"), "//GREE")
	agent.Wait("the list filtered to one, rendered", bt.AllTestID("qr-item")+`.length === 1 && `+bt.HasText(qrTexts, filled))
	agent.Shot("quick replies")
	agent.Type("Enter on the list", bt.TestID("reply-input"), "\r")
	agent.Wait("the rendered text in the box", replyBox+` === `+bt.JS(filled))
	agent.Wait("the list closed", `!`+bt.TestID("qr-popup"))
	if n := bt.Eval[int](agent, consoleAgent+`.length`); n != 0 {
		t.Fatalf("Enter on the list sent %d messages", n)
	}
	edited := filled + " What is your order number?"
	agent.Type("an edit", bt.TestID("reply-input"), " What is your order number?")
	agent.Wait("the edited text", replyBox+` === `+bt.JS(edited))
	agent.Type("Enter", bt.TestID("reply-input"), "\r")
	agent.Wait("the edited reply sent", bt.HasMessage(consoleAgent, edited))
	visitor.Wait("the edited reply at the visitor", bt.HasMessage(widgetAgent, edited))

	// The button opens the same list with its own search; Escape closes it untouched.
	agent.Click("the quick-reply button", bt.TestID("qr-button"))
	agent.Wait("both templates", bt.AllTestID("qr-item")+`.length === 2`)
	agent.Type("a search in the text", bt.TestID("qr-search"), "REFUND")
	agent.Wait("the list filtered", bt.AllTestID("qr-item")+`.length === 1`)
	agent.Type("Escape", bt.TestID("qr-search"), "\x1b")
	agent.Wait("the list closed", `!`+bt.TestID("qr-popup"))
	if got := bt.Eval[string](agent, replyBox); got != "" {
		t.Errorf("the box after Escape holds %q", got)
	}
	agent.Shot("after quick reply")
}

// TestBrowserWorkspaceDraft has an agent type a reply without sending it and
// reload the page: the draft is back in the box (R2.10); sending it clears it.
func TestBrowserWorkspaceDraft(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	out := bt.NewOutput(t)
	agent := bt.Start(t, out, bt.Options{Name: "agent", Language: "en-US"})
	visitor := bt.Start(t, out, bt.Options{Name: "visitor", Language: "en-US"})
	chatID := openChat(t, site, agent, visitor, "Where is my parcel?")
	me := site.login("agent@example.com")
	draftPath := fmt.Sprintf("/api/v1/chats/%d/draft", chatID)
	draftIs := func(want string) {
		t.Helper()
		eventually(t, 10*time.Second, "the server's draft", func() (bool, string) {
			var d parley.Draft
			site.call("GET", draftPath, me.token, nil, 200, &d)
			return d.Text == want, fmt.Sprintf("%q, want %q", d.Text, want)
		})
	}

	draft := "Let me check with the courier and"
	agent.Type("a reply not sent", bt.TestID("reply-input"), draft)
	draftIs(draft)
	agent.Reload()
	agent.Wait("the console after reload", bt.Visible(bt.TestID("status-switch")))
	agent.Click("My", bt.TestID("list-my"))
	agent.Wait("the chat under My", bt.Visible(bt.TestID("chat-row")))
	agent.Click("the chat", bt.TestID("chat-row"))
	agent.Wait("the draft back in the box", replyBox+` === `+bt.JS(draft))
	agent.Shot("draft restored")

	agent.Type("the end of the reply", bt.TestID("reply-input"), " get back to you.\r")
	sent := draft + " get back to you."
	agent.Wait("the reply sent", bt.HasMessage(consoleAgent, sent))
	draftIs("")
	if got := bt.Eval[string](agent, replyBox); got != "" {
		t.Errorf("the box after sending holds %q", got)
	}
}
