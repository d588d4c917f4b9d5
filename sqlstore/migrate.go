package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"hash/fnv"
	"io/fs"

	"github.com/pressly/goose/v3"
)

//go:embed migrations
var migrations embed.FS

// Migrate brings the database at url to the newest schema. On PostgreSQL it
// holds an advisory lock meanwhile, so that nodes starting together take turns.
func Migrate(ctx context.Context, url string) error {
	d := newDialect(url)
	dsn := url
	if !d.isPostgres() {
		var err error
		if dsn, _, err = sqliteDSNs(url); err != nil {
			return err
		}
	}
	db, err := sql.Open(d.driver, dsn)
	if err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	defer db.Close()
	fsys, err := fs.Sub(migrations, "migrations/"+d.name)
	if err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	var opts []goose.ProviderOption
	if d.isPostgres() {
		locker, err := schemaLocker(ctx, db)
		if err != nil {
			return err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(d.goose, db, fsys, opts...)
	if err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	return nil
}

// advisoryLocker is goose's session lock as a blocking pg_advisory_lock. goose's
// own locker polls every few seconds, which would make schemas migrated side
// by side (as in tests) wait for nothing.
type advisoryLocker struct{ id int64 }

// schemaLocker locks per schema: nodes sharing a schema exclude each other,
// separate schemas in one database do not.
func schemaLocker(ctx context.Context, db *sql.DB) (advisoryLocker, error) {
	var schema string
	if err := db.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return advisoryLocker{}, fmt.Errorf("sqlstore: migrate: current schema: %w", err)
	}
	h := fnv.New64a()
	h.Write([]byte("parley migrations " + schema))
	return advisoryLocker{id: int64(h.Sum64())}, nil
}

// SessionLock waits for the lock.
func (l advisoryLocker) SessionLock(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", l.id); err != nil {
		return fmt.Errorf("sqlstore: migrate: lock: %w", err)
	}
	return nil
}

// SessionUnlock releases the lock.
func (l advisoryLocker) SessionUnlock(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_unlock($1)", l.id); err != nil {
		return fmt.Errorf("sqlstore: migrate: unlock: %w", err)
	}
	return nil
}
