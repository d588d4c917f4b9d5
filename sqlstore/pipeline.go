package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// pipeline runs PostgreSQL's write transaction on the writer's native pgx
// connection. Statements queued with later wait until a statement that needs an
// answer (a read, or a write whose result its caller needs) or the commit, and
// are then sent with it in one pipeline: one round trip for all of them. Every
// transaction holds the event_seq row lock from its first statement, so writes
// run one after another, and their round trips, more than the database's work,
// bound the writer's throughput. Only the writer goroutine uses a pipeline.
type pipeline struct {
	conn   *pgx.Conn
	queued []queuedStmt
	// failed is the first failure of a queued statement. Its caller was told
	// that all went well, so the transaction must not commit; every statement
	// after it fails with a queuedWriteError, and so does the transaction.
	failed     error
	failedOp   int           // the write that queued it (see queuedStmt.op)
	roundTrips *atomic.Int64 // the store's count
}

// queuedStmt is a statement held back, with what judges its outcome once sent.
type queuedStmt struct {
	sql        string
	args       []any
	mustChange bool
	check      func(n int64, err error) error
	op         int // the index in the batch of the write that queued it; -1 for the writer's own
}

// queuedWriteError is what the statements after a failed queued one return,
// and what their transaction ends with; the writer then runs the failed write
// again alone, with nothing queued, so that it gets its own error. It does not
// unwrap to its cause on purpose: the write that sees it is not the one that
// failed, and must not take, say, that one's Conflict for its own.
type queuedWriteError struct {
	cause error
	op    int // the index in the batch of the write that failed; -1 for the writer's own statement
}

func (e *queuedWriteError) Error() string {
	return "sqlstore: a statement queued in this transaction failed: " + e.cause.Error()
}

// changeGuard makes query fail on the server when it changes no row. COMMIT goes
// in the same pipeline as the last queued writes, before their outcomes are
// known here, so there a stale SaveChat or a message insert that conflicted must
// abort the transaction itself: after a failed statement PostgreSQL skips the
// rest of the pipeline, COMMIT included. Division by zero is the one error plain
// SQL can raise on a condition. Queued writes sent before a read need no guard
// (it costs the server a fifth of a message's work): their outcomes are judged
// here before anything commits.
func changeGuard(query string) string {
	return "WITH changed AS (" + query + " RETURNING 1) SELECT 1 / COUNT(*) FROM changed"
}

func isDivisionByZero(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "22012"
}

// later queues query for the write op; check judges its outcome (rows changed, error) when it
// has been sent, and a failure fails the transaction. mustChange marks a
// statement for which changing no row is a failure, even when it goes with
// COMMIT (see changeGuard); check sees n == 0 either way.
func (p *pipeline) later(op int, mustChange bool, check func(n int64, err error) error, query string, args ...any) {
	p.queued = append(p.queued, queuedStmt{sql: query, args: args, mustChange: mustChange, check: check, op: op})
}

// outcome passes a queued statement's result to its check.
func (q queuedStmt) outcome(tag pgconn.CommandTag, err error) error {
	if q.mustChange && isDivisionByZero(err) {
		return q.check(0, nil) // its guard
	}
	return q.check(tag.RowsAffected(), err)
}

// The statements run without the caller's cancellation: the transaction is
// shared, and pgx answers a cancellation by closing the connection.

func (p *pipeline) exec(ctx context.Context, query string, args ...any) (int64, error) {
	ctx = context.WithoutCancel(ctx)
	if err := p.lost(); err != nil {
		return 0, err
	}
	if len(p.queued) == 0 {
		p.roundTrips.Add(1)
		tag, err := p.conn.Exec(ctx, query, args...)
		return tag.RowsAffected(), err
	}
	br, err := p.send(ctx, query, args, false)
	if err != nil {
		return 0, err
	}
	tag, err := br.Exec()
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	return tag.RowsAffected(), err
}

