package main

import (
	"fmt"
	"testing"

	bt "parley/browsertest"
)

// TestBrowserTransfer has an agent transfer a chat with a comment to a second
// agent (inactive, who may still receive transfers), who finds it under My with
// the parent's messages and the comment; the visitor goes on writing into the
// new chat and never sees the comment.
func TestBrowserTransfer(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	out := bt.NewOutput(t)
	agent := bt.Start(t, out, bt.Options{Name: "agent", Language: "en-US"})
	second := bt.Start(t, out, bt.Options{Name: "second", Language: "en-US"})
	visitor := bt.Start(t, out, bt.Options{Name: "visitor", Language: "en-US"})

	agentGoesActive(agent, site.base)
	consoleLogin(second, site.base, "admin@example.com")
	second.Wait("the live connection", bt.TestID("connection-state")+`?.dataset.state === "online"`)
	visitorOpensPlainWidget(visitor, site.siteURL)
	first := "My parcel never came."
	visitorSays(visitor, first)
	agentAccepts(agent, first)
	reply := "Let me pass you to billing."
	agent.Type("the reply box", bt.TestID("reply-input"), reply+"\r")
	agent.Wait("the reply sent", bt.HasMessage(consoleAgent, reply))

	comment := "Refund approved up to 20 EUR"
	transferWithComment(t, agent, site.admin.agent.ID, comment)
	secondSeesChild(second, first, reply, comment)

	later := "Hello? Anyone there?"
	visitorSays(visitor, later)
	second.Wait("the visitor's message in the child chat", bt.HasMessage(consoleContact, later))
	if bt.Eval[bool](visitor, widgetAll+`.some((m) => m.textContent.includes(`+bt.JS(comment)+`))`) {
		t.Errorf("the widget shows the internal comment")
	}
	visitor.Shot("after transfer")
	second.Shot("child chat")
	handBack(t, second, agent, site.agent.ID, later)
}

// handBack has the second agent, an admin, give the chat back to the first through Change owner.
func handBack(t *testing.T, from, to *bt.Browser, toID int64, last string) {
	t.Helper()
	from.Click("change owner", bt.TestID("owner-button"))
	target := bt.TestID("owner-target", fmt.Sprintf(`[data-id="%d"]`, toID))
	from.Wait("the first agent in the owner list", bt.Visible(target))
	if state := bt.Eval[string](from, bt.TestID("owner-target")+`.dataset.state`); state != "active" {
		t.Errorf("the owner list starts with a %q agent, want active ones first", state)
	}
	from.Click("the first agent", target)
	from.Click("confirm", bt.TestID("transfer-confirm"))
	from.Wait("the reply box gone for the former owner", `!`+bt.TestID("reply-input"))
	to.Click("My", bt.TestID("list-my"))
	to.Wait("the chat under My again", bt.TestID("count-my")+`?.textContent === "1"`)
	to.Click("the chat", bt.TestID("chat-row"))
	to.Wait("its latest message", bt.HasMessage(consoleContact, last))
	to.Shot("owner again")
}

func visitorOpensPlainWidget(v *bt.Browser, siteURL string) {
	v.Navigate(siteURL)
	v.Click("the launcher", bt.InWidget("launcher"))
	v.Wait("the composer", bt.Visible(bt.InWidget("composer-input")))
	v.Wait("the live connection", bt.InWidget("connection-state")+`?.dataset.state === "online"`)
}

// transferWithComment transfers the open chat to agent id through the dialog.
func transferWithComment(t *testing.T, a *bt.Browser, to int64, comment string) {
	t.Helper()
	a.Click("transfer", bt.TestID("transfer-button"))
	a.Wait("the transfer dialog", bt.Visible(bt.TestID("transfer-dialog")))
	target := bt.TestID("transfer-target", fmt.Sprintf(`[data-kind="agent"][data-id="%d"]`, to))
	a.Wait("the second agent in the list", bt.Visible(target))
	if state := bt.Eval[string](a, target+`.dataset.state`); state != "inactive" {
		t.Errorf("the second agent shows as %q, want inactive", state)
	}
	if n := bt.Eval[int](a, bt.AllTestID("transfer-target", `[data-kind="queue"]`)+`.length`); n != 1 {
		t.Errorf("%d queues listed, want 1", n)
	}
	a.Click("the second agent", target)
	a.Type("the comment", bt.TestID("transfer-comment"), comment)
	a.Shot("transfer dialog")
	a.Click("confirm", bt.TestID("transfer-confirm"))
	a.Wait("the dialog closed", `!`+bt.TestID("transfer-dialog"))
	a.Wait("the chat closed for the sender", `!(`+bt.Visible(bt.TestID("transfer-button"))+`)`)
	a.Shot("after transfer")
}

// secondSeesChild opens the child under My and checks the parent's messages and the comment.
func secondSeesChild(b *bt.Browser, first, reply, comment string) {
	b.Click("My", bt.TestID("list-my"))
	b.Wait("the child chat under My", bt.Visible(bt.TestID("chat-row")))
	b.Click("the child chat", bt.TestID("chat-row"))
	b.Wait("the conversation", bt.Visible(bt.TestID("conversation")))
	history := `[...document.querySelectorAll('[data-testid="parent-history"] [data-testid="message"]')]`
	b.Wait("the parent's messages", bt.HasMessage(history, first)+` && `+bt.HasMessage(history, reply))
	b.Wait("the divider", bt.Visible(bt.TestID("transfer-divider")))
	b.Wait("the internal comment", bt.HasMessage(bt.AllTestID("message", ".msg-internal"), comment))
	b.Wait("the reply box", bt.Visible(bt.TestID("reply-input")))
}

// openTransferDialogs opens and cancels the transfer and owner dialogs of the open
// chat, letting check look at each (the Russian walk looks for English in them).
func openTransferDialogs(a *bt.Browser, check func(screen string)) {
	for _, d := range []struct{ button, target, screen string }{
		{"transfer-button", "transfer-target", "transfer dialog"},
		{"owner-button", "owner-target", "owner dialog"},
	} {
		a.Click(d.screen, bt.TestID(d.button))
		a.Wait("the targets of the "+d.screen, bt.Visible(bt.TestID(d.target)))
		check(d.screen)
		a.Click("cancel", bt.TestID("transfer-cancel"))
		a.Wait("the "+d.screen+" closed", `!`+bt.TestID("transfer-dialog"))
	}
}
