package realtime

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"parley"
)

// Hub puts the events heard from the bus back in log order and fans them out to
// the subscriptions that may see them.
type Hub struct {
	src  parley.EventReader
	log  *slog.Logger
	opts HubOptions

	// started is closed once last is known; done once the hub has shut down.
	started chan struct{}
	done    chan struct{}

	// The inbox has its own lock so that Deliver never waits for a fan-out.
	inMu    sync.Mutex
	inbox   []parley.Event
	dropped int
	inReady chan struct{}

	// retryFill is when a gap may next be filled after a failed read; only Run touches it.
	retryFill time.Time

	mu     sync.Mutex
	closed bool
	// last is the highest id fanned out; every id up to it has been.
	last  int64
	early map[int64]parley.Event
	// visitors indexes visitor subscriptions by identity so that a widget costs
	// nothing for other people's events; agents holds the rest by agent id.
	visitors map[int64][]*Subscription
	agents   map[int64][]*Subscription
	roster   roster
	count    int
	// staff narrows the agents an event may concern; nil until needed. visit
	// marks the subscriptions one fan-out has seen.
	staff *staffIndex
	visit uint64

	// framePool lends the buffers in which the websocket connections of this hub
	// gather their frames, so an idle connection holds none. writePool is the
	// websocket library's, which writes only control frames now and needs no
	// buffer for them; given a pool it allocates none per connection.
	framePool sync.Pool
	writePool sync.Pool
}

// NewHub returns a hub reading the log from src; call Run to start it.
func NewHub(src parley.EventReader, log *slog.Logger, opts HubOptions) *Hub {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Hub{
		src:      src,
		log:      log,
		opts:     opts.withDefaults(),
		started:  make(chan struct{}),
		done:     make(chan struct{}),
		inReady:  make(chan struct{}, 1),
		early:    make(map[int64]parley.Event),
		visitors: make(map[int64][]*Subscription),
		agents:   make(map[int64][]*Subscription),
		roster:   newRoster(),
	}
}

// Run reads the last id, then orders and fans out events until ctx ends or
// Shutdown is called; it shuts the hub down when it returns.
func (h *Hub) Run(ctx context.Context) {
	defer h.Shutdown()
	if !h.start(ctx) {
		return
	}
	tick := time.NewTicker(h.opts.PollInterval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-h.done:
			return
		case <-h.inReady:
			h.drainInbox(ctx)
		case <-tick.C:
			h.poll(ctx)
		}
	}
}

// start learns the last id, retrying while the store is down, so that a node can
// boot before its database answers.
func (h *Hub) start(ctx context.Context) bool {
	for {
		last, err := h.src.LastEventID(ctx)
		if err == nil {
			h.mu.Lock()
			h.last = last
			h.mu.Unlock()
			close(h.started)
			return true
		}
		h.log.Error("realtime: reading the last event id", "err", err)
		select {
		case <-ctx.Done():
			return false
		case <-h.done:
			return false
		case <-time.After(h.opts.PollInterval):
		}
	}
}

// Deliver hands events from the bus to the hub. It only queues them, so the bus
// is never held up by a fan-out. Events may come duplicated, late or not at all.
func (h *Hub) Deliver(events []parley.Event) {
	if len(events) == 0 {
		return
	}
	h.inMu.Lock()
	if len(h.inbox)+len(events) > maxInbox {
		// Committed events come back from the store on the next fill; only typing is lost.
		h.dropped += len(events)
	} else {
		h.inbox = append(h.inbox, events...)
	}
	h.inMu.Unlock()
	select {
	case h.inReady <- struct{}{}:
	default:
	}
}

// takeInbox returns what Deliver queued and empties the inbox.
func (h *Hub) takeInbox() ([]parley.Event, int) {
	h.inMu.Lock()
	defer h.inMu.Unlock()
	batch, dropped := h.inbox, h.dropped
	h.inbox, h.dropped = nil, 0
	return batch, dropped
}

// Shutdown closes every subscription with ErrRestart and refuses new ones.
// It is safe to call more than once.
func (h *Hub) Shutdown() {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return
	}
	h.closed = true
	close(h.done)
	var subs []*Subscription
	for _, set := range h.visitors {
		subs = append(subs, set...)
	}
	for _, set := range h.agents {
		subs = append(subs, set...)
	}
	clear(h.visitors)
	clear(h.agents)
	h.staff = nil
	h.count = 0
	h.mu.Unlock()
	for _, s := range subs {
		s.close(ErrRestart)
	}
}

// LastID returns the highest id the hub has fanned out.
func (h *Hub) LastID() int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.last
}

// Subscribers returns the number of open subscriptions.
func (h *Hub) Subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.count
}
