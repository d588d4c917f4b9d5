package loadgen

import (
	"sync/atomic"
	"time"
)

// flow follows the messages of one direction: when each was due, sent, acknowledged
// and delivered, as durations since the run's epoch (0 for "not yet"). Records
// are atomic because the writer, the sender's reader and the receiver's reader
// each touch them from their own goroutine.
type flow struct {
	epoch time.Time
	recs  []flowRecord

	latency      histogram // sent → delivered to the other side
	fromSchedule histogram // due → delivered: includes any lag of the sender
	ack          histogram // sent → acknowledged
	sendLag      histogram // due → sent

	// planned and completed are kept as they happen, so that waiting for the end
	// does not scan every record.
	planned, completed atomic.Int64
}

type flowRecord struct {
	due, sent, acked, delivered atomic.Int64
	done                        atomic.Bool
}

func newFlow(epoch time.Time, n int) *flow {
	return &flow{epoch: epoch, recs: make([]flowRecord, n)}
}

// now is the time since the epoch, never 0 so that 0 keeps meaning "not yet".
func (f *flow) now() int64 { return max(int64(time.Since(f.epoch)), 1) }

func (f *flow) valid(n int) bool { return n >= 0 && n < len(f.recs) }

// setDue records when message n should go out.
func (f *flow) setDue(n int, due time.Duration) {
	if f.recs[n].due.Swap(max(int64(due), 1)) == 0 {
		f.planned.Add(1)
	}
}

// complete counts message n once it is both acknowledged and delivered.
func (f *flow) complete(r *flowRecord) {
	if r.acked.Load() != 0 && r.delivered.Load() != 0 && r.done.CompareAndSwap(false, true) {
		f.completed.Add(1)
	}
}

// markSent records that message n is being written now.
func (f *flow) markSent(n int) {
	r := &f.recs[n]
	now := f.now()
	r.sent.Store(now)
	if due := r.due.Load(); due != 0 {
		f.sendLag.record(time.Duration(now - due))
	}
}

// markAcked records the acknowledgement of message n; false when it was not the first.
func (f *flow) markAcked(n int) bool {
	if !f.valid(n) {
		return false
	}
	r := &f.recs[n]
	now := f.now()
	if !r.acked.CompareAndSwap(0, now) {
		return false
	}
	if sent := r.sent.Load(); sent != 0 {
		f.ack.record(time.Duration(now - sent))
	}
	f.complete(r)
	return true
}

// markDelivered records that the other side received message n; false when it
// was not the first to.
func (f *flow) markDelivered(n int) bool {
	if !f.valid(n) {
		return false
	}
	r := &f.recs[n]
	now := f.now()
	if !r.delivered.CompareAndSwap(0, now) {
		return false
	}
	if sent := r.sent.Load(); sent != 0 {
		f.latency.record(time.Duration(now - sent))
	}
	if due := r.due.Load(); due != 0 {
		f.fromSchedule.record(time.Duration(now - due))
	}
	f.complete(r)
	return true
}

// FlowCounts says how far the messages of one direction got.
type FlowCounts struct {
	Planned   int64 `json:"planned"`
	Sent      int64 `json:"sent"`
	Acked     int64 `json:"acked"`
	Delivered int64 `json:"delivered"`
	// Completed messages were both acknowledged and delivered: the sustained ones.
	Completed int64 `json:"completed"`
}

// counts tallies the records; last is when the last message completed.
func (f *flow) counts() (c FlowCounts, last time.Duration) {
	for i := range f.recs {
		r := &f.recs[i]
		sent, acked, deliv := r.sent.Load(), r.acked.Load(), r.delivered.Load()
		if r.due.Load() != 0 {
			c.Planned++
		}
		if sent != 0 {
			c.Sent++
		}
		if acked != 0 {
			c.Acked++
		}
		if deliv != 0 {
			c.Delivered++
		}
		if acked != 0 && deliv != 0 {
			c.Completed++
			last = max(last, time.Duration(max(acked, deliv)))
		}
	}
	return c, last
}
