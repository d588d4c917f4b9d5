package main

import (
	"testing"

	"parley/sqlstore/storetest"
)

// TestBenchWebhooks runs a short "webhooks" scenario: every webhook must be
// answered 200 and its message.created event reach the admin's websocket, and
// every user's chat be opened and accepted.
func TestBenchWebhooks(t *testing.T) {
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			n := benchNode(t, db.URL)
			rep := runBench(t, "webhooks", "--url", n.base, "--agents", "2", "--users", "5",
				"--rate", "100", "--count", "40", "--database", db.URL)
			m := rep.Messages
			if m == nil || rep.Scenario != "webhooks" {
				t.Fatalf("scenario %q, result %v", rep.Scenario, m)
			}
			if v := m.Visitor; v.Planned != 40 || v.Sent != 40 || v.Acked != 40 || v.Delivered != 40 || v.Completed != 40 {
				t.Fatalf("webhooks %+v: want 40 answered and delivered", v)
			}
			l := m.Latency
			if l.VisitorAck.Count != 40 || l.VisitorToAgent.Count != 40 || l.FirstMessage.Count != 5 || m.Chats != 5 {
				t.Errorf("%d answers, %d events, %d first messages, %d chats accepted: want 40, 40, 5, 5",
					l.VisitorAck.Count, l.VisitorToAgent.Count, l.FirstMessage.Count, m.Chats)
			}
			if l.VisitorAck.P50 <= 0 || l.VisitorToAgent.P99 < l.VisitorToAgent.P50 || l.VisitorToAgent.Max < l.VisitorToAgent.P99 {
				t.Errorf("latencies are not ordered: answer %+v, event %+v", l.VisitorAck, l.VisitorToAgent)
			}
			if m.SustainedRate <= 0 {
				t.Errorf("sustained %v/s", m.SustainedRate)
			}
		})
	}
}
