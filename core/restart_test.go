package core_test

import (
	"io"
	"log/slog"

	"golang.org/x/crypto/bcrypt"

	"parley"
	"parley/core"
	"parley/sqlstore/storetest"
)

// node opens another store and service on the env's database, as a second node
// or a restarted server would, with the same clock.
func (e *env) node() (*core.Service, parley.Store) {
	e.t.Helper()
	store := storetest.Open(e.t, e.db, nil)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc, err := core.New(e.ctx, store, e.bus, e.clock, log, core.Config{BcryptCost: bcrypt.MinCost})
	e.must(err)
	return svc, store
}

// restart stops the env's store and carries on with a new one on the same database.
func (e *env) restart() {
	e.t.Helper()
	e.must(e.store.Close())
	e.svc, e.store = e.node()
}
