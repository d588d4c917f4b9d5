package main

import (
	"fmt"
	"image/color"
	"testing"

	"parley"
	bt "parley/browsertest"
)

// TestBrowserChat walks a whole chat in two browsers, a visitor on a customer's
// site and an agent in the console, in English: welcome and pre-chat form,
// invitation, messages and typing both ways, pictures both ways, a reload of the
// visitor's page mid-chat, markup shown as text, and the end of the chat.
func TestBrowserChat(t *testing.T) {
	site := startBrowserSite(t, "en", []parley.PrechatField{{Name: "name", Label: "Your name", Required: true}})
	out := bt.NewOutput(t)
	agent := bt.Start(t, out, bt.Options{Name: "agent", Language: "en-US"})
	visitor := bt.Start(t, out, bt.Options{Name: "visitor", Language: "en-US"})

	agentGoesActive(agent, site.base)
	visitorOpensWidget(t, visitor, site.siteURL)
	first := "Hello, where is my order?"
	visitorSays(visitor, first)
	agentAccepts(agent, first)
	talkBothWays(visitor, agent)
	picturesBothWays(t, visitor, agent)
	visitorReloads(t, visitor, agent, first)
	markupStaysText(t, visitor, agent)
	agentEndsChat(visitor, agent)
	if v := agent.CSPViolations(); len(v) > 0 {
		t.Errorf("the console's Content-Security-Policy blocked %q", v)
	}
}

var (
	widgetContact  = bt.AllInWidget("message", `[data-author="contact"]:not([data-pending])`)
	widgetAgent    = bt.AllInWidget("message", `[data-author="agent"]`)
	widgetAll      = bt.AllInWidget("message")
	consoleContact = bt.AllTestID("message", `[data-author="contact"]`)
	consoleAgent   = bt.AllTestID("message", `[data-author="agent"]`)
)

func agentGoesActive(a *bt.Browser, base string) {
	consoleLogin(a, base, "agent@example.com")
	a.Shot("console")
	if bt.Eval[string](a, bt.TestID("status-switch")+`.dataset.status`) != "active" {
		chooseStatus(a, "active", "active")
	}
	a.Wait("the live connection", bt.TestID("connection-state")+`?.dataset.state === "online"`)
	a.Shot("active")
}

func visitorOpensWidget(t *testing.T, v *bt.Browser, siteURL string) {
	t.Helper()
	v.Navigate(siteURL)
	v.Wait("the launcher", bt.Visible(bt.InWidget("launcher")))
	v.Shot("site with launcher")
	if added := bt.Eval[int](v, `[...document.body.children].filter((e) => !["H1", "P", "SCRIPT"].includes(e.tagName)).length`); added != 1 {
		t.Errorf("the widget added %d elements to the page's body, want only #parley-widget", added)
	}
	v.Click("the launcher", bt.InWidget("launcher"))
	v.Wait("the welcome", bt.Visible(bt.InWidget("welcome"))+` && `+bt.InWidget("welcome")+`.textContent === "Hello! How can we help?"`)
	style := bt.Eval[[]string](v, `((s) => [s.color, s.fontSize])(getComputedStyle(`+bt.InWidget("welcome")+`))`)
	if style[0] == "rgb(255, 0, 0)" || style[1] == "40px" {
		t.Errorf("the page's styles reach into the widget: color %s, font-size %s", style[0], style[1])
	}
	v.Wait("the pre-chat form", bt.Visible(bt.InWidget("prechat-name")))
	v.Shot("pre-chat form")
	v.Type("the name", bt.InWidget("prechat-name"), "Vera Visitor")
	v.Click("start", bt.InWidget("prechat-submit"))
	v.Wait("the composer", bt.Visible(bt.InWidget("composer-input")))
	v.Wait("the live connection", bt.InWidget("connection-state")+`?.dataset.state === "online"`)
}

func visitorSays(v *bt.Browser, text string) {
	v.Type("the composer", bt.InWidget("composer-input"), text+"\r")
	v.Wait("the visitor's message acknowledged: "+text, bt.HasMessage(widgetContact, text))
}

func agentAccepts(a *bt.Browser, first string) {
	a.Wait("the invitation", bt.Visible(bt.TestID("invitation")))
	a.Shot("invitation")
	a.Click("accept", bt.TestID("invitation-accept"))
	a.Wait("the conversation", bt.Visible(bt.TestID("conversation")))
	a.Wait("the visitor's first message", bt.HasMessage(consoleContact, first))
	a.Shot("conversation")
}

