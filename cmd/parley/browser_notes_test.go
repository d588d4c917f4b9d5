package main

import (
	"fmt"
	"testing"

	"parley"
	bt "parley/browsertest"
)

// TestBrowserNotes has an agent write a private note with bold text and markup
// typed as text, and a colleague add one over the API with live script in it:
// the console shows both notes formatted, no script runs, nothing is blocked by
// the Content-Security-Policy, and the visitor's widget shows nothing of them.
func TestBrowserNotes(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	out := bt.NewOutput(t)
	agent := bt.Start(t, out, bt.Options{Name: "agent", Language: "en-US"})
	visitor := bt.Start(t, out, bt.Options{Name: "visitor", Language: "en-US"})

	first := "My parcel never came."
	chatID := openChat(t, site, agent, visitor, first)

	// The agent's own note: bold from the toolbar, then markup typed as text.
	agent.Wait("the notes panel", bt.Visible(bt.TestID("note-input")))
	agent.Click("the note editor", bt.TestID("note-input"))
	agent.Click("bold", bt.TestID("note-tool-b"))
	agent.Type("the note", bt.TestID("note-input"), "Refund approved")
	agent.Click("bold off", bt.TestID("note-tool-b"))
	typed := "<script>window.__parleyXSS=3</script>"
	agent.Type("the note", bt.TestID("note-input"), " "+typed)
	agent.Shot("note typed")
	agent.Click("add note", bt.TestID("note-save"))
	notes := bt.AllTestID("note-body")
	agent.Wait("the note shown in bold", notes+`.some((n) => [...n.querySelectorAll("b, strong")].some((b) => b.textContent === "Refund approved"))`)
	agent.Wait("the typed markup shown as text", notes+`.some((n) => n.textContent.includes(`+bt.JS(typed)+`))`)

	// A colleague's note with live markup, sent as HTML straight to the API: the
	// server keeps the bold and drops the rest, and the note arrives live.
	evil := `<b>Paid by card</b><img src=x onerror="window.__parleyXSS=1"><script>window.__parleyXSS=2</script>` +
		`<a href="javascript:window.__parleyXSS=4">details</a><svg onload="window.__parleyXSS=5"></svg>`
	var n parley.Note
	site.call("POST", fmt.Sprintf("/api/v1/chats/%d/notes", chatID), site.admin.token, map[string]string{"html": evil}, 201, &n)
	agent.Wait("the colleague's note, live", notes+`.some((n) => n.querySelector("b")?.textContent === "Paid by card")`)
	agent.Shot("notes")
	checks := map[string]string{
		"no script ran":          `window.__parleyXSS === undefined && window.__parleyDialogs === undefined`,
		"no script in notes":     `document.querySelectorAll('[data-testid="note-body"] :is(script, svg, img)').length === 0`,
		"no handler in notes":    `![...document.querySelectorAll('[data-testid="note-body"] *')].some((e) => [...e.attributes].some((a) => a.name.startsWith("on")))`,
		"no javascript: link":    `![...document.querySelectorAll('[data-testid="note-body"] a')].some((a) => (a.getAttribute("href") ?? "").includes("javascript"))`,
		"no Security-Policy hit": `(window.__parleyCSP ?? []).length === 0`,
	}
	for what, cond := range checks {
		if !bt.Eval[bool](agent, cond) {
			t.Errorf("notes: %s fails", what)
		}
	}

	// The widget learns nothing of the notes: a reply sent after them arrives,
	// and nothing of theirs is there.
	reply := "We are looking into it."
	agent.Type("the reply box", bt.TestID("reply-input"), reply+"\r")
	visitor.Wait("the reply in the widget", bt.HasMessage(widgetAgent, reply))
	for _, text := range []string{"Refund approved", "Paid by card", "details"} {
		if bt.Eval[bool](visitor, `(`+bt.WidgetRoot+`?.textContent ?? "").includes(`+bt.JS(text)+`) || document.body.textContent.includes(`+bt.JS(text)+`)`) {
			t.Errorf("the widget shows %q of a note", text)
		}
	}
	if !bt.Eval[bool](visitor, `window.__parleyXSS === undefined && window.__parleyDialogs === undefined`) {
		t.Error("a script ran in the visitor's page")
	}
	visitor.Shot("widget without notes")
	if v := agent.CSPViolations(); len(v) > 0 {
		t.Errorf("the console's Content-Security-Policy blocked %q", v)
	}
}
