package main

import (
	"fmt"
	"testing"

	"parley"
	bt "parley/browsertest"
	"parley/core"
)

// TestBrowserSupervisor opens the supervisor screen as a supervisor and watches
// it follow the floor without a reload: a visitor's chat counted as waiting in
// its queue with a wait that ticks, and an agent's status change.
func TestBrowserSupervisor(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	site.call("POST", "/api/v1/agents", site.admin.token, core.AgentInput{Email: "sup@example.com", Name: "Sam Supervisor",
		Password: browserPassword, Role: parley.RoleSupervisor, Language: "en"}, 201, nil)
	out := bt.NewOutput(t)
	sup := bt.Start(t, out, bt.Options{Name: "supervisor", Language: "en-US"})
	consoleLogin(sup, site.base, "sup@example.com")
	sup.Click("supervisor", bt.TestID("nav-supervisor"))
	sup.Wait("the supervisor view", bt.Visible(bt.TestID("supervisor-view")))
	queue := func(more string) string {
		return bt.TestID("supervisor-queue", fmt.Sprintf(`[data-id="%d"] %s`, site.channel.QueueID, more))
	}
	agent := bt.TestID("supervisor-agent", fmt.Sprintf(`[data-id="%d"]`, site.agent.ID))
	sup.Wait("the queue with nothing waiting", queue(`[data-testid="supervisor-waiting"]`)+`?.dataset.value === "0"`)
	sup.Wait("the agent inactive", agent+`?.dataset.status === "inactive"`)
	sup.Shot("supervisor, quiet")

	// Nobody is active: the chat waits, and the view counts it live.
	visitorWrites(t, site, "Hello, anyone there?")
	sup.Wait("the chat counted as waiting", queue(`[data-testid="supervisor-waiting"]`)+`?.dataset.value === "1"`)
	wait := queue(`[data-testid="supervisor-longest-wait"]`) + `?.textContent`
	first := bt.Eval[string](sup, wait)
	sup.Wait("the longest wait ticking", wait+` !== `+bt.JS(first))
	sup.Shot("supervisor, a chat waiting")

	site.call("PUT", fmt.Sprintf("/api/v1/agents/%d/status", site.agent.ID), site.admin.token,
		map[string]any{"status": "active"}, 200, nil)
	sup.Wait("the agent's new status", agent+`?.dataset.status === "active"`)
	sup.Wait("the agent's time in status counting again", `/^0:0[1-9]$/.test(`+agent+`?.querySelector('[data-testid="supervisor-time-in-status"]').textContent)`)
	sup.Shot("supervisor, agent active")
	if v := sup.CSPViolations(); len(v) > 0 {
		t.Errorf("the console's Content-Security-Policy blocked %q", v)
	}
}
