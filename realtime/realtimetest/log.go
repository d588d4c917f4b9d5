// Package realtimetest holds an in-memory event log for tests of real-time delivery.
package realtimetest

import (
	"context"
	"sync"

	"parley"
)

// Log is a thread-safe in-memory parley.EventReader whose ids are gapless, as the
// store's are.
type Log struct {
	mu     sync.Mutex
	events []parley.Event
	fail   error
}

// Append stores events with the next ids, as one commit, and returns them with their ids.
func (l *Log) Append(events ...parley.Event) []parley.Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]parley.Event, len(events))
	for i, e := range events {
		e.ID = int64(len(l.events)) + 1
		l.events = append(l.events, e)
		out[i] = e
	}
	return out
}

// Fail makes every read return err until Fail(nil).
func (l *Log) Fail(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fail = err
}

// Events returns the events after f.After that f.Viewer may see (all with f.All), up to f.Limit.
func (l *Log) Events(_ context.Context, f parley.EventFilter) ([]parley.Event, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fail != nil {
		return nil, l.fail
	}
	var out []parley.Event
	for _, e := range l.events[min(max(f.After, 0), int64(len(l.events))):] {
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
		if f.All || f.Viewer.CanSee(e) {
			out = append(out, e)
		}
	}
	return out, nil
}

// LastEventID returns the id of the last event, 0 when there is none.
func (l *Log) LastEventID(context.Context) (int64, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fail != nil {
		return 0, l.fail
	}
	return int64(len(l.events)), nil
}

var _ parley.EventReader = (*Log)(nil)

// Len returns the number of events, which is also the last id.
func (l *Log) Len() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return int64(len(l.events))
}
