package sqlstore

import (
	"context"
	"slices"
	"time"

	"parley"
)

// batch is the state shared by the writes of one transaction.
type batch struct {
	d *dialect
	q querier
	// pipe is PostgreSQL's connection, which holds statements back to send them
	// with the next one that needs a round trip; nil on SQLite.
	pipe *pipeline
	// deferWrites queues in pipe the hot writes whose outcome nobody needs at
	// once (AddMessage, SaveChat, AddDecline, UpdateAgent). It is off when a write
	// runs again alone after its batch failed, so that it then meets its errors
	// where it makes them (core reads the first delivery after a Conflict).
	deferWrites bool
	// undo puts back, when the batch fails, what deferred writes changed in
	// their callers' values as if they had succeeded (m.ID, c.Version), so that
	// each write runs again from what it was given.
	undo []func()
	// op is the index in the batch of the write running, -1 for the writer's
	// own statements; a deferred statement that fails names its write by it.
	op  int
	ids *idBlock // PostgreSQL's message ids; nil on SQLite, which assigns them
	// openChats holds what the batch read ahead for OpenChat; nil when it read nothing.
	openChats openChats
	last      int64          // the last event id handed out
	events    []parley.Event // emitted by every write of the batch, in id order
}

// tx is what one write's fn sees: the batch's transaction and its own events.
type tx struct {
	queries
	b      *batch
	events []parley.Event
}

var _ parley.Tx = (*tx)(nil)

// Emit gives e the next event id and stores it when the transaction commits.
func (t *tx) Emit(e parley.Event) parley.Event {
	t.b.last++
	e.ID = t.b.last
	if e.At.IsZero() {
		e.At = time.Now().UTC().Truncate(time.Microsecond)
	}
	t.b.events = append(t.b.events, e)
	t.events = append(t.events, e)
	return e
}

// Emitted returns the events this write emitted so far (not those of other
// writes sharing its transaction).
func (t *tx) Emitted() []parley.Event { return slices.Clone(t.events) }

// change runs a write whose outcome is all its caller learns from it, judged
// by check from the rows it changed. When the batch defers writes, it is queued
// instead and judged once sent; a failure then fails the whole batch, and the
// writer runs each write again alone, with nothing deferred, so that the failing
// one gets check's error at once. mustChange marks a write that fails when it
// changes no row (check then sees n == 0 either way).
func (t *tx) change(ctx context.Context, mustChange bool, check func(n int64, err error) error, query string, args ...any) error {
	if t.b.deferWrites {
		t.b.pipe.later(t.b.op, mustChange, check, query, args...)
		return nil
	}
	return check(t.q.exec(ctx, query, args...))
}

// withCommit runs one of the writer's own statements, whose outcome matters to
// the commit alone: on PostgreSQL it goes in the pipeline with COMMIT, and a
// failure fails the commit.
func (b *batch) withCommit(ctx context.Context, check func(n int64, err error) error, query string, args ...any) error {
	if b.pipe != nil {
		b.pipe.later(-1, false, check, query, args...)
		return nil
	}
	return check(b.q.exec(ctx, query, args...))
}
