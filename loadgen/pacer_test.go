package loadgen

import (
	"context"
	"testing"
	"time"
)

// TestPaceIsOpenLoop checks that every message gets its planned time i/rate and is
// handed over no earlier than that, even when sending is slow.
func TestPaceIsOpenLoop(t *testing.T) {
	const total, rate = 200, 2000.0
	epoch := time.Now()
	var dues []time.Duration
	var lateness []time.Duration
	pace(context.Background(), epoch, total, rate, func(i int, due time.Duration) {
		dues = append(dues, due)
		lateness = append(lateness, time.Since(epoch)-due)
		if i == 10 {
			time.Sleep(20 * time.Millisecond) // a slow send must not push the plan back
		}
	})
	if len(dues) != total {
		t.Fatalf("%d sends, want %d", len(dues), total)
	}
	step := time.Duration(float64(time.Second) / rate)
	for i := 1; i < total; i++ {
		if got := dues[i] - dues[i-1]; got < step-time.Microsecond || got > step+time.Microsecond {
			t.Fatalf("message %d planned %v after the previous, want %v", i, got, step)
		}
	}
	for i, l := range lateness {
		if l < 0 {
			t.Fatalf("message %d sent %v before its time", i, -l)
		}
	}
	// The messages due during the slow send go out at once after it, on their planned times.
	if dues[total-1]-dues[0] != time.Duration(float64(total-1)/rate*float64(time.Second)) {
		t.Fatalf("plan spans %v", dues[total-1]-dues[0])
	}
}
