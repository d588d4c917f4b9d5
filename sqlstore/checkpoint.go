package sqlstore

import (
	"context"
	"database/sql"
	"time"
)

// checkpointEvery is how often the checkpointer copies the WAL into the database
// file. SQLite's own automatic checkpoint runs inside the commit that crosses
// its threshold, on the writer: every write queued behind that commit then waits
// for thousands of pages to be copied and the database file to be synced, which
// is what a latency percentile sees. Here the writer never checkpoints
// (wal_autocheckpoint(0)) and a connection of its own does it, PASSIVE, which
// never blocks the writer or the readers.
const checkpointEvery = 250 * time.Millisecond

// checkpointer runs PASSIVE checkpoints on its own connection until stop is closed.
type checkpointer struct {
	db   *sql.DB
	stop chan struct{}
	done chan struct{}
}

func startCheckpointer(ctx context.Context, d *dialect, dsn string, s *Store) (*checkpointer, error) {
	db, err := openPool(ctx, d, dsn, 1)
	if err != nil {
		return nil, err
	}
	c := &checkpointer{db: db, stop: make(chan struct{}), done: make(chan struct{})}
	go c.run(s)
	return c, nil
}

func (c *checkpointer) run(s *Store) {
	defer close(c.done)
	tick := time.NewTicker(checkpointEvery)
	defer tick.Stop()
	for {
		select {
		case <-c.stop:
			c.checkpoint(s) // leave the WAL short for the next start
			return
		case <-tick.C:
			c.checkpoint(s)
		}
	}
}

func (c *checkpointer) checkpoint(s *Store) {
	var busy, logFrames, copied int
	err := c.db.QueryRowContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &logFrames, &copied)
	if err != nil {
		s.log.Warn("sqlstore: checkpoint", "err", err)
	}
}

// close stops the checkpointer after a last checkpoint; call it once the writer has stopped.
func (c *checkpointer) close() error {
	close(c.stop)
	<-c.done
	return c.db.Close()
}
