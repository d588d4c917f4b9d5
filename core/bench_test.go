package core_test

import (
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"

	"parley/core"
	"parley/sqlstore"
	"parley/sqlstore/storetest"
)

// BenchmarkVisitorSend measures the whole message path below HTTP: 256 visitors per
// CPU writing into their open chats at once, each message committed (group commit)
// and its event emitted.
//
//	go test ./core -run '^$' -bench VisitorSend
//	PARLEY_TEST_POSTGRES=… go test ./core -run '^$' -bench VisitorSend
func BenchmarkVisitorSend(b *testing.B) {
	eachDatabase(b, benchmarkVisitorSend)
}

// eachDatabase runs a benchmark on a fresh database of each kind: a fresh one for
// every run, as benchmarks run more than once.
func eachDatabase(b *testing.B, run func(*testing.B, storetest.Database)) {
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			dbs := storetest.Databases(b)
			var db *storetest.Database
			for i := range dbs {
				if dbs[i].Name == name {
					db = &dbs[i]
				}
			}
			if db == nil {
				b.Skip("no", name, "database")
			}
			run(b, *db)
		})
	}
}

func benchmarkVisitorSend(b *testing.B, db storetest.Database) {
	e := newEnv(b, db)
	e.agents(1, 5, false) // nobody active: chats wait, as routing is not what is measured
	const perCPU = 64
	visitors := make([]core.VisitorAuth, perCPU*runtime.GOMAXPROCS(0))
	for i := range visitors {
		visitors[i] = e.visitor()
		send(e, visitors[i], "open", "opening the chat") // the chat exists: measure appending
	}
	stats, _ := e.store.(interface{ WriteStats() sqlstore.WriteStats })
	before := stats.WriteStats()
	var next, who atomic.Int64
	b.SetParallelism(perCPU)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		v := visitors[int(who.Add(1)-1)%len(visitors)]
		for pb.Next() {
			n := next.Add(1)
			if _, err := e.svc.VisitorSend(e.ctx, v, core.SendInput{ClientID: strconv.FormatInt(n, 10), Text: "hello there"}); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
	after := stats.WriteStats()
	b.ReportMetric(float64(after.Writes-before.Writes)/float64(max(1, after.Transactions-before.Transactions)), "writes/tx")
	b.ReportMetric(float64(after.Retries-before.Retries), "retried-batches")
}
