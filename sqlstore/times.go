package sqlstore

import (
	"database/sql"
	"parley"
	"time"
)

// Times are stored as Unix microseconds so that one integer column type and one
// scanning path serve both databases; the zero time is stored as 0.

func micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

func fromMicros(us int64) time.Time {
	if us == 0 {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

// nullMicros stores a nil *time.Time as NULL.
func nullMicros(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UnixMicro()
}

func fromNullMicros(us sql.NullInt64) *time.Time {
	if !us.Valid {
		return nil
	}
	t := time.UnixMicro(us.Int64).UTC()
	return &t
}

// nullID stores an absent reference (0 in Go) as NULL, so that foreign keys hold.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullInt reads a nullable integer.
func nullInt(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	v := int(n.Int64)
	return &v
}

// nullIntArg stores a nil *int as NULL.
func nullIntArg(n *int) any {
	if n == nil {
		return nil
	}
	return int64(*n)
}

// nullSeconds stores a nil *parley.Seconds as NULL.
func nullSeconds(s *parley.Seconds) any {
	if s == nil {
		return nil
	}
	return int64(*s)
}
