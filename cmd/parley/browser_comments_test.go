package main

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"parley"
	bt "parley/browsertest"
	"parley/core"
)

// commentTexts are the texts of the comments in the open chat's feed.
var commentTexts = bt.AllTestID("comment-text")

// TestBrowserCommentFollowed has a colleague follow a chat from its comment
// panel while its owner comments on it in the console: the comment shows live
// in the colleague's open feed, line breaks kept; with another chat open, the
// colleague is told of the next comment by a notice naming the chat and the
// author, whose button opens the chat (R2.23).
func TestBrowserCommentFollowed(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	addQueueAgent(t, site, "bea@example.com", "Bea Agent")
	chatID := acceptedChat(t, site, "My parcel is late")
	otherID := newVisitor(t, site).says(t, site, "v-2", "Do you ship abroad?")
	colleague := site.login("bea@example.com")
	out := bt.NewOutput(t)

	b := bt.Start(t, out, bt.Options{Name: "colleague", Language: "en-US"})
	consoleLogin(b, site.base, "bea@example.com")
	b.Wait("the live connection", bt.TestID("connection-state")+`?.dataset.state === "online"`)
	b.Click("All", bt.TestID("list-all"))
	openListed(b, chatID)
	b.Wait("the comment panel, not followed", bt.TestID("follow-toggle")+`?.dataset.following === "false" && !`+bt.TestID("follow-toggle")+`.disabled`)
	b.Click("follow", bt.TestID("follow-toggle"))
	b.Wait("the chat followed", bt.TestID("follow-toggle")+`?.dataset.following === "true"`)
	b.Shot("following")
	if !following(site, colleague, chatID) {
		t.Fatal("after Follow the server says the colleague does not follow the chat")
	}

	a := bt.Start(t, out, bt.Options{Name: "owner", Language: "en-US"})
	consoleLogin(a, site.base, "agent@example.com")
	// The second chat is offered to the owner: its banner settles the layout before any click.
	a.Wait("the invitation to the second chat", bt.Visible(bt.TestID("invitation")))
	a.Click("My", bt.TestID("list-my"))
	openListed(a, chatID)
	first := "The courier called twice.\nPlease check the address."
	a.Type("the comment", bt.TestID("comment-input"), "The courier called twice.\rPlease check the address.")
	a.Click("comment", bt.TestID("comment-send"))
	a.Wait("the comment in the owner's feed", bt.HasText(commentTexts, first)+` && `+bt.TestID("comment-input")+`.value === ""`)
	a.Wait("the owner following after commenting", bt.TestID("follow-toggle")+`?.dataset.following === "true"`)
	a.Shot("commented")
	b.Wait("the comment live in the colleague's feed, lines kept", bt.HasText(commentTexts, first))
	b.Wait("its author named", bt.HasText(bt.AllTestID("comment", " .comment-author"), site.agent.Name))
	b.Shot("comment arrived")

	// With another chat open, the next comment comes as a notice that opens the chat.
	b.Click("New", bt.TestID("list-new"))
	openListed(b, otherID)
	second := "Refund approved."
	a.Type("the second comment", bt.TestID("comment-input"), second)
	a.Do("Ctrl+Enter", chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	a.Wait("the second comment in the owner's feed", bt.HasText(commentTexts, second))
	notice := fmt.Sprintf("%s: New comment on “%s”", site.agent.Name, chatName(site, chatID))
	b.Wait("the notice of the comment", bt.HasText(bt.AllTestID("info-toast", " span"), notice))
	b.Shot("notice")
	if n := bt.Eval[int](b, bt.AllTestID("toast-action")+`.length`); n != 1 {
		t.Errorf("%d notices with a button, want 1: the first comment came while the chat was on screen", n)
	}
	b.Click("open the chat", bt.TestID("toast-action"))
	b.Wait("the followed chat open", bt.TestID("conversation", fmt.Sprintf(`[data-chat-id="%d"]`, chatID))+` !== null`)
	b.Wait("the followed chat listed, under All", bt.TestID("list-all")+`.getAttribute("aria-selected") === "true" && `+
		bt.Visible(bt.TestID("chat-row", fmt.Sprintf(`[data-chat-id="%d"]`, chatID))))
	b.Wait("both comments in its feed", bt.HasText(commentTexts, first)+` && `+bt.HasText(commentTexts, second))
	b.Shot("followed chat")
	for name, who := range map[string]*bt.Browser{"owner": a, "colleague": b} {
		if v := who.CSPViolations(); len(v) > 0 {
			t.Errorf("the %s's Content-Security-Policy blocked %q", name, v)
		}
	}
}

// openListed opens a chat from the list on screen.
func openListed(b *bt.Browser, chatID int64) {
	row := bt.TestID("chat-row", fmt.Sprintf(`[data-chat-id="%d"]`, chatID))
	b.Wait(fmt.Sprintf("chat %d listed", chatID), bt.Visible(row))
	b.Click(fmt.Sprintf("chat %d", chatID), row)
	b.Wait(fmt.Sprintf("chat %d open", chatID), bt.TestID("conversation", fmt.Sprintf(`[data-chat-id="%d"]`, chatID))+` !== null`)
}

// following asks the server whether the agent follows the chat.
func following(site *browserSite, agent agentSession, chatID int64) bool {
	var f core.Following
	site.call("GET", fmt.Sprintf("/api/v1/chats/%d/follow", chatID), agent.token, nil, 200, &f)
	return f.Following
}

// chatName is the chat's name as the console's lists give it.
func chatName(site *browserSite, chatID int64) string {
	var c parley.Chat
	site.call("GET", fmt.Sprintf("/api/v1/chats/%d", chatID), site.admin.token, nil, 200, &c)
	if c.Name != "" {
		return c.Name
	}
	return fmt.Sprintf("Visitor #%d", c.ContactID)
}
