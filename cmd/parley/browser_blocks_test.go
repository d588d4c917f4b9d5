package main

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"parley"
	bt "parley/browsertest"
	"parley/core"
)

// TestBrowserBlockContact has an admin block a visitor's contact from the
// chat's contact panel, until a time and with a reason (R3.5): the open chat
// completes, the panel says the contact is blocked, and what the visitor writes
// next is kept apart and starts no chat. On the contact page the admin reads
// the held message and lifts the block; the visitor's next message starts a
// chat again.
func TestBrowserBlockContact(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	agent := site.login("agent@example.com")
	site.call("PUT", "/api/v1/me/status", agent.token, map[string]string{"status": "active"}, 200, nil)
	v := newVisitor(t, site)
	chat1 := v.says(t, site, "v-1", "I want my money back, now!")
	if got := acceptTheChat(t, site, agent); got != chat1 {
		t.Fatalf("accepted chat %d, want %d", got, chat1)
	}
	contact := chatContactID(t, site, chat1)

	a := bt.Start(t, bt.NewOutput(t), bt.Options{Name: "admin", Language: "en-US"})
	consoleLogin(a, site.base, "admin@example.com")
	a.Click("All", bt.TestID("list-all"))
	openListed(a, chat1)
	a.Wait("the chat's contact", bt.TestID("contact-panel", fmt.Sprintf(`[data-contact-id="%d"]`, contact))+` !== null`)
	a.Wait("the chat in progress", `document.querySelector('[data-testid="conversation"] .state-in_progress') !== null`)
	if bt.Eval[bool](a, bt.TestID("contact-blocked")+` !== null`) {
		t.Errorf("the contact shows blocked before any block")
	}
	until := time.Now().Add(72 * time.Hour).Truncate(time.Minute)
	blockInConsole(a, until, "Abusive language")
	a.Wait("the panel's badge", bt.Visible(bt.TestID("contact-blocked"))+` && `+
		bt.TestID("contact-blocked")+`.textContent.startsWith("Blocked until ")`)
	a.Wait("the chat shown completed", `document.querySelector('[data-testid="conversation"] .state-completed') !== null`)
	a.Shot("contact blocked")
	checkBlocked(t, site, contact, chat1, until)

	if held := v.says(t, site, "v-2", "Hello? Anyone there?"); held != 0 {
		t.Errorf("the blocked visitor's message went into chat %d, want none", held)
	}
	if ids := contactChatIDs(t, site, agent, contact); len(ids) != 1 || ids[0] != chat1 {
		t.Errorf("while blocked the agent sees the contact's chats %v, want only %d", ids, chat1)
	}

	a.Click("the contact page", bt.TestID("contact-open"))
	a.Wait("the contact page", bt.TestID("contact-page", fmt.Sprintf(`[data-contact-id="%d"]`, contact))+` !== null`)
	a.Wait("the badge on the page", bt.Visible(bt.TestID("contact-blocked")))
	liftInConsole(a, "Hello? Anyone there?", "Apologised on the phone")
	a.Wait("the badge gone", bt.TestID("contact-blocked")+` === null`)
	a.Shot("block lifted")

	chat2 := v.says(t, site, "v-3", "Sorry about earlier.")
	if chat2 == 0 || chat2 == chat1 {
		t.Fatalf("after the lift the visitor's message went into chat %d, want a new chat", chat2)
	}
	if ids := contactChatIDs(t, site, agent, contact); len(ids) != 2 {
		t.Errorf("after the lift the agent sees the contact's chats %v, want %d and %d", ids, chat2, chat1)
	}
	a.Wait("the new chat in the history", bt.TestID("history-item", fmt.Sprintf(`[data-kind="chat"][data-id="%d"]`, chat2))+` !== null`)
}

// blockInConsole blocks the open chat's contact from its panel, until a time
// typed as the agent would; the dialog stays open with the block listed.
func blockInConsole(a *bt.Browser, until time.Time, reason string) {
	a.Click("block", bt.TestID("contact-block"))
	a.Wait("the block dialog", bt.Visible(bt.TestID("block-dialog"))+` && `+bt.TestID("block-none")+` !== null`)
	setField(a, "block-until", until.Format("2006-01-02T15:04"))
	a.Type("the reason", bt.TestID("block-reason"), reason)
	a.Shot("block form")
	a.Click("block", bt.TestID("block-submit"))
	a.Wait("the block listed as active", bt.TestID("block-row", `[data-state="active"] [data-testid="block-reason-text"]`)+
		`?.textContent === `+bt.JS(reason))
	a.Shot("blocked")
	a.Click("close", bt.TestID("block-close"))
	a.Wait("the dialog closed", bt.TestID("block-dialog")+` === null`)
}

