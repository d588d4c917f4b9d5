package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"parley"
	"parley/sqlstore"
	"parley/sqlstore/storetest"
)

// commits records what OnCommit receives.
type commits struct {
	mu      sync.Mutex
	batches [][]parley.Event
}

func (c *commits) onCommit(events []parley.Event) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.batches = append(c.batches, slices.Clone(events))
}

// ids returns the ids of every event received, in the order received.
func (c *commits) ids() []int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	var ids []int64
	for _, b := range c.batches {
		for _, e := range b {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

func (c *commits) sizes() []int {
	c.mu.Lock()
	defer c.mu.Unlock()
	var sizes []int
	for _, b := range c.batches {
		sizes = append(sizes, len(b))
	}
	return sizes
}

func seq(from, to int64) []int64 {
	var ids []int64
	for id := from; id <= to; id++ {
		ids = append(ids, id)
	}
	return ids
}

// blockWriter keeps the writer goroutine busy in a write that emits nothing
// until release is called, so that the writes queued meanwhile form one batch.
func blockWriter(t *testing.T, s *sqlstore.Store) (release func(), done <-chan error) {
	t.Helper()
	started, unblock, result := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	var once sync.Once
	go func() {
		result <- s.Write(context.Background(), func(tx parley.Tx) error {
			once.Do(func() { close(started) })
			<-unblock
			return nil
		})
	}()
	<-started
	return func() { close(unblock) }, result
}

// enqueue starts a Write of fn and returns once it waits in the queue.
func enqueue(t *testing.T, s *sqlstore.Store, fn func(parley.Tx) error) <-chan error {
	t.Helper()
	return enqueueCtx(t, s, context.Background(), fn)
}

// enqueueCtx is enqueue with the write's context.
func enqueueCtx(t *testing.T, s *sqlstore.Store, ctx context.Context, fn func(parley.Tx) error) <-chan error {
	t.Helper()
	n := s.QueueLen()
	result := make(chan error, 1)
	go func() { result <- s.Write(ctx, fn) }()
	waitFor(t, "the write to be queued", func() bool { return s.QueueLen() == n+1 })
	return result
}

func emitOne(tx parley.Tx, chatID int64) parley.Event {
	return tx.Emit(parley.Event{Kind: parley.EventChatCreated, ChatID: chatID, Audience: parley.AudienceStaff, At: at(1)})
}

func TestGroupCommitBatches(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, db storetest.Database) {
		ctx := context.Background()
		var seen commits
		s := storetest.Open(t, db, seen.onCommit)
		release, blocked := blockWriter(t, s)
		before := s.WriteStats()
		var results []<-chan error
		for i := range 10 {
			results = append(results, enqueue(t, s, func(tx parley.Tx) error {
				emitOne(tx, int64(i))
				room := parley.Room{Name: fmt.Sprint("room ", i), Type: parley.RoomClients, CreatedAt: at(i)}
				if err := tx.CreateRoom(ctx, &room); err != nil {
					return err
				}
				// A write reads its own changes, and sees only its own events.
				got, err := tx.Room(ctx, room.ID)
				equal(t, "room read in the transaction", got, room)
				if em := tx.Emitted(); len(em) != 1 || em[0].ChatID != int64(i) {
					t.Errorf("write %d: Emitted() = %+v, want its one event", i, em)
				}
				return err
			}))
		}
		release()
		if err := <-blocked; err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			if err := <-r; err != nil {
				t.Fatal(err)
			}
		}
		after := s.WriteStats()
		// The blocking write commits alone, then the ten queued meanwhile commit together.
		equal(t, "transactions and writes", sqlstore.WriteStats{
			Transactions: after.Transactions - before.Transactions, Writes: after.Writes - before.Writes,
		}, sqlstore.WriteStats{Transactions: 2, Writes: 11})
		equal(t, "OnCommit calls and their sizes", seen.sizes(), []int{10})
		equal(t, "ids", seen.ids(), seq(1, 10))
		expect(t, "rooms committed", 10)(count(s.Rooms(ctx)))
	})
}

func count[T any](list []T, err error) (int, error) { return len(list), err }

