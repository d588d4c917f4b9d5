package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
)

// liteTx is a querier on SQLite's write transaction, on the driver's
// connection (see liteConn). It ignores the callers' contexts (see noCancel).
type liteTx struct {
	conn driverConn // nil once the transaction has ended
	c    *liteConn
	// answers are the rows of every query, which end closes if their reader
	// did not, as database/sql closes a transaction's Rows: a statement whose
	// rows are open cannot run again.
	answers []*liteRows
}

var _ querier = (*liteTx)(nil)

func (t *liteTx) exec(_ context.Context, query string, args ...any) (int64, error) {
	st, named, err := t.prepare(query, args)
	if err != nil {
		return 0, err
	}
	var res driver.Result
	if st != nil {
		res, err = st.ExecContext(noCancel, named)
	} else {
		res, err = t.conn.ExecContext(noCancel, query, named)
	}
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (t *liteTx) query(_ context.Context, query string, args ...any) (rows, error) {
	st, named, err := t.prepare(query, args)
	if err != nil {
		return nil, err
	}
	var dr driver.Rows
	if st != nil {
		dr, err = st.QueryContext(noCancel, named)
	} else {
		dr, err = t.conn.QueryContext(noCancel, query, named)
	}
	if err != nil {
		return nil, err
	}
	r := newLiteRows(dr)
	t.answers = append(t.answers, r)
	return r, nil
}

func (t *liteTx) queryRow(ctx context.Context, query string, args ...any) scanner {
	r, err := t.query(ctx, query, args...)
	return firstRow{r: r, err: err}
}

// end closes what is still open; any statement after it fails, as on a *sql.Tx.
func (t *liteTx) end() {
	for _, r := range t.answers {
		r.Close()
	}
	t.conn, t.answers = nil, nil
}

// prepare returns query's cached statement (nil past the cache's bound: the
// connection then runs the query unprepared) and its arguments as the driver
// takes them.
func (t *liteTx) prepare(query string, args []any) (liteStmt, []driver.NamedValue, error) {
	if t.conn == nil {
		return nil, nil, sql.ErrTxDone
	}
	named, err := t.c.driverArgs(args)
	if err != nil {
		return nil, nil, err
	}
	st, err := t.c.stmts.get(t.conn, query)
	return st, named, err
}

// driverArgs converts args as database/sql does for a driver without a
// converter of its own (modernc has none), into the reused c.args.
func (c *liteConn) driverArgs(args []any) ([]driver.NamedValue, error) {
	c.args = c.args[:0]
	for i, a := range args {
		v, err := driver.DefaultParameterConverter.ConvertValue(a)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: converting argument $%d type: %w", i+1, err)
		}
		c.args = append(c.args, driver.NamedValue{Ordinal: i + 1, Value: v})
	}
	return c.args, nil
}
