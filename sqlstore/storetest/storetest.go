// Package storetest gives tests of every package real databases: a SQLite file
// always, and a fresh PostgreSQL schema when PARLEY_TEST_POSTGRES is set.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"parley"
	"parley/sqlstore"
)

// PostgresEnv names the variable holding a PostgreSQL URL for tests.
const PostgresEnv = "PARLEY_TEST_POSTGRES"

// Database is one database to run a test against.
type Database struct {
	Name string // "sqlite" or "postgres", for t.Run
	URL  string // for sqlstore.Migrate and sqlstore.Open
}

// Databases returns an empty SQLite file and, when PARLEY_TEST_POSTGRES is set,
// an empty PostgreSQL schema of its own; both are removed when t ends.
// Neither is migrated.
func Databases(t testing.TB) []Database {
	t.Helper()
	dbs := []Database{{Name: "sqlite", URL: filepath.Join(t.TempDir(), "parley.db")}}
	if base := os.Getenv(PostgresEnv); base != "" {
		dbs = append(dbs, Database{Name: "postgres", URL: postgresSchema(t, base)})
	}
	return dbs
}

// postgresSchema creates a schema with a random name and returns base with that
// schema as its search_path. It fails t when the database cannot be reached,
// so that a CI that asked for PostgreSQL never passes without it.
func postgresSchema(t testing.TB, base string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	ctx := context.Background()
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	t.Cleanup(func() { db.Close() })
	schema := "parley_test_" + randomHex(t)
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("%s: create schema: %v", PostgresEnv, err)
	}
	t.Cleanup(func() {
		if _, err := db.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema) // pgx sends unknown parameters as run-time parameters
	u.RawQuery = q.Encode()
	return u.String()
}

func randomHex(t testing.TB) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// Open migrates db, opens a store on it that hands committed events to
// onCommit (which may be nil), and closes the store when t ends.
func Open(t testing.TB, db Database, onCommit func([]parley.Event)) *sqlstore.Store {
	t.Helper()
	ctx := context.Background()
	if err := sqlstore.Migrate(ctx, db.URL); err != nil {
		t.Fatalf("migrate %s: %v", db.Name, err)
	}
	s, err := sqlstore.Open(ctx, sqlstore.Options{URL: db.URL, OnCommit: onCommit})
	if err != nil {
		t.Fatalf("open %s: %v", db.Name, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close %s: %v", db.Name, err)
		}
	})
	return s
}
