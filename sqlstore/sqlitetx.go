package sqlstore

import (
	"context"
	"fmt"
)

// commitSQLite runs one write transaction on SQLite's writer connection, whose
// statements run in process: there is no round trip to save.
func (s *Store) commitSQLite(ctx context.Context, run func(*batch) error) (b *batch, err error) {
	sqlTx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: begin: %w", err)
	}
	defer func() {
		if err != nil {
			sqlTx.Rollback() // its error says nothing the caller needs beyond err
		}
	}()
	b = &batch{d: s.d, q: sqlTxQuerier{tx: sqlTx, cache: s.stmts}}
	if err := run(b); err != nil {
		return nil, err
	}
	if err := sqlTx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlstore: commit: %w", err)
	}
	return b, nil
}
