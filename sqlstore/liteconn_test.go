package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
)

// openTestLiteConn returns a writer connection on a new SQLite file with a
// table t (k unique).
func openTestLiteConn(t *testing.T) *liteConn {
	t.Helper()
	writerDSN, _, err := sqliteDSNs(filepath.Join(t.TempDir(), "lite.db"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := openPool(context.Background(), newDialect(writerDSN), writerDSN, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	c, err := openLiteConn(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.close()
		db.Close()
	})
	return c
}

func transactOK(t *testing.T, c *liteConn, fn func(q querier) error) {
	t.Helper()
	if err := c.transact(fn); err != nil {
		t.Fatal(err)
	}
}

// The driver's errors reach the store as database/sql gave them: a unique
// violation for Conflict, sql.ErrNoRows for NotFound; a failed fn rolls back.
func TestLiteConnReportsErrorsAsDatabaseSQL(t *testing.T) {
	c := openTestLiteConn(t)
	ctx := context.Background()
	transactOK(t, c, func(q querier) error {
		_, err := q.exec(ctx, "INSERT INTO t (k) VALUES ($1)", "a")
		return err
	})
	failed := errors.New("fn failed")
	err := c.transact(func(q querier) error {
		if _, err := q.exec(ctx, "INSERT INTO t (k) VALUES ($1)", "b"); err != nil {
			return err
		}
		if _, err := q.exec(ctx, "INSERT INTO t (k) VALUES ($1)", "a"); !isSQLiteUnique(err) {
			t.Errorf("duplicate insert: %v, want a unique violation", err)
		}
		var id int64
		if err := q.queryRow(ctx, "SELECT id FROM t WHERE k = $1", "none").Scan(&id); !errors.Is(err, sql.ErrNoRows) {
			t.Errorf("no row: %v, want sql.ErrNoRows", err)
		}
		return failed
	})
	if err != failed {
		t.Fatalf("transact: %v, want fn's error", err)
	}
	transactOK(t, c, func(q querier) error {
		var n int
		if err := q.queryRow(ctx, "SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 1 {
			t.Errorf("rows after the rollback: %d, %v; want 1", n, err)
		}
		return nil
	})
}

// Rows left open when a transaction ends are closed with it, so that their
// prepared statement runs afresh in the next one rather than going on.
func TestLiteConnClosesRowsLeftOpen(t *testing.T) {
	c := openTestLiteConn(t)
	ctx := context.Background()
	transactOK(t, c, func(q querier) error {
		_, err := q.exec(ctx, "INSERT INTO t (k) VALUES ($1), ($2)", "a", "b")
		return err
	})
	for range 2 {
		transactOK(t, c, func(q querier) error {
			r, err := q.query(ctx, "SELECT k FROM t ORDER BY k")
			if err != nil {
				return err
			}
			var k string
			if !r.Next() {
				return fmt.Errorf("no row: %v", r.Err())
			}
			if err := r.Scan(&k); err != nil || k != "a" {
				t.Errorf("first row: %q, %v; want a", k, err)
			}
			return nil // and r is not closed
		})
	}
}
