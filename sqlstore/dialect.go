package sqlstore

import (
	"errors"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pressly/goose/v3"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect holds the few things that differ between SQLite and PostgreSQL;
// every query is otherwise shared, with $n placeholders that both drivers take.
type dialect struct {
	name       string        // "sqlite" or "postgres", also the migrations folder
	driver     string        // database/sql driver name
	goose      goose.Dialect // for migrations
	lockSeqSQL string        // first statement of every write transaction
	uniqueErr  func(error) bool
	// manyArgs is the placeholder of the nth argument (from 1) in statements with
	// hundreds of them. SQLite looks each $n up in a list of the statement's names,
	// which makes $n quadratic there; plain ? is not named. PostgreSQL needs $n.
	manyArgs func(n int) string
}

// newDialect picks the dialect from the URL's scheme; anything that is not a
// PostgreSQL URL is a SQLite file.
func newDialect(url string) *dialect {
	if strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://") {
		return &dialect{
			name:   "postgres",
			driver: "pgx",
			goose:  goose.DialectPostgres,
			// The row lock serializes the writers of every process sharing the
			// database, so event ids are handed out in commit order without gaps.
			lockSeqSQL: "SELECT last_id FROM event_seq WHERE id = 1 FOR UPDATE",
			uniqueErr:  isPostgresUnique,
			manyArgs:   func(n int) string { return "$" + strconv.Itoa(n) },
		}
	}
	return &dialect{
		name:   "sqlite",
		driver: "sqlite",
		goose:  goose.DialectSQLite3,
		// BEGIN IMMEDIATE (_txlock) already holds the database's one write lock.
		lockSeqSQL: "SELECT last_id FROM event_seq WHERE id = 1",
		uniqueErr:  isSQLiteUnique,
		manyArgs:   func(int) string { return "?" },
	}
}

func isPostgresUnique(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505"
}

func isSQLiteUnique(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

func (d *dialect) isPostgres() bool { return d.name == "postgres" }

func (d *dialect) isUniqueViolation(err error) bool { return err != nil && d.uniqueErr(err) }
