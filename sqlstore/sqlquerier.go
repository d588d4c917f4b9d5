package sqlstore

import (
	"context"
	"database/sql"
)

// dbQuerier runs queries on a database/sql pool: the readers.
type dbQuerier struct{ db *sql.DB }

func (q dbQuerier) exec(ctx context.Context, query string, args ...any) (int64, error) {
	return rowsAffected(q.db.ExecContext(ctx, query, args...))
}

func (q dbQuerier) query(ctx context.Context, query string, args ...any) (rows, error) {
	return sqlRowsOf(q.db.QueryContext(ctx, query, args...))
}

func (q dbQuerier) queryRow(ctx context.Context, query string, args ...any) scanner {
	return q.db.QueryRowContext(ctx, query, args...)
}

func rowsAffected(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// sqlRows is *sql.Rows as rows.
type sqlRows struct{ *sql.Rows }

// Close drops the error of closing: what went wrong while reading is in Err.
func (r sqlRows) Close() { r.Rows.Close() }

func sqlRowsOf(r *sql.Rows, err error) (rows, error) {
	if err != nil {
		return nil, err
	}
	return sqlRows{r}, nil
}
