package main

import (
	"testing"

	bt "parley/browsertest"
)

// TestBrowserSearch has an agent find a chat by an inflected Russian word, see
// the word marked in the snippet, narrow the search to nothing with a filter,
// and clear the text and every filter with one click.
func TestBrowserSearch(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	out := bt.NewOutput(t)
	agent := bt.Start(t, out, bt.Options{Name: "agent", Language: "en-US"})
	visitor := bt.Start(t, out, bt.Options{Name: "visitor", Language: "en-US"})

	openChat(t, site, agent, visitor, "Where is my parcel? Заказы <b>потерялись</b>")

	hits := bt.AllTestID("search-hit")
	agent.Type("the search box", bt.TestID("search-input"), "заказ")
	agent.Wait("the chat found", hits+`.length === 1`)
	agent.Wait("the word marked", hits+`[0].querySelector("mark")?.textContent === "Заказы"`)
	agent.Wait("markup shown as text", hits+`[0].textContent.includes("<b>потерялись</b>") && !`+hits+`[0].querySelector("b")`)
	agent.Shot("found")

	agent.Click("the filters", bt.TestID("search-filters"))
	agent.Wait("the state filter", bt.Visible(bt.TestID("filter-state")))
	bt.Eval[bool](agent, `((s) => { s.value = "completed"; s.dispatchEvent(new Event("input", { bubbles: true })); return true; })(`+bt.TestID("filter-state")+`)`)
	agent.Wait("nothing found among closed chats", hits+`.length === 0 && `+bt.TestID("search-results")+`?.textContent === "Nothing found."`)
	agent.Wait("the queue filter lists the queue", bt.AllTestID("filter-queue", " option")+`.length === 2`)
	agent.Shot("filtered")

	agent.Click("reset", bt.TestID("search-reset"))
	agent.Wait("everything cleared", bt.TestID("search-input")+`.value === "" && `+bt.TestID("filter-state")+`.value === "" && !`+
		bt.TestID("search-results")+` && !`+bt.TestID("search-reset"))
	agent.Shot("reset")
	if v := agent.CSPViolations(); len(v) > 0 {
		t.Errorf("the console's Content-Security-Policy blocked %q", v)
	}
}
