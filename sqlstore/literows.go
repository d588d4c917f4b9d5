package sqlstore

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
)

// liteRows is the driver's answer to a query on the writer as rows: Scan
// converts the driver's values as database/sql would (see assign).
type liteRows struct {
	dr     driver.Rows
	values []driver.Value // the current row
	ok     bool           // a row is current
	closed bool
	err    error
}

func newLiteRows(dr driver.Rows) *liteRows {
	return &liteRows{dr: dr, values: make([]driver.Value, len(dr.Columns()))}
}

// Next moves to the next row, and closes the rows after the last one.
func (r *liteRows) Next() bool {
	r.ok = false
	if r.closed {
		return false
	}
	if err := r.dr.Next(r.values); err != nil {
		if err != io.EOF {
			r.err = err
		}
		r.Close()
		return false
	}
	r.ok = true
	return true
}

func (r *liteRows) Scan(dest ...any) error {
	if !r.ok {
		return errors.New("sqlstore: Scan without a current row")
	}
	if len(dest) != len(r.values) {
		return fmt.Errorf("sqlstore: %d destinations for %d columns", len(dest), len(r.values))
	}
	for i, v := range r.values {
		if err := assign(dest[i], v); err != nil {
			return fmt.Errorf("sqlstore: column %d (%s): %w", i, r.dr.Columns()[i], err)
		}
	}
	return nil
}

// Err reports what went wrong while reading, or closing: a row's Scan
// (firstRow) reports an error of closing, as *sql.Row does.
func (r *liteRows) Err() error { return r.err }

// Close resets the statement for its next use; it may be called again.
func (r *liteRows) Close() {
	if r.closed {
		return
	}
	r.closed, r.ok = true, false
	if err := r.dr.Close(); err != nil && r.err == nil {
		r.err = err
	}
}
