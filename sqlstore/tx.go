package sqlstore

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"parley"
)

// batch is the state shared by the writes of one transaction.
type batch struct {
	d      *dialect
	q      txQuerier
	last   int64          // the last event id handed out
	events []parley.Event // emitted by every write of the batch, in id order
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

// txQuerier runs statements in the batch's transaction without the caller's
// cancellation: the transaction is shared, and an interrupted statement (which
// on SQLite can roll back the whole transaction) would hurt every write in it.
type txQuerier struct {
	tx    *sql.Tx
	cache *stmtCache // nil on PostgreSQL
}

// ExecContext runs a statement that returns no rows.
func (q txQuerier) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	ctx = context.WithoutCancel(ctx)
	if st := q.cache.get(query); st != nil {
		return q.tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return q.tx.ExecContext(ctx, query, args...)
}

// QueryContext runs a query.
func (q txQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	ctx = context.WithoutCancel(ctx)
	if st := q.cache.get(query); st != nil {
		return q.tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	}
	return q.tx.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a query that returns at most one row.
func (q txQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	ctx = context.WithoutCancel(ctx)
	if st := q.cache.get(query); st != nil {
		return q.tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return q.tx.QueryRowContext(ctx, query, args...)
}