// liftInConsole opens the block dialog on the contact page, finds the message
// held while blocked, and lifts the active block with a reason.
func liftInConsole(a *bt.Browser, held, reason string) {
	a.Click("block", bt.TestID("contact-block"))
	a.Wait("the message held while blocked", bt.HasText(bt.AllTestID("blocked-text"), held))
	a.Shot("held message")
	a.Click("lift", bt.TestID("block-row", `[data-state="active"] [data-testid="block-lift"]`))
	a.Type("the lift's reason", bt.TestID("block-lift-reason"), reason)
	a.Click("lift the block", bt.TestID("block-lift-confirm"))
	a.Wait("the block shown lifted, with its reason", bt.TestID("block-row", `[data-state="lifted"] [data-testid="block-ended"]`)+
		`?.textContent.includes(`+bt.JS(reason)+`) && `+bt.TestID("block-row", `[data-state="active"]`)+` === null`)
	a.Shot("lifted")
	a.Click("close", bt.TestID("block-close"))
}

// checkBlocked checks over the API that the contact has one active block with
// the reason and the end typed, and that its open chat was completed.
func checkBlocked(t *testing.T, site *browserSite, contact, chatID int64, until time.Time) {
	t.Helper()
	var blocks struct{ Items []parley.Block }
	site.call("GET", fmt.Sprintf("/api/v1/contacts/%d/blocks", contact), site.admin.token, nil, 200, &blocks)
	if len(blocks.Items) != 1 {
		t.Fatalf("the contact has blocks %+v, want one", blocks.Items)
	}
	b := blocks.Items[0]
	if b.State != parley.BlockActive || b.Reason != "Abusive language" || b.IdentityID != 0 || b.Until == nil || !b.Until.Equal(until) {
		t.Errorf("the block as stored: %+v; want active on the whole contact until %s", b, until)
	}
	var c parley.Chat
	site.call("GET", fmt.Sprintf("/api/v1/chats/%d", chatID), site.admin.token, nil, 200, &c)
	if c.State != parley.ChatCompleted {
		t.Errorf("the blocked contact's chat is %s, want completed", c.State)
	}
}

// contactChatIDs lists the ids of the contact's chats the agent sees, newest first.
func contactChatIDs(t *testing.T, site *browserSite, agent agentSession, contact int64) []int64 {
	t.Helper()
	var page core.ChatPage
	site.call("GET", fmt.Sprintf("/api/v1/chats?contact=%d", contact), agent.token, nil, 200, &page)
	ids := make([]int64, len(page.Chats))
	for i, c := range page.Chats {
		ids[i] = c.ID
	}
	return ids
}