func TestFailingWriteInBatch(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, db storetest.Database) {
		ctx := context.Background()
		var seen commits
		s := storetest.Open(t, db, seen.onCommit)
		f := newFixture(t, s)
		c := f.chat(f.identity, f.queue.ID)
		f.createChat(t, &c)
		taken := parley.Message{ChatID: c.ID, Seq: 1, Author: parley.SystemActor, Kind: parley.MessageText, Text: "x",
			CreatedAt: at(1), DedupeKey: "taken"}
		write(t, s, func(tx parley.Tx) error { return tx.AddMessage(ctx, &taken) })
		timer := func(tx parley.Tx, ref int64) error {
			return tx.AddTimer(ctx, &parley.Timer{Kind: parley.TimerOfferExpiry, Ref: ref, DueAt: at(1)})
		}
		errBad := errors.New("bad write")
		var okRuns atomic.Int64

		release, blocked := blockWriter(t, s)
		before := s.WriteStats()
		ok1 := enqueue(t, s, func(tx parley.Tx) error {
			okRuns.Add(1)
			emitOne(tx, 1)
			return timer(tx, 1)
		})
		bad := enqueue(t, s, func(tx parley.Tx) error {
			emitOne(tx, 2)
			if err := timer(tx, 2); err != nil {
				return err
			}
			return errBad
		})
		dupe := enqueue(t, s, func(tx parley.Tx) error {
			emitOne(tx, 3)
			m := taken
			m.Seq = 2
			return tx.AddMessage(ctx, &m)
		})
		ok2 := enqueue(t, s, func(tx parley.Tx) error {
			emitOne(tx, 4)
			return timer(tx, 4)
		})
		release()
		if err := <-blocked; err != nil {
			t.Fatal(err)
		}
		if err := <-ok1; err != nil {
			t.Errorf("first good write: %v", err)
		}
		if err := <-bad; err != errBad {
			t.Errorf("failing write: got %v, want its own error as is", err)
		}
		wantCode(t, "write with a taken dedupe key", <-dupe, parley.CodeConflict)
		if err := <-ok2; err != nil {
			t.Errorf("second good write: %v", err)
		}

		equal(t, "runs of the first good write (batch, then alone)", okRuns.Load(), int64(2))
		after := s.WriteStats()
		equal(t, "retries", after.Retries-before.Retries, int64(1))
		timers, err := s.DueTimers(ctx, at(1), 10)
		if err != nil {
			t.Fatal(err)
		}
		var refs []int64
		for _, tm := range timers {
			refs = append(refs, tm.Ref)
		}
		slices.Sort(refs)
		equal(t, "timers left by the writes", refs, []int64{1, 4})
		stored, err := s.Events(ctx, parley.EventFilter{All: true})
		if err != nil {
			t.Fatal(err)
		}
		var chats []int64
		for _, e := range stored {
			chats = append(chats, e.ChatID)
		}
		equal(t, "events stored (of the good writes only)", chats, []int64{1, 4})
		equal(t, "ids OnCommit saw", seen.ids(), []int64{1, 2})
		expect(t, "messages", 1)(count(s.Messages(ctx, parley.MessageFilter{ChatID: c.ID})))
	})
}

func TestWriteErrorsAndPanics(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, db storetest.Database) {
		ctx := context.Background()
		if err := sqlstore.Migrate(ctx, db.URL); err != nil {
			t.Fatal(err)
		}
		var log strings.Builder
		s, err := sqlstore.Open(ctx, sqlstore.Options{URL: db.URL, Logger: slog.New(slog.NewTextHandler(&log, nil))})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		errOwn := errors.New("own")
		if err := s.Write(ctx, func(tx parley.Tx) error { emitOne(tx, 1); return errOwn }); err != errOwn {
			t.Errorf("got %v, want fn's error as is", err)
		}
		err = s.Write(ctx, func(tx parley.Tx) error { panic("boom") })
		if err == nil || !strings.Contains(err.Error(), "boom") {
			t.Errorf("panicking write: got %v", err)
		}
		if !strings.Contains(log.String(), "panic=boom") {
			t.Errorf("the panic was not logged: %q", log.String())
		}
		write(t, s, func(tx parley.Tx) error { emitOne(tx, 2); return nil })
		expect(t, "LastEventID after failed writes", int64(1))(s.LastEventID(ctx))
	})
}

func TestWriteCanceledWhileQueued(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		release, blocked := blockWriter(t, s)
		var ran atomic.Bool
		n := s.QueueLen()
		result := make(chan error, 1)
		go func() {
			result <- s.Write(ctx, func(tx parley.Tx) error { ran.Store(true); return nil })
		}()
		waitFor(t, "the write to be queued", func() bool { return s.QueueLen() == n+1 })
		cancel()
		if err := <-result; !errors.Is(err, context.Canceled) {
			t.Errorf("canceled write: got %v", err)
		}
		release()
		if err := <-blocked; err != nil {
			t.Fatal(err)
		}
		write(t, s, func(tx parley.Tx) error { return nil }) // the writer has passed the canceled write
		if ran.Load() {
			t.Error("a write whose caller gave up before it ran was run")
		}
	})
}

func TestCloseFinishesQueuedWrites(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		release, blocked := blockWriter(t, s)
		var queued []<-chan error
		for i := range 3 {
			queued = append(queued, enqueue(t, s, func(tx parley.Tx) error { emitOne(tx, int64(i)); return nil }))
		}
		closed := make(chan error, 1)
		go func() { closed <- s.Close() }()
		release()
		if err := <-closed; err != nil {
			t.Fatalf("Close: %v", err)
		}
		for _, r := range append(queued, blocked) {
			if err := <-r; err != nil {
				t.Errorf("write queued before Close: %v", err)
			}
		}
		if err := s.Write(ctx, func(tx parley.Tx) error { return nil }); !errors.Is(err, sqlstore.ErrClosed) {
			t.Errorf("Write after Close: got %v, want ErrClosed", err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("second Close: %v", err)
		}
	})
}
