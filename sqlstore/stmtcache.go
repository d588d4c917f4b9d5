package sqlstore

import (
	"context"
	"database/sql"
	"errors"
)

// maxCachedStmts bounds the cache; statements built at run time (IN lists) may
// be many, and past the bound they simply run unprepared.
const maxCachedStmts = 200

// stmtCache keeps the writer's statements prepared on its one connection. The
// SQLite driver parses every statement it is given anew, which took a third of
// the writer's time; pgx caches prepared statements itself, so PostgreSQL has
// no cache here. Only the writer goroutine uses it.
type stmtCache struct {
	db     *sql.DB
	stmts  map[string]*sql.Stmt
	missed map[string]bool // run unprepared, to prepare after the transaction
}

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, stmts: map[string]*sql.Stmt{}, missed: map[string]bool{}}
}

// get returns the prepared statement for query, or nil (also on a nil cache).
func (c *stmtCache) get(query string) *sql.Stmt {
	if c == nil {
		return nil
	}
	st := c.stmts[query]
	if st == nil && len(c.stmts)+len(c.missed) < maxCachedStmts {
		c.missed[query] = true
	}
	return st
}

// prepareMissed prepares the statements that ran unprepared. It runs between
// transactions: the writer pool's one connection is busy during them.
func (c *stmtCache) prepareMissed(ctx context.Context) error {
	if c == nil {
		return nil
	}
	var errs []error
	for query := range c.missed {
		delete(c.missed, query)
		st, err := c.db.PrepareContext(ctx, query)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c.stmts[query] = st
	}
	return errors.Join(errs...)
}

func (c *stmtCache) close() {
	if c == nil {
		return
	}
	for _, st := range c.stmts {
		st.Close()
	}
}
