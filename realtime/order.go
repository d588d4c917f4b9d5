package realtime

import (
	"context"
	"time"

	"parley"
)

// drainInbox puts what the bus delivered in log order, fanning out what follows
// last and filling from the store when something is missing in between.
func (h *Hub) drainInbox(ctx context.Context) {
	batch, dropped := h.takeInbox()
	if dropped > 0 {
		h.log.Warn("realtime: hub inbox full, events dropped; committed ones are read back from the store", "dropped", dropped)
	}
	h.mu.Lock()
	for _, e := range batch {
		switch {
		case e.ID == 0:
			// Typing is never stored, so it has no place in the order to wait for.
			h.fanOut(e)
		case e.ID <= h.last:
			// A duplicate, or an event the store already gave us.
		case len(h.early) < maxEarly:
			h.early[e.ID] = e
		}
	}
	h.advanceEarly()
	target := h.maxEarly()
	h.mu.Unlock()
	// After a failed read, gaps wait for the poll rather than hammer a store that is down.
	if target > 0 && !time.Now().Before(h.retryFill) {
		h.fill(ctx, target)
	}
}

// poll recovers events the bus lost: core NATS is at most once, so the store is
// asked now and then whether it holds more than the hub has seen.
func (h *Hub) poll(ctx context.Context) {
	last, err := h.src.LastEventID(ctx)
	if err != nil {
		h.log.Error("realtime: polling the last event id", "err", err)
		return
	}
	if last > h.LastID() {
		h.fill(ctx, last)
	}
}

// fill reads events from the store until last reaches target, so nobody waits
// for a message the bus may never bring. If the store has less, the next
// poll tries again.
func (h *Hub) fill(ctx context.Context, target int64) {
	for {
		after := h.LastID()
		if after >= target {
			return
		}
		events, err := h.src.Events(ctx, parley.EventFilter{After: after, Limit: readPage, All: true})
		if err != nil {
			h.log.Error("realtime: filling a gap from the store", "after", after, "err", err)
			h.retryFill = time.Now().Add(h.opts.PollInterval)
			return
		}
		if len(events) == 0 {
			return
		}
		h.mu.Lock()
		for _, e := range events {
			if e.ID <= h.last {
				continue
			}
			if e.ID != h.last+1 {
				// The store promises no gaps; waiting for one forever would stop all delivery.
				h.log.Warn("realtime: the event log skips ids", "after", h.last, "next", e.ID)
			}
			h.advance(e)
		}
		h.advanceEarly()
		h.mu.Unlock()
	}
}

// advance fans out e as the next event of the log. The caller holds h.mu, and
// moving last and fanning out under one lock is what lets Subscribe split the
// log exactly at last.
func (h *Hub) advance(e parley.Event) {
	h.last = e.ID
	delete(h.early, e.ID)
	h.fanOut(e)
}

// advanceEarly fans out the buffered events that now follow last, and forgets
// those the store delivered first. The caller holds h.mu.
func (h *Hub) advanceEarly() {
	for {
		e, ok := h.early[h.last+1]
		if !ok {
			break
		}
		h.advance(e)
	}
	for id := range h.early {
		if id <= h.last {
			delete(h.early, id)
		}
	}
}

// maxEarly returns the highest buffered id, or 0 when nothing waits for a gap.
// The caller holds h.mu.
func (h *Hub) maxEarly() int64 {
	var top int64
	for id := range h.early {
		top = max(top, id)
	}
	return top
}
