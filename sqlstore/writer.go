package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"sync/atomic"

	"parley"
)

// op is one call of Write waiting for the writer goroutine.
type op struct {
	ctx  context.Context
	fn   func(parley.Tx) error
	done chan error // buffered, so the writer never waits for a caller who gave up
}

// WriteStats counts the writer's work; Writes/Transactions is the mean batch size.
type WriteStats struct {
	Transactions int64 // transactions committed
	Writes       int64 // calls of Write committed
	Retries      int64 // batches rolled back and run again (see runBatch)
	// RoundTrips counts what PostgreSQL's writer sent and waited for: single
	// statements and pipelines alike. Always 0 on SQLite.
	RoundTrips int64
}

type counters struct {
	transactions, writes, retries, roundTrips atomic.Int64
}

// WriteStats returns the writer's counts since Open.
func (s *Store) WriteStats() WriteStats {
	return WriteStats{
		Transactions: s.stats.transactions.Load(),
		Writes:       s.stats.writes.Load(),
		Retries:      s.stats.retries.Load(),
		RoundTrips:   s.stats.roundTrips.Load(),
	}
}

// Write runs fn in a write transaction, possibly together with other queued
// writes (group commit). It returns when fn's transaction has committed or
// failed, or when ctx is done; in the last case fn may still commit later.
func (s *Store) Write(ctx context.Context, fn func(tx parley.Tx) error) error {
	o := &op{ctx: ctx, fn: fn, done: make(chan error, 1)}
	if err := s.enqueue(o); err != nil {
		return err
	}
	select {
	case err := <-o.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Store) enqueue(o *op) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return ErrClosed
	}
	select {
	case s.ops <- o:
		return nil
	case <-o.ctx.Done():
		return o.ctx.Err()
	}
}

// run is the writer goroutine: it takes the first queued write and whatever
// else is queued by then, and commits them together. It returns after Close,
// once the queue is empty.
func (s *Store) run() {
	defer close(s.stopped)
	defer s.lite.close()
	ops := make([]*op, 0, s.maxBatch)
	for first := range s.ops {
		ops = s.drain(append(ops[:0], first))
		s.runBatch(ops)
		clear(ops) // let finished ops be collected
	}
}

// drain adds to ops whatever else is queued, up to MaxBatch, without waiting.
func (s *Store) drain(ops []*op) []*op {
	for len(ops) < s.maxBatch {
		select {
		case o, ok := <-s.ops:
			if !ok {
				return ops
			}
			ops = append(ops, o)
		default:
			return ops
		}
	}
	return ops
}

// runBatch commits the batch in one transaction. If anything fails, it rolls
// back and runs each write alone, so that one failing write gets its error and
// the others still commit.
//
// On PostgreSQL the batch defers its hot writes (see batch.deferWrites). When
// one of them fails, its write is known: the others run again together, and
// it alone after them, without deferring, so that it meets its error (a
// repeated delivery its Conflict) where it makes it. Running all of them alone
// would cost a batch's worth of transactions for every repeated delivery.
func (s *Store) runBatch(ops []*op) {
	live := s.live(ops)
	if len(live) == 0 {
		return
	}
	err := s.commit(live, s.d.isPostgres())
	if err == nil {
		reply(live, nil)
		return
	}
	var queued *queuedWriteError
	deferredFailed := errors.As(err, &queued)
	if len(live) == 1 && !deferredFailed {
		live[0].done <- err
		return
	}
	s.stats.retries.Add(1)
	if !deferredFailed || queued.op < 0 || len(live) == 1 {
		s.runAlone(live)
		return
	}
	failed := live[queued.op]
	if rest := s.live(slices.Delete(live, queued.op, queued.op+1)); len(rest) > 0 {
		if err := s.commit(rest, true); err == nil {
			reply(rest, nil)
		} else {
			s.stats.retries.Add(1)
			s.runAlone(rest)
		}
	}
	s.runAlone([]*op{failed})
}

// live answers the ops whose callers gave up before they ran, and returns the others.
func (s *Store) live(ops []*op) []*op {
	live := make([]*op, 0, len(ops))
	for _, o := range ops {
		if err := o.ctx.Err(); err != nil {
			o.done <- err
			continue
		}
		live = append(live, o)
	}
	return live
}

// runAlone commits each op in a transaction of its own, deferring nothing.
func (s *Store) runAlone(ops []*op) {
	for _, o := range ops {
		if err := o.ctx.Err(); err != nil {
			o.done <- err
			continue
		}
		o.done <- s.commit([]*op{o}, false)
	}
}

func reply(ops []*op, err error) {
	for _, o := range ops {
		o.done <- err
	}
}

// commit runs ops in one transaction, stores their events and commits, then
// hands the events to OnCommit. The first error of an op is returned as is,
// unless a deferred write failed before it (a *queuedWriteError then).
func (s *Store) commit(ops []*op, deferWrites bool) error {
	// Not any caller's context: one caller's cancel must not abort the others' writes.
	ctx := context.Background()
	run := func(b *batch) error {
		// First statement, always: on PostgreSQL its row lock orders this transaction
		// after every other writer's, and what they committed is visible from here on.
		if err := b.q.queryRow(ctx, s.d.lockSeqSQL).Scan(&b.last); err != nil {
			return fmt.Errorf("sqlstore: read the event sequence: %w", err)
		}
		if err := b.readAhead(ctx, ops); err != nil {
			return err
		}
		for i, o := range ops {
			b.op = i
			if err := s.call(o, b); err != nil {
				return err
			}
		}
		b.op = -1
		return b.storeEvents(ctx)
	}
	var b *batch
	var err error
	if s.d.isPostgres() {
		b, err = s.commitPostgres(ctx, deferWrites, run)
	} else {
		b, err = s.commitSQLite(run)
	}
	if err != nil {
		return err
	}
	s.stats.transactions.Add(1)
	s.stats.writes.Add(int64(len(ops)))
	if s.onCommit != nil && len(b.events) > 0 {
		s.onCommit(b.events)
	}
	return nil
}

// call runs one op's fn. A panic becomes that op's error rather than the end
// of the writer goroutine, which every other write depends on.
func (s *Store) call(o *op, b *batch) (err error) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("sqlstore: write panicked", "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("sqlstore: write panicked: %v", r)
		}
	}()
	return o.fn(&tx{queries: queries{q: b.q, secrets: s.secrets}, b: b})
}
