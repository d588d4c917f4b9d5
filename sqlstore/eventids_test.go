package sqlstore_test

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"parley"
	"parley/sqlstore"
	"parley/sqlstore/storetest"
)

func TestWriteConcurrentEventIDs(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, db storetest.Database) {
		ctx := context.Background()
		var seen commits
		s := storetest.Open(t, db, seen.onCommit)
		const goroutines, writes = 50, 20
		var mu sync.Mutex
		var returned []int64 // ids of the events each committed write emitted
		var wg sync.WaitGroup
		errs := make(chan error, goroutines*writes)
		for g := range goroutines {
			wg.Go(func() {
				for w := range writes {
					var mine []parley.Event
					err := s.Write(ctx, func(tx parley.Tx) error {
						for range g%3 + 1 {
							emitOne(tx, int64(g*writes+w))
						}
						tm := parley.Timer{Kind: parley.TimerOfferExpiry, Ref: int64(g*writes + w), DueAt: at(1)}
						mine = tx.Emitted()
						return tx.AddTimer(ctx, &tm)
					})
					if err != nil {
						errs <- err
						continue
					}
					mu.Lock()
					for _, e := range mine {
						returned = append(returned, e.ID)
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		n := int64(0)
		for g := range goroutines {
			n += int64((g%3 + 1) * writes)
		}
		equal(t, "ids OnCommit saw, in order", seen.ids(), seq(1, n))
		slices.Sort(returned)
		equal(t, "ids the writes emitted", returned, seq(1, n))
		stored, err := s.Events(ctx, parley.EventFilter{All: true, Limit: int(n) + 1})
		if err != nil {
			t.Fatal(err)
		}
		var storedIDs []int64
		for _, e := range stored {
			storedIDs = append(storedIDs, e.ID)
		}
		equal(t, "ids stored", storedIDs, seq(1, n))
		expect(t, "LastEventID", n)(s.LastEventID(ctx))
		timers, err := s.DueTimers(ctx, at(1), goroutines*writes)
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "rows written", len(timers), goroutines*writes)
		st := s.WriteStats()
		equal(t, "writes counted", st.Writes, int64(goroutines*writes))
		t.Logf("%d writes in %d transactions", st.Writes, st.Transactions)
	})
}

func TestTwoStoresShareOneEventLog(t *testing.T) {
	// Two stores on one database stand for two processes: ids stay gapless and
	// each process sees its own commits in increasing order.
	forEachDatabase(t, func(t *testing.T, db storetest.Database) {
		ctx := context.Background()
		var seenA, seenB commits
		a := storetest.Open(t, db, seenA.onCommit)
		b, err := sqlstore.Open(ctx, sqlstore.Options{URL: db.URL, OnCommit: seenB.onCommit})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { b.Close() })
		var wg sync.WaitGroup
		var failed atomic.Int64
		for g := range 20 {
			s := []*sqlstore.Store{a, b}[g%2]
			wg.Go(func() {
				for range 10 {
					if err := s.Write(ctx, func(tx parley.Tx) error { emitOne(tx, int64(g)); return nil }); err != nil {
						t.Error(err)
						failed.Add(1)
					}
				}
			})
		}
		wg.Wait()
		if failed.Load() > 0 {
			return
		}
		idsA, idsB := seenA.ids(), seenB.ids()
		if !slices.IsSorted(idsA) || !slices.IsSorted(idsB) {
			t.Errorf("a store saw its ids out of order: %v, %v", idsA, idsB)
		}
		all := append(idsA, idsB...)
		slices.Sort(all)
		equal(t, "ids of both stores", all, seq(1, 200))
	})
}
