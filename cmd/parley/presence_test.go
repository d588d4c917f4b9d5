package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"parley"
	"parley/core"
	"parley/sqlstore/storetest"
)

// TestConsolePresence drives presence through real websockets: an agent's console
// connecting shows them online to colleagues, its going away shows them offline
// and, once gone long enough, makes them inactive; coming back restores the status.
func TestConsolePresence(t *testing.T) {
	t.Setenv("PARLEY_CONSOLE_REFRESH", "50ms")
	t.Setenv("PARLEY_CONSOLE_GONE_AFTER", "400ms")
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			var out bytes.Buffer
			if err := run(t.Context(), []string{"user", "add", "--database", db.URL, "--email", "admin@example.com", "--name", "Admin",
				"--password", "password123"}, strings.NewReader(""), &out, &out); err != nil {
				t.Fatalf("user add: %v: %s", err, out.String())
			}
			n := startNode(t, db.URL)
			adminSvc := n.login("admin@example.com")
			var b parley.Agent
			n.call("POST", "/api/v1/agents", adminSvc.token, core.AgentInput{Email: "b@example.com", Name: "B", Password: "password123"}, 201, &b)
			bs := n.login("b@example.com")
			n.call("PUT", "/api/v1/me/status", bs.token, map[string]string{"status": "active"}, 200, nil)

			watch := n.dial("/api/v1/ws", bearerHeader(adminSvc.token))
			watch.waitReady()
			console := n.dial("/api/v1/ws", bearerHeader(bs.token))
			console.waitReady()
			watch.waitEvent("b online", presenceOf(t, b.ID, true))
			if !listedOnline(t, n, adminSvc.token, b.ID) {
				t.Fatal("b is not listed online with a console open")
			}
			console.conn.Close()
			watch.waitEvent("b offline", presenceOf(t, b.ID, false))
			watch.waitEvent("b inactive", func(e parley.Event) bool {
				return e.Kind == parley.EventAgentUpdated && e.AgentID == b.ID && agentStatus(t, e) == parley.StatusInactive
			})
			n.dial("/api/v1/ws", bearerHeader(bs.token)).waitReady()
			watch.waitEvent("b active again", func(e parley.Event) bool {
				return e.Kind == parley.EventAgentUpdated && e.AgentID == b.ID && agentStatus(t, e) == parley.StatusActive
			})
		})
	}
}

func presenceOf(t *testing.T, agentID int64, online bool) func(parley.Event) bool {
	return func(e parley.Event) bool {
		if e.Kind != parley.EventAgentPresence || e.AgentID != agentID {
			return false
		}
		var p parley.Presence
		if err := json.Unmarshal(e.Data, &p); err != nil {
			t.Fatal(err)
		}
		return p.Online == online
	}
}

func agentStatus(t *testing.T, e parley.Event) parley.AgentStatus {
	var a parley.Agent
	if err := json.Unmarshal(e.Data, &a); err != nil {
		t.Fatal(err)
	}
	return a.Status
}

func listedOnline(t *testing.T, n *node, token string, id int64) bool {
	var list struct{ Items []parley.AgentSummary }
	n.call("GET", "/api/v1/agents", token, nil, 200, &list)
	for _, a := range list.Items {
		if a.ID == id {
			return a.Online
		}
	}
	t.Fatalf("agent %d not listed", id)
	return false
}
