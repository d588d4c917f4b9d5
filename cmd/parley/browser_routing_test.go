package main

import (
	"fmt"
	"testing"

	"parley"
	bt "parley/browsertest"
)

// TestBrowserRouting sets a queue's routing and time limits and an agent's own
// limit in the admin screens, then watches a chat's first-reply timer in the
// agent's New list go from green to red.
func TestBrowserRouting(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	out := bt.NewOutput(t)
	admin := bt.Start(t, out, bt.Options{Name: "admin", Language: "en-US"})
	agent := bt.Start(t, out, bt.Options{Name: "agent", Language: "en-US"})

	consoleLogin(admin, site.base, "admin@example.com")
	admin.Click("administration", bt.TestID("nav-admin"))
	admin.Click("queues", bt.TestID("admin-queues"))
	admin.Wait("the queue", bt.Visible(bt.TestID("admin-row")))
	admin.Click("the queue's edit button", `document.querySelector('[data-testid="admin-row"] .actions button')`)
	admin.Wait("the queue editor", bt.Visible(bt.TestID("queue-routing")))
	for id, value := range map[string]string{"queue-routing": "round_robin", "queue-mode": "invite", "queue-priority": "2",
		"queue-first-reply": "8", "queue-reply": "30", "queue-completion": "3600"} {
		setField(admin, id, value)
	}
	admin.Shot("queue routing")
	admin.Click("save", bt.TestID("admin-save"))
	admin.Wait("the editor closed", `!`+bt.TestID("admin-editor"))
	var queues struct{ Items []parley.Queue }
	site.call("GET", "/api/v1/queues", site.admin.token, nil, 200, &queues)
	want := parley.QueueRouting{Routing: parley.RouteRoundRobin, Mode: parley.ModeInvite, Priority: 2,
		FirstReplyTime: 8, ReplyTime: 30, CompletionTimeout: 3600}
	if got := queues.Items[0].QueueRouting; got != want {
		t.Fatalf("queue saved as %+v, want %+v", got, want)
	}

	admin.Click("agents", bt.TestID("admin-agents"))
	agentRow := fmt.Sprintf(`document.querySelector('[data-testid="admin-row"][data-id="%d"] .actions button')`, site.agent.ID)
	admin.Wait("the agent", agentRow)
	admin.Click("the agent's edit button", agentRow)
	admin.Wait("the agent editor", bt.Visible(bt.TestID("agent-chat-limit")))
	setField(admin, "agent-chat-limit", "3")
	admin.Click("save", bt.TestID("admin-save"))
	admin.Wait("the editor closed", `!`+bt.TestID("admin-editor"))
	var a parley.Agent
	site.call("GET", fmt.Sprintf("/api/v1/agents/%d", site.agent.ID), site.admin.token, nil, 200, &a)
	if a.ChatLimit == nil || *a.ChatLimit != 3 {
		t.Fatalf("agent's own limit saved as %v, want 3", a.ChatLimit)
	}

	agentGoesActive(agent, site.base)
	visitorWrites(t, site, "Hello, anyone there?")
	timer := bt.TestID("row-timer")
	for _, state := range []string{"ok", "near", "breached"} {
		agent.Wait("the row timer "+state, timer+`?.dataset.state === `+bt.JS(state))
		agent.Shot("row timer " + state)
	}
}

// setField sets an input's or a select's value as a person would, by its test id.
func setField(b *bt.Browser, id, value string) {
	bt.Eval[bool](b, fmt.Sprintf(`((e) => { e.value = %s; e.dispatchEvent(new Event(e.tagName === "SELECT" ? "change" : "input", {bubbles: true})); return true })(%s)`,
		bt.JS(value), bt.TestID(id)))
}
