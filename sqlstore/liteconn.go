package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
)

// liteConn is SQLite's writer connection, on which the writer runs its
// transactions through the driver itself rather than through database/sql.
// database/sql's work around each statement (Tx.StmtContext, its locks,
// argument conversion, Rows and convertAssign, a goroutine per transaction)
// took about half of each statement's CPU in the one writer goroutine, which
// bounds SQLite's throughput. Without it, core's BenchmarkVisitorSend went
// from ~13,500 to ~16,000 messages/s, and the server's CPU per message at
// saturation from 172 to 162 µs (BENCHMARKS.md).
//
// The connection is held for the store's life, so that the prepared statements
// stay on it; each transaction reaches the driver's connection inside
// sql.Conn.Raw. Only the writer goroutine uses it.
type liteConn struct {
	sqlConn *sql.Conn
	stmts   stmtCache
	// args is reused by every statement, which binds its arguments at once.
	args []driver.NamedValue
}

// driverConn is what the writer needs of modernc's connection.
type driverConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
}

// noCancel is the context of every statement on the writer: the transaction
// is shared, and an interrupted statement (which on SQLite can roll back the
// whole transaction) would hurt every write in it. Its Done is nil, so the
// driver does not watch it either.
var noCancel = context.Background()

// openLiteConn takes the writer pool's one connection for good.
func openLiteConn(ctx context.Context, writer *sql.DB) (*liteConn, error) {
	conn, err := writer.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: writer connection: %w", err)
	}
	err = conn.Raw(func(dc any) error {
		if _, ok := dc.(driverConn); !ok {
			return fmt.Errorf("sqlstore: the SQLite driver's connection %T lacks a method the writer needs", dc)
		}
		return nil
	})
	if err != nil {
		conn.Close()
		return nil, err
	}
	return &liteConn{sqlConn: conn, stmts: stmtCache{}}, nil
}

// transact runs fn in a transaction, begun IMMEDIATE (the pool's DSN sets
// _txlock), and commits it unless fn fails; then it rolls back.
func (c *liteConn) transact(fn func(querier) error) error {
	var err error
	rawErr := c.sqlConn.Raw(func(dc any) error {
		err = c.transactOn(dc.(driverConn), fn)
		return nil // not err: database/sql would discard the connection for some
	})
	if rawErr != nil {
		return fmt.Errorf("sqlstore: writer connection: %w", rawErr)
	}
	return err
}

func (c *liteConn) transactOn(conn driverConn, fn func(querier) error) error {
	dtx, err := conn.BeginTx(noCancel, driver.TxOptions{})
	if err != nil {
		return fmt.Errorf("sqlstore: begin: %w", err)
	}
	t := &liteTx{conn: conn, c: c}
	err = fn(t)
	t.end()
	if err != nil {
		dtx.Rollback() // its error says nothing the caller needs beyond err
		return err
	}
	if err := dtx.Commit(); err != nil {
		return fmt.Errorf("sqlstore: commit: %w", err)
	}
	return nil
}

// close closes the prepared statements and gives the connection back to the
// pool, which closes it with the pool. c may be nil (PostgreSQL).
func (c *liteConn) close() {
	if c == nil {
		return
	}
	c.sqlConn.Raw(func(any) error {
		c.stmts.close()
		return nil
	})
	c.sqlConn.Close()
}