// TestBrowserWriteToContact has an agent write first to a contact whose chat is
// over (R2.21, R3.8): from the contact page, through the identity the visitor
// wrote from, the new chat opens in the workspace, in progress under My, with
// the agent's message. Writing again while that chat is open is refused, and
// the dialog shows the server's reason.
func TestBrowserWriteToContact(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	agent := site.login("agent@example.com")
	site.call("PUT", "/api/v1/me/status", agent.token, map[string]string{"status": "active"}, 200, nil)
	v := newVisitor(t, site)
	chat1 := v.says(t, site, "v-1", "Is the blue teapot back in stock?")
	if got := acceptTheChat(t, site, agent); got != chat1 {
		t.Fatalf("accepted chat %d, want %d", got, chat1)
	}
	site.call("POST", fmt.Sprintf("/api/v1/chats/%d/complete", chat1), agent.token, nil, 200, nil)
	contact := chatContactID(t, site, chat1)

	a := bt.Start(t, bt.NewOutput(t), bt.Options{Name: "agent", Language: "en-US"})
	consoleLogin(a, site.base, "agent@example.com")
	openContactPage(a, contact)
	a.Wait("the first chat in the history", bt.TestID("history-item", fmt.Sprintf(`[data-kind="chat"][data-id="%d"]`, chat1))+` !== null`)
	if bt.Eval[bool](a, bt.TestID("contact-block")+` !== null`) {
		t.Errorf("a plain agent is offered Block")
	}
	text := "Good news: the blue teapot is back."
	writeInConsole(a, text)
	open := bt.TestID("conversation") + `?.dataset.chatId`
	a.Wait("the new chat open with the message", open+` !== undefined && `+open+` !== "`+strconv.FormatInt(chat1, 10)+`" && `+
		bt.HasMessage(consoleAgent, text))
	chat2, err := strconv.ParseInt(bt.Eval[string](a, open), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	a.Wait("the new chat listed under My", bt.TestID("list-my")+`.getAttribute("aria-selected") === "true" && `+
		bt.Visible(bt.TestID("chat-row", fmt.Sprintf(`[data-chat-id="%d"]`, chat2))))
	a.Shot("chat started")
	checkStarted(t, site, chat1, chat2)

	a.Click("the contact page", bt.TestID("contact-open"))
	a.Wait("the contact page", bt.TestID("contact-page", fmt.Sprintf(`[data-contact-id="%d"]`, contact))+` !== null`)
	filterHistory(a, chat2, chat1)
	writeInConsole(a, "Shall I keep one for you?")
	refusal := fmt.Sprintf("the contact already has chat %d open on this channel", chat2)
	a.Wait("the server's refusal in the dialog", bt.Visible(bt.TestID("write-error"))+` && `+
		bt.TestID("write-error")+`.textContent.includes(`+bt.JS(refusal)+`)`)
	a.Shot("refused")
	if ids := contactChatIDs(t, site, agent, contact); len(ids) != 2 {
		t.Errorf("after the refusal the contact's chats are %v, want %d and %d", ids, chat2, chat1)
	}
}

// filterHistory narrows the contact page's history by kind and by period, and
// resets it; chats are the contact's two chats, newest first.
func filterHistory(a *bt.Browser, chats ...int64) {
	items := bt.AllTestID("history-item") + `.map((e) => e.dataset.kind + e.dataset.id).join()`
	both := fmt.Sprintf(`%s === "chat%d,chat%d"`, items, chats[0], chats[1])
	empty := bt.Visible(bt.TestID("history-empty")) + ` && ` + bt.AllTestID("history-item") + `.length === 0`
	a.Wait("both chats in the history, newest first", both)
	a.Click("untick chats", bt.TestID("history-kind-chat"))
	a.Wait("no chat in the history", empty)
	a.Click("reset", bt.TestID("history-reset"))
	a.Wait("both chats again", both+` && `+bt.TestID("history-kind-chat")+`.checked`)
	today := time.Now().UTC()
	setField(a, "history-from", today.AddDate(0, 0, 1).Format(time.DateOnly))
	a.Wait("nothing from tomorrow on", empty)
	setField(a, "history-from", today.Format(time.DateOnly))
	setField(a, "history-to", today.Format(time.DateOnly))
	a.Wait("both chats today", both)
	a.Shot("history of today")
	a.Click("reset", bt.TestID("history-reset"))
	a.Wait("the filters reset", bt.TestID("history-from")+`.value === "" && `+bt.TestID("history-reset")+`.disabled`)
}

// openContactPage goes to the contacts screen and opens the contact's page.
func openContactPage(a *bt.Browser, contact int64) {
	a.Click("contacts", bt.TestID("nav-contacts"))
	a.Click("the contact", bt.TestID("contacts-row", fmt.Sprintf(`[data-id="%d"] button`, contact)))
	a.Wait("the contact page", bt.TestID("contact-page", fmt.Sprintf(`[data-contact-id="%d"]`, contact))+` !== null`)
}

// writeInConsole opens Write on the contact page, checks that the web-chat
// identity is offered by its channel, and sends the first message.
func writeInConsole(a *bt.Browser, text string) {
	a.Click("write to the contact", bt.TestID("contact-write"))
	a.Wait("the web-chat identity offered", bt.Visible(bt.TestID("write-dialog"))+` && `+
		bt.TestID("write-identity")+`.options.length === 1 && `+
		bt.TestID("write-identity")+`.options[0].textContent.startsWith("Web chat · Shop")`)
	a.Type("the first message", bt.TestID("write-text"), text)
	a.Shot("write dialog")
	a.Click("send", bt.TestID("write-send"))
}

// checkStarted checks over the API that the started chat is the agent's, in
// progress, on the identity the first chat came through.
func checkStarted(t *testing.T, site *browserSite, chat1, chat2 int64) {
	t.Helper()
	var first, started parley.Chat
	site.call("GET", fmt.Sprintf("/api/v1/chats/%d", chat1), site.admin.token, nil, 200, &first)
	site.call("GET", fmt.Sprintf("/api/v1/chats/%d", chat2), site.admin.token, nil, 200, &started)
	if started.State != parley.ChatInProgress || started.OwnerID != site.agent.ID || started.IdentityID != first.IdentityID {
		t.Errorf("the started chat: %s, owner %d, identity %d; want in progress, owner %d, identity %d",
			started.State, started.OwnerID, started.IdentityID, site.agent.ID, first.IdentityID)
	}
}
