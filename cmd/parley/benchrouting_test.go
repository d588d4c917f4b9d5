package main

import (
	"testing"

	"parley/sqlstore/storetest"
)

// TestBenchRouting runs a short "routing" scenario: every chat must be offered,
// accepted and completed, with a latency sample per offer.
func TestBenchRouting(t *testing.T) {
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			n := benchNode(t, db.URL)
			rep := runBench(t, "routing", "--url", n.base, "--agents", "6", "--queues", "3", "--chat-limit", "2",
				"--chats", "40", "--rate", "200", "--hold", "20ms", "--database", db.URL)
			m := rep.Routing
			if m == nil {
				t.Fatal("no routing result")
			}
			if m.Opened != 40 || m.Accepted != 40 || m.Completed != 40 || m.Offers < 40 {
				t.Fatalf("opened %d, offered %d, accepted %d, completed %d: want 40 each", m.Opened, m.Offers, m.Accepted, m.Completed)
			}
			if m.OfferReceived.Count != m.Offers || m.OffersPerSecond <= 0 {
				t.Errorf("%d offers, %d latency samples, %v offers/s", m.Offers, m.OfferReceived.Count, m.OffersPerSecond)
			}
		})
	}
}
