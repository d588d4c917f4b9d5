package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"parley/loadgen"
	"parley/sqlstore/storetest"
)

// benchNode starts a server with an admin the load tool can log in as.
func benchNode(t *testing.T, database string) *node {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), []string{"user", "add", "--database", database, "--email", "admin@example.com", "--name", "Admin", "--password", "password123"}, strings.NewReader(""), &out, &out)
	if err != nil {
		t.Fatalf("user add: %v: %s", err, out.String())
	}
	return startNode(t, database)
}

// runBench runs "parley bench …" and returns the report it wrote as JSON.
func runBench(t *testing.T, args ...string) *loadgen.Report {
	t.Helper()
	file := filepath.Join(t.TempDir(), "report.json")
	args = append(args, "--admin-email", "admin@example.com", "--admin-password", "password123", "--json", file, "--sample", "50ms")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	if err := run(ctx, append([]string{"bench"}, args...), strings.NewReader(""), &stdout, &stderr); err != nil {
		t.Fatalf("bench %s: %v\n%s\n%s", args[0], err, stdout.String(), stderr.String())
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var rep loadgen.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("the JSON report does not parse: %v\n%s", err, data)
	}
	if !regexp.MustCompile(`(?m)^errors +none$`).MatchString(stdout.String()) {
		t.Errorf("the table does not say there were no errors:\n%s", stdout.String())
	}
	if strings.Contains(string(data), "password123") {
		t.Error("the report holds the admin's password")
	}
	if rep.Machine.Cores < 1 || rep.Machine.MemoryBytes <= 0 || rep.Date == "" || len(rep.Command) == 0 {
		t.Errorf("the report does not describe the run: %+v", rep)
	}
	if rep.ServerUsage.Samples < 2 || rep.ServerUsage.PeakRSS <= 0 {
		t.Errorf("the server's metrics were not sampled: %+v", rep.ServerUsage)
	}
	if len(rep.Errors) != 0 {
		t.Errorf("errors: %v %q", rep.Errors, rep.ErrorSamples)
	}
	return &rep
}

// TestBenchMessages runs a short "messages" scenario with answers and idle
// connections: every message must be acknowledged and delivered both ways, with
// one latency sample each.
func TestBenchMessages(t *testing.T) {
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			n := benchNode(t, db.URL)
			const count = 150
			rep := runBench(t, "messages", "--url", n.base, "--agents", "3", "--visitors", "7", "--queues", "2",
				"--rate", "300", "--count", "150", "--reply", "--idle", "5", "--database", db.URL)
			m := rep.Messages
			if m == nil {
				t.Fatal("no messages result")
			}
			if m.Visitor.Planned != count || m.Visitor.Completed != count || m.Replies == nil || m.Replies.Completed != count {
				t.Fatalf("visitor messages %+v, replies %+v: want %d completed each way", m.Visitor, m.Replies, count)
			}
			l := m.Latency
			for name, got := range map[string]int64{"visitor→agent": l.VisitorToAgent.Count, "visitor ack": l.VisitorAck.Count,
				"agent→visitor": l.AgentToVisitor.Count, "agent ack": l.AgentAck.Count} {
				if got != count {
					t.Errorf("%s: %d latency samples, want %d", name, got, count)
				}
			}
			if l.OfferReceived.Count != 7 || m.Chats != 7 || l.FirstMessage.Count != 7 {
				t.Errorf("offers %d, chats %d, first messages %d: want 7 each", l.OfferReceived.Count, m.Chats, l.FirstMessage.Count)
			}
			if l.VisitorToAgent.P50 <= 0 || l.VisitorToAgent.P99 < l.VisitorToAgent.P50 || l.VisitorToAgent.Max < l.VisitorToAgent.P99 {
				t.Errorf("visitor→agent latency is not ordered: %+v", l.VisitorToAgent)
			}
			if m.SustainedRate <= 0 || rep.Server.Database == "" {
				t.Errorf("sustained %v/s, database %q", m.SustainedRate, rep.Server.Database)
			}
		})
	}
}

// TestBenchConns holds a few idle websockets, visitors and agents, with pings.
func TestBenchConns(t *testing.T) {
	n := benchNode(t, storetest.Databases(t)[0].URL)
	rep := runBench(t, "conns", "--url", n.base, "--n", "40", "--visitors-share", "0.75", "--agents", "2", "--procs", "0",
		"--hold", "1s", "--settle", "200ms", "--ping", "100ms")
	c := rep.Conns
	if c == nil {
		t.Fatal("no conns result")
	}
	if c.Connected != 40 || c.Failed != 0 || c.ServerWebsockets != 40 || c.Disconnects != 0 {
		t.Fatalf("connected %d, failed %d, server counted %d, disconnects %d: want 40 held", c.Connected, c.Failed, c.ServerWebsockets, c.Disconnects)
	}
	if c.Pings == 0 || c.Pongs != c.Pings {
		t.Errorf("%d pings, %d pongs: want every ping answered", c.Pings, c.Pongs)
	}
	if c.Before.Samples == 0 || c.After.Samples == 0 || c.After.Goroutines <= c.Before.Goroutines {
		t.Errorf("memory readings before %+v, after %+v", c.Before, c.After)
	}
}

// TestBenchRefusesOtherHosts checks that the tool only ever loads a loopback server.
func TestBenchRefusesOtherHosts(t *testing.T) {
	for _, u := range []string{"http://10.0.0.1:8080", "http://example.com:8080", "https://127.0.0.1:8080", "http://127.0.0.1"} {
		var stderr bytes.Buffer
		err := run(context.Background(), []string{"bench", "messages", "--url", u, "--admin-email", "a@b.c", "--admin-password", "x"}, strings.NewReader(""), &stderr, &stderr)
		if err == nil {
			t.Errorf("%s was accepted", u)
		}
	}
}
