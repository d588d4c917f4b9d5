package sqlstore_test

import (
	"context"
	"strconv"
	"sync/atomic"
	"testing"

	"parley"
	"parley/sqlstore/storetest"
)

// BenchmarkWriteMessage measures group commit: many writers at once (64 per
// CPU), each storing a message and its event in a Write of its own; "serial"
// is one writer at a time, one commit per message, for comparison.
//
//	go test ./sqlstore -run '^$' -bench WriteMessage
func BenchmarkWriteMessage(b *testing.B) {
	modes := []struct {
		name        string
		parallelism int
	}{{"parallel", 64}, {"serial", 0}}
	for _, name := range []string{"sqlite", "postgres"} {
		for _, mode := range modes {
			b.Run(name+"/"+mode.name, func(b *testing.B) {
				var db *storetest.Database
				for _, d := range storetest.Databases(b) {
					if d.Name == name {
						db = &d
					}
				}
				if db == nil {
					b.Skip("no", name, "database; set", storetest.PostgresEnv)
				}
				benchmarkWriteMessage(b, *db, mode.parallelism)
			})
		}
	}
}

// benchmarkWriteMessage writes b.N messages from parallelism writers per CPU,
// or from this goroutine alone when parallelism is 0.
func benchmarkWriteMessage(b *testing.B, db storetest.Database, parallelism int) {
	s := storetest.Open(b, db, func([]parley.Event) {})
	f := newFixture(b, s)
	c := f.chat(f.identity, f.queue.ID)
	f.createChat(b, &c)
	var seq atomic.Int64
	start := s.WriteStats()
	writeOne := func(ctx context.Context) error {
		return s.Write(ctx, func(tx parley.Tx) error {
			n := seq.Add(1)
			m := parley.Message{ChatID: c.ID, Seq: n, Author: parley.Actor{Kind: parley.ActorContact, ID: f.contact.ID},
				Kind: parley.MessageText, Text: "hello there", ClientID: strconv.FormatInt(n, 10),
				CreatedAt: at(0), DedupeKey: "bench:" + strconv.FormatInt(n, 10)}
			if err := tx.AddMessage(ctx, &m); err != nil {
				return err
			}
			tx.Emit(parley.ChatEvent(parley.EventMessageCreated, parley.AudienceQueue|parley.AudienceVisitor, c, 0, m))
			return nil
		})
	}
	b.ResetTimer()
	if parallelism == 0 {
		for range b.N {
			if err := writeOne(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
	} else {
		b.SetParallelism(parallelism)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if err := writeOne(context.Background()); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	b.StopTimer()
	st := s.WriteStats()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
	if tx := st.Transactions - start.Transactions; tx > 0 {
		b.ReportMetric(float64(st.Writes-start.Writes)/float64(tx), "writes/tx")
	}
}
