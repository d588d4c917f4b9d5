package realtime

import "time"

// HubOptions tunes a Hub; zero values take the defaults.
type HubOptions struct {
	// PollInterval is how often the hub asks the store for events the bus lost.
	PollInterval time.Duration
	// MaxCatchUp is the most events a subscription catches up from the store;
	// beyond it the client must resync.
	MaxCatchUp int
	// MaxPending is the most live events a subscription may hold unread before it
	// is closed as too slow.
	MaxPending int
}

// Defaults of HubOptions.
const (
	DefaultPollInterval = time.Second
	DefaultMaxCatchUp   = 10_000
	DefaultMaxPending   = 4096
)

// Internal limits, not worth an option yet.
const (
	// readPage is how many events one store read returns while catching up or filling a gap.
	readPage = 1000
	// maxInbox bounds what Deliver buffers for the hub goroutine; committed events beyond
	// it are dropped and read back from the store, so a stalled hub cannot eat the memory.
	maxInbox = 65_536
	// maxEarly bounds the events held while waiting for a gap to fill, for the same reason.
	maxEarly = 65_536
)

func (o HubOptions) withDefaults() HubOptions {
	if o.PollInterval <= 0 {
		o.PollInterval = DefaultPollInterval
	}
	if o.MaxCatchUp <= 0 {
		o.MaxCatchUp = DefaultMaxCatchUp
	}
	if o.MaxPending <= 0 {
		o.MaxPending = DefaultMaxPending
	}
	return o
}