func talkBothWays(v, a *bt.Browser) {
	reply := "We are looking into it."
	a.Type("the reply box", bt.TestID("reply-input"), reply)
	v.Wait("the agent's typing indicator", bt.Visible(bt.InWidget("typing-indicator")))
	v.Shot("agent typing")
	a.Click("send", bt.TestID("reply-send"))
	v.Wait("the agent's reply", bt.HasMessage(widgetAgent, reply))
	v.Wait("the typing indicator to go", `!(`+bt.Visible(bt.InWidget("typing-indicator"))+`)`)
	question := "It was order 1234."
	visitorSays(v, question)
	a.Wait("the visitor's second message", bt.HasMessage(consoleContact, question))
	v.Shot("conversation")
}

func picturesBothWays(t *testing.T, v, a *bt.Browser) {
	t.Helper()
	dir := t.TempDir()
	fromVisitor := bt.WritePNG(t, dir, "receipt.png", 640, 480, color.RGBA{220, 60, 60, 255}, color.RGBA{250, 240, 200, 255})
	fromAgent := bt.WritePNG(t, dir, "label.png", 300, 200, color.RGBA{40, 90, 200, 255}, color.RGBA{230, 240, 255, 255})

	v.Upload("the widget's file input", bt.InWidget("composer-file-input"), fromVisitor)
	v.Wait("the visitor's picture shown", bt.LoadedImages(widgetContact, true)+` >= 1`)
	a.Wait("the visitor's picture in the console", bt.LoadedImages(consoleContact, false)+` >= 1`)
	a.Shot("picture from visitor")

	a.Upload("the console's file input", bt.TestID("reply-file-input"), fromAgent)
	a.Wait("the upload", bt.TestID("reply-send")+`?.disabled === false`)
	a.Click("send", bt.TestID("reply-send"))
	a.Wait("the agent's picture in the console", bt.LoadedImages(consoleAgent, false)+` >= 1`)
	v.Wait("the agent's picture in the widget", bt.LoadedImages(widgetAgent, true)+` >= 1`)
	v.Shot("picture from agent")
}

func visitorReloads(t *testing.T, v, a *bt.Browser, first string) {
	t.Helper()
	before := bt.Eval[int](v, widgetAll+`.length`)
	v.Reload()
	v.Wait("the panel open again", bt.Visible(bt.InWidget("panel")))
	v.Wait("the history", fmt.Sprintf(`%s.length >= %d && %s`, widgetAll, before, bt.HasMessage(widgetContact, first)))
	v.Wait("the pictures again", bt.LoadedImages(widgetAll, true)+` >= 2`)
	v.Shot("after reload")
	after := "Still here after a reload."
	visitorSays(v, after)
	a.Wait("the message sent after the reload", bt.HasMessage(consoleContact, after))
	for _, b := range []*bt.Browser{v, a} {
		all := widgetAll
		if b == a {
			all = bt.AllTestID("message")
		}
		if n := bt.Eval[int](b, bt.CountMessages(all, first)); n != 1 {
			t.Errorf("%q is shown %d times, want once", first, n)
		}
	}
}

func markupStaysText(t *testing.T, v, a *bt.Browser) {
	t.Helper()
	payload := `<img src=x onerror="window.__parleyXSS=1;alert(1)"><script>window.__parleyXSS=2</script><b>bold</b>`
	visitorSays(v, payload)
	a.Wait("the markup as text in the console", bt.HasMessage(consoleContact, payload))
	a.Type("the reply box", bt.TestID("reply-input"), payload+"\r")
	a.Wait("the agent's markup sent", bt.HasMessage(consoleAgent, payload))
	v.Wait("the agent's markup as text in the widget", bt.HasMessage(widgetAgent, payload))
	checks := map[string]string{
		"no script ran":   `window.__parleyXSS === undefined && window.__parleyDialogs === undefined`,
		"no element made": `document.querySelectorAll('img[src="x"], [data-testid="message-text"] b').length === 0`,
		"none in shadow":  `(` + bt.WidgetRoot + `?.querySelectorAll('img[src="x"], [data-testid="message-text"] b').length ?? 0) === 0`,
	}
	for _, b := range []*bt.Browser{v, a} {
		for what, cond := range checks {
			if !bt.Eval[bool](b, cond) {
				t.Errorf("markup in a message: %s fails", what)
			}
		}
	}
	v.Shot("markup as text")
	a.Shot("markup as text")
}

func agentEndsChat(v, a *bt.Browser) {
	a.Click("end chat", bt.TestID("end-chat"))
	a.Wait("the confirmation", bt.Visible(bt.TestID("confirm-ok")))
	a.Shot("confirm end")
	a.Click("confirm", bt.TestID("confirm-ok"))
	a.Wait("the chat ended", `!(`+bt.Visible(bt.TestID("end-chat"))+`)`)
	v.Wait("the end of the chat in the widget", bt.HasMessage(bt.AllInWidget("message", `[data-author="system"]`), "The chat has ended."))
	v.Shot("chat ended")
	a.Shot("chat ended")
}
