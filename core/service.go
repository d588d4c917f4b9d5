// Package core holds Parley's use cases. Each runs in one store transaction and
// emits the events that describe its change; routing lives here too.
package core

import (
	"context"
	"log/slog"
	"time"

	"golang.org/x/crypto/bcrypt"

	"parley"
)

// Config holds the tunables of the use cases.
type Config struct {
	SessionTTL time.Duration // how long a login lasts
	BcryptCost int           // password hashing cost; tests lower it
	// Files keeps uploads; without it the server takes no files.
	Files parley.FileStorage
	// ConsoleRefresh is how often a node marks the consoles it holds as seen; an
	// agent counts as online while seen within twice that (R1.6).
	ConsoleRefresh time.Duration
	// ConsoleGoneAfter is how long a console may be unseen before its agent counts
	// as logged out and becomes inactive (R1.2).
	ConsoleGoneAfter time.Duration
	// Providers are the messenger adapters, by channel type; a channel of a
	// type without one cannot be created.
	Providers map[parley.ChannelType]parley.Provider
	// RetryBase is the first wait before a failed send or fetch is tried again;
	// each next wait doubles it. A second by default; tests shorten it.
	RetryBase time.Duration
}

// Defaults of the presence settings.
const (
	DefaultConsoleRefresh   = 20 * time.Second
	DefaultConsoleGoneAfter = 5 * time.Minute
)

// Service runs the use cases over a store, a bus and a clock.
type Service struct {
	store      parley.Store
	bus        parley.Bus
	clock      parley.Clock
	log        *slog.Logger
	cfg        Config
	visitorKey []byte // signs visitor tokens; shared by every node through the settings table
	// unknownAgentHash is compared against when a login names an unknown e-mail, at the
	// same cost as real hashes, so that the answer's timing does not tell which e-mails exist.
	unknownAgentHash []byte
	outbox           *outbox
	hooks            hookChannels
}

// New makes a Service and loads (or creates) the key that signs visitor tokens.
func New(ctx context.Context, store parley.Store, bus parley.Bus, clock parley.Clock, log *slog.Logger, cfg Config) (*Service, error) {
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 30 * 24 * time.Hour
	}
	if cfg.ConsoleRefresh <= 0 {
		cfg.ConsoleRefresh = DefaultConsoleRefresh
	}
	if cfg.ConsoleGoneAfter <= 0 {
		cfg.ConsoleGoneAfter = DefaultConsoleGoneAfter
	}
	if cfg.RetryBase <= 0 {
		cfg.RetryBase = time.Second
	}
	if cfg.BcryptCost == 0 {
		cfg.BcryptCost = defaultBcryptCost
	}
	s := &Service{store: store, bus: bus, clock: clock, log: log, cfg: cfg, outbox: newOutbox()}
	key, err := s.loadSecret(ctx, settingVisitorKey)
	if err != nil {
		return nil, err
	}
	s.visitorKey = key
	if s.unknownAgentHash, err = bcrypt.GenerateFromPassword(randomBytes(16), cfg.BcryptCost); err != nil {
		return nil, err
	}
	// Contacts stored before the key rules they are compared by are keyed now.
	if err := s.RekeyContacts(ctx, false); err != nil {
		return nil, err
	}
	return s, nil
}

// write runs fn in a store transaction with the current time. When fn added
// channel jobs, this node's outbox starts on them as soon as they commit.
func (s *Service) write(ctx context.Context, fn func(tx parley.Tx, now time.Time) error) error {
	var added bool
	err := s.store.Write(ctx, func(tx parley.Tx) error {
		w := &jobWatch{Tx: tx}
		err := fn(w, s.clock.Now())
		added = w.added
		return err
	})
	if err == nil && added {
		s.outbox.wake()
	}
	return err
}

// emit appends e to the transaction's events, stamped with the transaction's time.
func emit(tx parley.Tx, now time.Time, e parley.Event) {
	e.At = now
	tx.Emit(e)
}
