package core_test

import (
	"testing"

	"parley"
	"parley/sqlstore"
	"parley/sqlstore/storetest"
)

// BenchmarkRoutingCycle measures routing with a backlog: 30 agents at their limit
// of 3 and 400 chats waiting. Each cycle a new chat joins the backlog (routing
// finds nobody free), and one agent accepts an offer and completes it, which
// routes the queue and offers that agent the oldest waiting chat. One cycle at a
// time: the figure is the work of one cycle, with its write transactions and, on
// PostgreSQL, the round trips its writer waited for.
//
//	go test ./core -run '^$' -bench RoutingCycle
//	PARLEY_TEST_POSTGRES=… go test ./core -run '^$' -bench RoutingCycle
func BenchmarkRoutingCycle(b *testing.B) {
	eachDatabase(b, func(b *testing.B, db storetest.Database) {
		e := newEnv(b, db)
		ag := e.agents(30, 3, true)
		for range 30*3 + 400 {
			e.newChat()
		}
		stats := e.store.(interface{ WriteStats() sqlstore.WriteStats })
		start := stats.WriteStats()
		n := 0
		for ; b.Loop(); n++ {
			a := ag[n%len(ag)]
			e.newChat()
			offered, err := e.store.Chats(e.ctx, parley.ChatFilter{OfferedTo: a.ID, States: []parley.ChatState{parley.ChatWaiting}, Limit: 1})
			e.must(err)
			if len(offered) == 0 {
				b.Fatalf("agent %d holds no offer", a.ID)
			}
			v := e.viewer(a)
			e.must1p(e.svc.Accept(e.ctx, a, v, offered[0].ID))
			e.must1p(e.svc.Complete(e.ctx, a, v, offered[0].ID))
		}
		end := stats.WriteStats()
		b.ReportMetric(float64(end.Transactions-start.Transactions)/float64(n), "tx/op")
		b.ReportMetric(float64(end.RoundTrips-start.RoundTrips)/float64(n), "writer-round-trips/op")
	})
}
