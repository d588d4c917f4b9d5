package sqlstore

import (
	"database/sql/driver"
	"fmt"
)

// maxCachedStmts bounds the cache; statements built at run time (IN lists) may
// be many, and past the bound they simply run unprepared.
const maxCachedStmts = 200

// liteStmt is what the writer needs of a statement modernc prepared.
type liteStmt interface {
	driver.Stmt
	driver.StmtExecContext
	driver.StmtQueryContext
}

// stmtCache keeps the writer's statements prepared on its one connection, by
// query. The SQLite driver parses every statement it is given anew, which took
// a third of the writer's time; pgx caches prepared statements itself, so
// PostgreSQL has no cache here. Only the writer goroutine uses it.
type stmtCache map[string]liteStmt

// get returns query prepared on conn, preparing it on first use, or nil when
// the cache is full. On the driver's connection a statement can be prepared
// in the middle of a transaction.
func (c stmtCache) get(conn driverConn, query string) (liteStmt, error) {
	if st, ok := c[query]; ok {
		return st, nil
	}
	if len(c) >= maxCachedStmts {
		return nil, nil
	}
	ds, err := conn.PrepareContext(noCancel, query)
	if err != nil {
		return nil, err
	}
	st, ok := ds.(liteStmt)
	if !ok {
		ds.Close()
		return nil, fmt.Errorf("sqlstore: the driver's statement %T takes no context", ds)
	}
	c[query] = st
	return st, nil
}

func (c stmtCache) close() {
	for query, st := range c {
		st.Close()
		delete(c, query)
	}
}
