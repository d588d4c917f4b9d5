package sqlstore_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"parley"
	"parley/sqlstore/storetest"
)

// A transaction kept past its commit runs nothing on SQLite's writer
// connection, which is by then another transaction's or none's.
func TestSQLiteTxKeptPastItsCommitFails(t *testing.T) {
	db := storetest.Databases(t)[0] // SQLite
	s := storetest.Open(t, db, nil)
	ctx := context.Background()
	var kept parley.Tx
	write(t, s, func(tx parley.Tx) error {
		kept = tx
		_, err := tx.CountAgents(ctx)
		return err
	})
	if _, err := kept.CountAgents(ctx); !errors.Is(err, sql.ErrTxDone) {
		t.Fatalf("CountAgents after the commit: %v, want sql.ErrTxDone", err)
	}
}
