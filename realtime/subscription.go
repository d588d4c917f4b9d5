package realtime

import (
	"context"
	"sync"

	"parley"
)

// Subscription is one reader of the log: its catch-up, then live events in order.
// Its queue is a slice that is nil while idle, so an idle subscription costs a
// few hundred bytes.
type Subscription struct {
	hub *Hub
	// viewer and after belong to the hub and are guarded by hub.mu. Live events
	// with an id up to after came with the catch-up (or the client had them).
	viewer parley.Viewer
	after  int64
	// ready is the id the subscriber is current with once it has the catch-up.
	ready int64
	// visited is the hub's mark of the last fan-out that considered s; hub.mu guards it.
	visited uint64

	mu      sync.Mutex
	catchUp []parley.Event
	queue   []queued
	err     error
	// waiting is true when no consumer is running: the next event or the close
	// signals notify and calls wake, handing the consumer role to whoever wakes.
	waiting bool
	wake    func()
	notify  chan struct{}
}

func newSubscription(h *Hub) *Subscription {
	return &Subscription{hub: h, waiting: true, notify: make(chan struct{}, 1)}
}

// ReadyID returns the id the subscriber is current with once it has taken the
// catch-up: the id to resume from if it has seen nothing newer.
func (s *Subscription) ReadyID() int64 { return s.ready }

// Take returns the queued events, the catch-up first, without waiting. It returns
// the reason once the subscription is closed; queued events are then dropped,
// since the client resumes from its last id anyway.
func (s *Subscription) Take() ([]parley.Event, error) {
	q, err := s.take()
	events := make([]parley.Event, len(q))
	for i, x := range q {
		events[i] = x.event
	}
	return events, err
}

// take is Take with the frames the hub encoded.
func (s *Subscription) take() ([]queued, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return nil, s.err
	}
	q := s.queue
	if s.catchUp != nil {
		q = make([]queued, 0, len(s.catchUp)+len(s.queue))
		for _, e := range s.catchUp {
			q = append(q, queued{event: e})
		}
		q = append(q, s.queue...)
	}
	s.catchUp, s.queue = nil, nil
	if len(q) == 0 {
		s.waiting = true
	}
	return q, nil
}

// Next waits for events and returns them, or the reason the subscription closed.
func (s *Subscription) Next(ctx context.Context) ([]parley.Event, error) {
	for {
		q, err := s.Take()
		if len(q) > 0 || err != nil {
			return q, err
		}
		select {
		case <-s.notify:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// OnWake makes fn the consumer: fn is called (now, if something is queued) whenever
// events arrive or the subscription closes after Take found nothing. fn must not
// block; it typically starts a goroutine that calls Take until it returns nothing,
// so no goroutine waits while the subscription is idle. Use OnWake or Next, not both.
func (s *Subscription) OnWake(fn func()) {
	s.mu.Lock()
	s.wake = fn
	pending := len(s.catchUp) > 0 || len(s.queue) > 0 || s.err != nil
	s.waiting = !pending
	s.mu.Unlock()
	if pending {
		fn()
	}
}

// Close unsubscribes; Take and Next then return ErrClosed.
func (s *Subscription) Close() { s.hub.Unsubscribe(s) }

// enqueue adds e unless the queue already holds max events; false means too slow.
func (s *Subscription) enqueue(e queued, max int) bool {
	s.mu.Lock()
	if s.err != nil {
		s.mu.Unlock()
		return true
	}
	if len(s.queue) >= max {
		s.mu.Unlock()
		return false
	}
	s.queue = append(s.queue, e)
	signal, fn := s.waiting, s.wake
	s.waiting = false
	s.mu.Unlock()
	if signal {
		s.signal(fn)
	}
	return true
}

// setCatchUp stores the events read from the store ahead of the live ones.
func (s *Subscription) setCatchUp(events []parley.Event) {
	s.mu.Lock()
	s.catchUp = events
	s.mu.Unlock()
}

// close ends the subscription with reason err; the first reason wins.
func (s *Subscription) close(err error) {
	s.mu.Lock()
	if s.err != nil {
		s.mu.Unlock()
		return
	}
	s.err = err
	s.catchUp, s.queue = nil, nil
	signal, fn := s.waiting, s.wake
	s.waiting = false
	s.mu.Unlock()
	if signal {
		s.signal(fn)
	}
}

func (s *Subscription) signal(fn func()) {
	select {
	case s.notify <- struct{}{}:
	default:
	}
	if fn != nil {
		fn()
	}
}