func (p *pipeline) query(ctx context.Context, query string, args ...any) (rows, error) {
	ctx = context.WithoutCancel(ctx)
	if err := p.lost(); err != nil {
		return nil, err
	}
	if len(p.queued) == 0 {
		p.roundTrips.Add(1)
		return p.conn.Query(ctx, query, args...)
	}
	br, err := p.send(ctx, query, args, false)
	if err != nil {
		return nil, err
	}
	r, err := br.Query()
	if err != nil {
		br.Close() // reports err again
		return nil, err
	}
	return batchRows{Rows: r, br: br}, nil
}

func (p *pipeline) queryRow(ctx context.Context, query string, args ...any) scanner {
	r, err := p.query(ctx, query, args...)
	return firstRow{r: r, err: err}
}

// commit sends what is queued and COMMIT in one pipeline.
func (p *pipeline) commit(ctx context.Context) error {
	if err := p.lost(); err != nil {
		return err
	}
	br, err := p.send(ctx, "commit", nil, true)
	if err != nil {
		return err
	}
	tag, err := br.Exec()
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sqlstore: commit: %w", err)
	}
	if tag.String() != "COMMIT" {
		// A statement failed whose error its write did not return; PostgreSQL
		// answers COMMIT of a failed transaction with ROLLBACK.
		return fmt.Errorf("sqlstore: commit: %w", pgx.ErrTxCommitRollback)
	}
	return nil
}

// rollback ends a transaction that failed, if it had begun. A connection left
// in doubt is closed, which makes database/sql drop it.
func (p *pipeline) rollback(ctx context.Context) {
	p.queued = nil
	if p.conn.PgConn().TxStatus() == 'I' {
		return // BEGIN was never sent, or it failed
	}
	p.roundTrips.Add(1)
	if _, err := p.conn.Exec(ctx, "rollback"); err != nil {
		p.conn.Close(ctx)
	}
}

// lost is the error of every statement after a queued one failed.
func (p *pipeline) lost() error {
	if p.failed == nil {
		return nil
	}
	return &queuedWriteError{cause: p.failed, op: p.failedOp}
}

// send sends the queued statements and then query in one pipeline and judges
// the queued ones' outcomes. The caller reads query's answer from the results
// and closes them. committing says that query is COMMIT.
func (p *pipeline) send(ctx context.Context, query string, args []any, committing bool) (pgx.BatchResults, error) {
	b := &pgx.Batch{QueuedQueries: make([]*pgx.QueuedQuery, 0, len(p.queued)+1)}
	for _, q := range p.queued {
		if q.mustChange && committing {
			b.Queue(changeGuard(q.sql), q.args...)
		} else {
			b.Queue(q.sql, q.args...)
		}
	}
	b.Queue(query, args...)
	queued := p.queued
	p.queued = nil
	p.roundTrips.Add(1)
	br := p.conn.SendBatch(ctx, b)
	for _, q := range queued {
		if err := q.outcome(br.Exec()); err != nil {
			p.failed, p.failedOp = err, q.op
			br.Close() // what it says is in err or follows from it
			return nil, p.lost()
		}
	}
	return br, nil
}

// batchRows are the rows of a pipeline's last statement; closing them reads the
// end of the pipeline, which the connection needs before its next statement.
type batchRows struct {
	pgx.Rows
	br pgx.BatchResults
}

// Close closes the rows and the pipeline. An error of the pipeline here is the
// rows' own, which is in Err, or a broken connection, which pgx has closed and
// the next statement reports.
func (r batchRows) Close() {
	r.Rows.Close()
	r.br.Close()
}

// firstRow is the first row of a query's answer, as *sql.Row is.
type firstRow struct {
	r   rows
	err error
}

func (f firstRow) Scan(dest ...any) error {
	if f.err != nil {
		return f.err
	}
	err := sql.ErrNoRows
	if f.r.Next() {
		err = f.r.Scan(dest...)
	}
	f.r.Close()
	if rerr := f.r.Err(); rerr != nil {
		return rerr
	}
	return err
}
