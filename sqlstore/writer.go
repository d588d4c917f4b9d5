package sqlstore

import (
	"context"
	"fmt"
	"runtime/debug"
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
	Retries      int64 // batches rolled back and run again one write per transaction
}

type counters struct {
	transactions, writes, retries atomic.Int64
}

// WriteStats returns the writer's counts since Open.
func (s *Store) WriteStats() WriteStats {
	return WriteStats{
		Transactions: s.stats.transactions.Load(),
		Writes:       s.stats.writes.Load(),
		Retries:      s.stats.retries.Load(),
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
	defer s.stmts.close()
	ops := make([]*op, 0, s.maxBatch)
	for first := range s.ops {
		ops = s.drain(append(ops[:0], first))
		s.runBatch(ops)
		clear(ops) // let finished ops be collected
		if err := s.stmts.prepareMissed(context.Background()); err != nil {
			s.log.Warn("sqlstore: prepare statements", "err", err)
		}
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
func (s *Store) runBatch(ops []*op) {
	live := make([]*op, 0, len(ops))
	for _, o := range ops {
		if err := o.ctx.Err(); err != nil {
			o.done <- err // the caller gave up before its write ran
			continue
		}
		live = append(live, o)
	}
	if len(live) == 0 {
		return
	}
	err := s.commit(live)
	if err == nil || len(live) == 1 {
		for _, o := range live {
			o.done <- err
		}
		return
	}
	s.stats.retries.Add(1)
	for _, o := range live {
		if err := o.ctx.Err(); err != nil {
			o.done <- err
			continue
		}
		o.done <- s.commit([]*op{o})
	}
}

// commit runs ops in one transaction, stores their events and commits, then
// hands the events to OnCommit. The first error of an op is returned as is.
func (s *Store) commit(ops []*op) (err error) {
	// Not any caller's context: one caller's cancel must not abort the others' writes.
	ctx := context.Background()
	sqlTx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlstore: begin: %w", err)
	}
	defer func() {
		if err != nil {
			sqlTx.Rollback() // its error says nothing the caller needs beyond err
		}
	}()
	b := &batch{d: s.d, q: txQuerier{tx: sqlTx, cache: s.stmts}}
	// First statement, always: on PostgreSQL its row lock orders this transaction
	// after every other writer's, and what they committed is visible from here on.
	if err := b.q.QueryRowContext(ctx, s.d.lockSeqSQL).Scan(&b.last); err != nil {
		return fmt.Errorf("sqlstore: read the event sequence: %w", err)
	}
	for _, o := range ops {
		if err := s.call(o, b); err != nil {
			return err
		}
	}
	if err := b.storeEvents(ctx); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("sqlstore: commit: %w", err)
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
	return o.fn(&tx{queries: queries{q: b.q}, b: b})
}
