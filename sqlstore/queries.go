package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// querier is what the reader pool and a write transaction share, so that every
// query is written once and serves both. It is implemented over database/sql
// (the readers), over SQLite's driver connection (SQLite's writer, see
// liteConn) and over a native pgx connection (PostgreSQL's writer, which
// pipelines its statements).
type querier interface {
	// exec runs a statement and returns how many rows it changed.
	exec(ctx context.Context, query string, args ...any) (int64, error)
	query(ctx context.Context, query string, args ...any) (rows, error)
	// queryRow runs a query whose first row is wanted; Scan reports
	// sql.ErrNoRows when there is none.
	queryRow(ctx context.Context, query string, args ...any) scanner
}

// rows is an answer being read row by row; Close must be called.
type rows interface {
	scanner
	Next() bool
	Err() error
	Close()
}

// queries implements parley.Reader over a querier.
type queries struct {
	q querier
	// secrets seals and opens the secrets column of channels.
	secrets *sealer
}

// scanner is one row, or rows at the current one.
type scanner interface{ Scan(dest ...any) error }

// one reads the single row of query; NotFound for what when there is none.
func one[T any](ctx context.Context, q querier, what string, scan func(scanner) (T, error), query string, args ...any) (T, error) {
	v, err := scan(q.queryRow(ctx, query, args...))
	if err != nil {
		return v, readErr(what, err)
	}
	return v, nil
}

// list reads every row of query, never returning a nil slice.
func list[T any](ctx context.Context, q querier, what string, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list %s: %w", what, err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: scan %s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlstore: list %s: %w", what, err)
	}
	return out, nil
}

func scanInt64(s scanner) (int64, error) {
	var v int64
	err := s.Scan(&v)
	return v, err
}

// where collects the conditions and numbered arguments of a query built at run time.
type where struct {
	conds []string
	args  []any
}

// arg adds v to the arguments and returns its placeholder.
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

// add appends a condition.
func (w *where) add(cond string) { w.conds = append(w.conds, cond) }

// sql returns " WHERE …" or "" when there is no condition.
func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// in returns "(…)" with a placeholder per value; vs must not be empty.
func in[T any](w *where, vs []T) string {
	ph := make([]string, len(vs))
	for i, v := range vs {
		ph[i] = w.arg(v)
	}
	return "(" + strings.Join(ph, ", ") + ")"
}

// clamp returns n, or def when n is not positive, at most max.
func clamp(n, def, max int) int {
	if n <= 0 {
		return def
	}
	return min(n, max)
}
