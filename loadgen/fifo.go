package loadgen

import (
	"context"
	"sync"
)

// fifo is an unbounded queue with one consumer. Open-loop sending must never wait
// for a slow connection: whatever the pacer or a reader hands over is queued.
type fifo[T any] struct {
	mu     sync.Mutex
	items  []T
	notify chan struct{}
}

func newFIFO[T any]() *fifo[T] { return &fifo[T]{notify: make(chan struct{}, 1)} }

// push adds an item and wakes the consumer.
func (q *fifo[T]) push(v T) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
	select {
	case q.notify <- struct{}{}:
	default:
	}
}

// take waits for items and returns all of them, or nil once ctx ends.
func (q *fifo[T]) take(ctx context.Context) []T {
	for {
		q.mu.Lock()
		items := q.items
		q.items = nil
		q.mu.Unlock()
		if len(items) > 0 {
			return items
		}
		select {
		case <-q.notify:
		case <-ctx.Done():
			return nil
		}
	}
}
