package sqlstore

import (
	"database/sql"
	"errors"
	"fmt"

	"parley"
)

// ErrClosed is returned by Write after Close.
var ErrClosed = errors.New("sqlstore: store is closed")

// readErr turns "no rows" into a NotFound error for what, and wraps anything else.
func readErr(what string, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return parley.NotFound(what)
	}
	return fmt.Errorf("sqlstore: read %s: %w", what, err)
}

// affected reports NotFound for what when an update or delete changed no row (n).
func affected(what string, n int64) error {
	if n == 0 {
		return parley.NotFound(what)
	}
	return nil
}

// writeErr turns a unique violation into a Conflict with the given message, and
// wraps anything else with what was being done.
func writeErr(d *dialect, doing string, err error, conflict string, args ...any) error {
	if d.isUniqueViolation(err) {
		e := parley.Errorf(parley.CodeConflict, conflict, args...)
		e.Err = err
		return e
	}
	return fmt.Errorf("sqlstore: %s: %w", doing, err)
}

// insertErr reports an INSERT … ON CONFLICT DO NOTHING RETURNING that returned
// no row as a Conflict, and wraps any other error.
func insertErr(err error, doing, conflict string, args ...any) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		return parley.Errorf(parley.CodeConflict, conflict, args...)
	default:
		return fmt.Errorf("sqlstore: %s: %w", doing, err)
	}
}

// failure returns a check for a statement whose only possible failure is an
// error, wrapping it with what was being done.
func failure(doing string) func(n int64, err error) error {
	return func(_ int64, err error) error {
		if err != nil {
			return fmt.Errorf("sqlstore: %s: %w", doing, err)
		}
		return nil
	}
}
