package realtime

import (
	"context"
	"fmt"

	"parley"
)

// Subscribe registers a reader of the log for viewer. It splits the log at the hub's
// last id under the hub's lock: events up to it come from the store (the catch-up,
// after since), later ones live, so none is missed or doubled. since < 0 means from
// now. A catch-up longer than HubOptions.MaxCatchUp fails with a *ResyncError.
func (h *Hub) Subscribe(ctx context.Context, viewer parley.Viewer, since int64) (*Subscription, error) {
	select {
	case <-h.started:
	case <-h.done:
		return nil, ErrRestart
	case <-ctx.Done():
		return nil, fmt.Errorf("realtime: waiting for the hub to start: %w", ctx.Err())
	}
	s := newSubscription(h)
	v := cloneViewer(viewer)
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return nil, ErrRestart
	}
	last := h.last
	if h.roster.correct(&v) {
		h.mu.Unlock()
		return nil, ErrViewChanged
	}
	s.viewer, s.after, s.ready = v, max(last, since), max(last, since)
	h.add(s)
	// The hub changes s.viewer from now on; the catch-up reads with the viewer as of last.
	v = cloneViewer(v)
	h.mu.Unlock()

	if err := h.catchUp(ctx, s, v, since, last); err != nil {
		h.Unsubscribe(s)
		return nil, err
	}
	return s, nil
}

// catchUp reads what s missed between since and last into s.
func (h *Hub) catchUp(ctx context.Context, s *Subscription, v parley.Viewer, since, last int64) error {
	switch {
	case since < 0 || since == last:
		return nil
	case since > last:
		// The client saw more than this hub: fine if another node was ahead,
		// but an id the log never reached means the log is not the one it knew.
		top, err := h.src.LastEventID(ctx)
		if err != nil {
			return fmt.Errorf("realtime: checking a resume id: %w", err)
		}
		if since > top {
			return &ResyncError{LastID: top}
		}
		return nil
	}
	var events []parley.Event
	limit := min(readPage, h.opts.MaxCatchUp+1)
	for after := since; ; {
		page, err := h.src.Events(ctx, parley.EventFilter{After: after, Limit: limit, Viewer: v})
		if err != nil {
			return fmt.Errorf("realtime: reading the catch-up after %d: %w", after, err)
		}
		for _, e := range page {
			if e.ID > last {
				// Live delivery brings these.
				s.setCatchUp(events)
				return nil
			}
			if len(events) == h.opts.MaxCatchUp {
				return &ResyncError{LastID: last}
			}
			events = append(events, e)
		}
		if len(page) < limit {
			s.setCatchUp(events)
			return nil
		}
		after = page[len(page)-1].ID
	}
}

// Unsubscribe removes s from the hub and closes it with ErrClosed.
func (h *Hub) Unsubscribe(s *Subscription) {
	h.mu.Lock()
	h.remove(s)
	h.mu.Unlock()
	s.close(ErrClosed)
}
