package main

import (
	"fmt"
	"strconv"
	"testing"

	bt "parley/browsertest"
)

// TestBrowserOthers has an admin look at a colleague's chats under Others (R2.7):
// choose the agent, see the chat they are working on, open it and stay on the
// list; the All list has it too.
func TestBrowserOthers(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	agent := site.login("agent@example.com")
	site.call("PUT", "/api/v1/me/status", agent.token, map[string]string{"status": "active"}, 200, nil)
	visitorWrites(t, site, "Hello from a visitor")
	chatID := acceptTheChat(t, site, agent)

	out := bt.NewOutput(t)
	admin := bt.Start(t, out, bt.Options{Name: "admin", Language: "en-US"})
	consoleLogin(admin, site.base, "admin@example.com")
	admin.Wait("the live connection", bt.TestID("connection-state")+`?.dataset.state === "online"`)
	admin.Click("Others", bt.TestID("list-others"))
	admin.Wait("the agent among the choices", bt.TestID("others-agent")+fmt.Sprintf(`?.querySelector('option[value="%d"]') != null`, site.agent.ID))
	setField(admin, "others-agent", strconv.FormatInt(site.agent.ID, 10))
	row := bt.TestID("chat-row", fmt.Sprintf(`[data-chat-id="%d"]`, chatID))
	admin.Wait("the colleague's chat under Others", bt.TestID("others-list")+fmt.Sprintf(`?.querySelector('[data-chat-id="%d"]') != null`, chatID))
	admin.Shot("others")
	admin.Click("the colleague's chat", row)
	admin.Wait("its conversation", bt.HasMessage(consoleContact, "Hello from a visitor"))
	admin.Wait("still on Others", bt.TestID("list-others")+`.getAttribute("aria-selected") === "true"`)
	admin.Click("All", bt.TestID("list-all"))
	admin.Wait("the chat under All", `document.getElementById("chat-list")`+fmt.Sprintf(`?.querySelector('[data-chat-id="%d"]') != null`, chatID))
	if v := admin.CSPViolations(); len(v) > 0 {
		t.Errorf("the console's Content-Security-Policy blocked %q", v)
	}
}
