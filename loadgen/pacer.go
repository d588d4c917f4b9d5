package loadgen

import (
	"context"
	"time"
)

// pace calls send for messages 0..total-1, message i when i/rate seconds have
// passed since the pacer started, whatever became of the earlier ones: an open
// loop, so that a slow server shows as latency rather than as a lower offered rate.
// due is message i's planned time, as a duration since epoch.
func pace(ctx context.Context, epoch time.Time, total int, rate float64, send func(i int, due time.Duration)) {
	start := time.Now()
	offset := start.Sub(epoch)
	at := func(i int) time.Duration { return time.Duration(float64(i) / rate * float64(time.Second)) }
	timer := time.NewTimer(0)
	defer timer.Stop()
	next := 0
	for next < total {
		elapsed := time.Since(start)
		for next < total && at(next) <= elapsed {
			send(next, offset+at(next))
			next++
		}
		if next >= total {
			return
		}
		timer.Reset(at(next) - time.Since(start))
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
	}
}
