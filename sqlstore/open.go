// Package sqlstore implements parley.Store on SQLite (modernc) and PostgreSQL
// (pgx) with hand-written SQL shared by both. Writes go through one goroutine
// that commits queued writes together (group commit); reads use a separate pool.
// List methods return empty, non-nil slices when nothing matches.
//
// Inserts that may hit a unique constraint use ON CONFLICT DO NOTHING and report
// Conflict without failing a statement, so that fn may go on using the
// transaction. Any other error from a statement (a conflicting UPDATE, a
// foreign key) leaves a PostgreSQL transaction unusable: fn must return it.
//
// On PostgreSQL the writer drives its connection through pgx itself and
// pipelines its statements (see pipeline): in a batch, AddMessage, SaveChat,
// AddDecline and UpdateAgent return nil at once, as if they had succeeded, and
// go to the database with the next statement that needs an answer. If one of
// them then fails, the batch is rolled back and each write runs again alone,
// without deferring, and meets its error where it makes it.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"parley"
)

// DefaultMaxBatch is how many queued writes share one transaction at most.
const DefaultMaxBatch = 256

// Options configures Open.
type Options struct {
	// URL is a postgres:// or postgresql:// URL, or else a SQLite file path
	// (a "file:" prefix is allowed).
	URL string
	// OnCommit receives the events of each committed transaction, in commit order,
	// before the writers are told that their writes committed.
	OnCommit func([]parley.Event)
	// Logger logs what no caller can be told about; slog.Default() when nil.
	Logger *slog.Logger
	// MaxBatch bounds the writes sharing one transaction; DefaultMaxBatch when 0.
	MaxBatch int
	// SecretsKey, 32 bytes, seals channel secrets at rest (AES-256-GCM); they
	// are stored in clear without it.
	SecretsKey []byte
}

// Store is a parley.Store on SQLite or PostgreSQL.
type Store struct {
	queries // reads go to the reader pool

	d        *dialect
	writer   *sql.DB
	reader   *sql.DB
	onCommit func([]parley.Event)
	log      *slog.Logger
	maxBatch int

	ops     chan *op
	mu      sync.RWMutex // held for reading while enqueuing, for writing by Close
	closed  bool
	stopped chan struct{} // closed when the writer goroutine has returned
	lite    *liteConn     // SQLite's writer connection; nil on PostgreSQL
	// messageIDs is the block of ids PostgreSQL's writer gives new messages.
	messageIDs idBlock
	stats      counters
}

var _ parley.Store = (*Store)(nil)

// Open connects to the database at o.URL and starts the writer. It does not
// migrate: call Migrate first.
func Open(ctx context.Context, o Options) (*Store, error) {
	d := newDialect(o.URL)
	secrets, err := newSealer(o.SecretsKey)
	if err != nil {
		return nil, err
	}
	writer, reader, err := openPools(ctx, d, o.URL)
	if err != nil {
		return nil, err
	}
	s := &Store{
		queries:  queries{q: dbQuerier{db: reader}, secrets: secrets},
		d:        d,
		writer:   writer,
		reader:   reader,
		onCommit: o.OnCommit,
		log:      o.Logger,
		maxBatch: o.MaxBatch,
		stopped:  make(chan struct{}),
	}
	if !d.isPostgres() {
		if s.lite, err = openLiteConn(ctx, writer); err != nil {
			return nil, errors.Join(err, writer.Close(), reader.Close())
		}
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.maxBatch <= 0 {
		s.maxBatch = DefaultMaxBatch
	}
	s.ops = make(chan *op, s.maxBatch)
	go s.run()
	return s, nil
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.reader.PingContext(ctx); err != nil {
		return fmt.Errorf("sqlstore: ping: %w", err)
	}
	return nil
}

// Close lets the writer finish the writes already queued, then closes the
// database. Writes after Close fail with ErrClosed.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	// No Write is between its check of closed and its send now, so closing is safe.
	close(s.ops)
	s.mu.Unlock()
	<-s.stopped
	return errors.Join(s.writer.Close(), s.reader.Close())
}

// openPools opens the one-connection writer pool and the reader pool.
func openPools(ctx context.Context, d *dialect, url string) (writer, reader *sql.DB, err error) {
	writerDSN, readerDSN, readers := url, url, 8
	if !d.isPostgres() {
		if writerDSN, readerDSN, err = sqliteDSNs(url); err != nil {
			return nil, nil, err
		}
		readers = 4
	}
	// The writer is opened and pinged first so that WAL mode is set before any reader connects.
	if writer, err = openPool(ctx, d, writerDSN, 1); err != nil {
		return nil, nil, fmt.Errorf("sqlstore: open writer: %w", err)
	}
	if reader, err = openPool(ctx, d, readerDSN, readers); err != nil {
		writer.Close()
		return nil, nil, fmt.Errorf("sqlstore: open reader: %w", err)
	}
	return writer, reader, nil
}

func openPool(ctx context.Context, d *dialect, dsn string, conns int) (*sql.DB, error) {
	db, err := sql.Open(d.driver, dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// sqliteDSNs builds the writer's and the readers' data source names for the
// SQLite file named by url, creating the file's directory.
func sqliteDSNs(url string) (writer, reader string, err error) {
	path, extra, _ := strings.Cut(strings.TrimPrefix(url, "file:"), "?")
	if path == "" || path == ":memory:" || strings.Contains(extra, "mode=memory") {
		// The reader pool would see a different, empty database.
		return "", "", fmt.Errorf("sqlstore: %q: SQLite needs a file, not an in-memory database", url)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", "", fmt.Errorf("sqlstore: create the database directory: %w", err)
	}
	if extra != "" {
		extra = "&" + extra
	}
	// The writer's page cache (64 MiB, not SQLite's 2 MiB) holds the pages that
	// every message touches, which otherwise come back through a read syscall each.
	writer = path + "?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(FULL)&_pragma=cache_size(-65536)&_txlock=immediate" + extra
	reader = path + "?_pragma=busy_timeout(5000)&_pragma=query_only(1)" + extra
	return writer, reader, nil
}
