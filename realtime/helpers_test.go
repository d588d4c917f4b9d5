package realtime

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"parley"
	"parley/realtime/realtimetest"
)

// waitLimit bounds every wait of these tests; nothing waits a fixed time.
const waitLimit = 10 * time.Second

// startHub runs a hub over log until the test ends.
func startHub(t testing.TB, log *realtimetest.Log, opts HubOptions) *Hub {
	t.Helper()
	if opts.PollInterval == 0 {
		opts.PollInterval = time.Hour // only the tests about polling poll
	}
	h := NewHub(log, nil, opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		h.Run(ctx)
		close(done)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return h
}

// waitFor polls cond until it holds or waitLimit passes.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

func subscribe(t *testing.T, h *Hub, v parley.Viewer, since int64) *Subscription {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	s, err := h.Subscribe(ctx, v, since)
	if err != nil {
		t.Fatalf("Subscribe(%+v, %d): %v", v, since, err)
	}
	t.Cleanup(s.Close)
	return s
}

// readUntil reads s until it has an event with id last and returns the ids read.
func readUntil(t *testing.T, s *Subscription, last int64) []int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	var ids []int64
	for !slices.Contains(ids, last) {
		events, err := s.Next(ctx)
		if err != nil {
			t.Fatalf("waiting for event %d, got %v: %v", last, ids, err)
		}
		for _, e := range events {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// waitClosed waits until s reports why it closed.
func waitClosed(t *testing.T, s *Subscription) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	for {
		_, err := s.Next(ctx)
		if errors.Is(err, context.DeadlineExceeded) {
			t.Fatal("subscription still open")
		}
		if err != nil {
			return err
		}
	}
}

func staff(kind parley.EventKind) parley.Event {
	return parley.Event{Kind: kind, Audience: parley.AudienceStaff, Data: []byte(`{}`)}
}

func staffEvents(n int) []parley.Event {
	out := make([]parley.Event, n)
	for i := range out {
		out[i] = staff(parley.EventMessageCreated)
	}
	return out
}

func ids(from, to int64) []int64 {
	var out []int64
	for id := from; id <= to; id++ {
		out = append(out, id)
	}
	return out
}

func supervisor() parley.Viewer { return parley.Viewer{AgentID: 100, Role: parley.RoleSupervisor} }
