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

func TestHubFansOutInOrder(t *testing.T) {
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{})
	s := subscribe(t, h, supervisor(), -1)
	for range 5 {
		h.Deliver(log.Append(staff(parley.EventMessageCreated)))
	}
	if got := readUntil(t, s, 5); !slices.Equal(got, ids(1, 5)) {
		t.Fatalf("got %v, want 1..5", got)
	}
}

func TestHubDropsDuplicates(t *testing.T) {
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{})
	s := subscribe(t, h, supervisor(), -1)
	e := log.Append(staffEvents(3)...)
	h.Deliver(e[:2])
	h.Deliver(e[:2])
	h.Deliver(e[1:])
	h.Deliver(e)
	// Delivered in order after the duplicates, the next event shows none got through.
	h.Deliver(log.Append(staff(parley.EventChatCreated)))
	if got := readUntil(t, s, 4); !slices.Equal(got, ids(1, 4)) {
		t.Fatalf("got %v, want 1..4", got)
	}
}

func TestHubFillsGapFromStore(t *testing.T) {
	// Node B's events 1 and 2 are late on the bus; node A's 3 comes first.
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{}) // polls hourly: only the gap fill can help
	s := subscribe(t, h, supervisor(), -1)
	e := log.Append(staffEvents(3)...)
	h.Deliver(e[2:])
	if got := readUntil(t, s, 3); !slices.Equal(got, ids(1, 3)) {
		t.Fatalf("got %v, want 1..3", got)
	}
	h.Deliver(e[:1])
	h.Deliver(e[1:2])
	h.Deliver(log.Append(staff(parley.EventChatCreated)))
	if got := readUntil(t, s, 4); !slices.Equal(got, []int64{4}) {
		t.Fatalf("after the late events got %v, want [4]", got)
	}
}

func TestHubPollRecoversLostEvents(t *testing.T) {
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{PollInterval: 5 * time.Millisecond})
	s := subscribe(t, h, supervisor(), -1)
	log.Append(staffEvents(3)...) // published on a bus that lost them
	if got := readUntil(t, s, 3); !slices.Equal(got, ids(1, 3)) {
		t.Fatalf("got %v, want 1..3", got)
	}
}

func TestHubEphemeralEventsSkipTheOrder(t *testing.T) {
	log := &realtimetest.Log{}
	// After a failed read, gaps wait for the poll.
	h := startHub(t, log, HubOptions{PollInterval: 5 * time.Millisecond})
	s := subscribe(t, h, supervisor(), -1)
	e := log.Append(staffEvents(2)...)
	log.Fail(errors.New("store down"))
	h.Deliver(e[1:]) // a gap that cannot be filled now
	typing := staff(parley.EventTyping)
	h.Deliver([]parley.Event{typing})
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	got, err := s.Next(ctx)
	if err != nil || len(got) != 1 || got[0].Kind != parley.EventTyping {
		t.Fatalf("got %v, %v; want the typing event alone", got, err)
	}
	log.Fail(nil)
	h.Deliver(log.Append(staff(parley.EventChatCreated)))
	if got := readUntil(t, s, 3); !slices.Equal(got, ids(1, 3)) {
		t.Fatalf("after the store came back got %v, want 1..3", got)
	}
}

func TestHubStartsAtTheLastEventID(t *testing.T) {
	log := &realtimetest.Log{}
	log.Append(staffEvents(3)...)
	log.Fail(errors.New("store not up yet"))
	h := startHub(t, log, HubOptions{PollInterval: 5 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := h.Subscribe(ctx, supervisor(), -1); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Subscribe before the hub started: %v, want a deadline error", err)
	}
	log.Fail(nil)
	now := subscribe(t, h, supervisor(), -1)
	all := subscribe(t, h, supervisor(), 0)
	if now.ReadyID() != 3 {
		t.Fatalf("ReadyID = %d, want 3", now.ReadyID())
	}
	h.Deliver(log.Append(staff(parley.EventChatCreated)))
	if got := readUntil(t, now, 4); !slices.Equal(got, []int64{4}) {
		t.Fatalf("from now: got %v, want [4]", got)
	}
	if got := readUntil(t, all, 4); !slices.Equal(got, ids(1, 4)) {
		t.Fatalf("from 0: got %v, want 1..4", got)
	}
}

func TestHubShutdownClosesWithRestart(t *testing.T) {
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{})
	s := subscribe(t, h, supervisor(), -1)
	h.Shutdown()
	if err := waitClosed(t, s); !errors.Is(err, ErrRestart) {
		t.Fatalf("closed with %v, want ErrRestart", err)
	}
	if _, err := h.Subscribe(context.Background(), supervisor(), -1); !errors.Is(err, ErrRestart) {
		t.Fatalf("Subscribe after Shutdown: %v, want ErrRestart", err)
	}
	if n := h.Subscribers(); n != 0 {
		t.Fatalf("%d subscribers after Shutdown", n)
	}
}

func TestHubRunEndsWithItsContext(t *testing.T) {
	log := &realtimetest.Log{}
	h := NewHub(log, nil, HubOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		h.Run(ctx)
		close(done)
	}()
	s := subscribe(t, h, supervisor(), -1)
	cancel()
	<-done
	if err := waitClosed(t, s); !errors.Is(err, ErrRestart) {
		t.Fatalf("closed with %v, want ErrRestart", err)
	}
}

func TestTooSlowSubscriberIsClosed(t *testing.T) {
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{MaxPending: 3})
	slow := subscribe(t, h, supervisor(), -1)
	fast := subscribe(t, h, supervisor(), -1)
	for range 5 {
		h.Deliver(log.Append(staff(parley.EventMessageCreated)))
		readUntil(t, fast, log.Len())
	}
	if err := waitClosed(t, slow); !errors.Is(err, ErrTooSlow) {
		t.Fatalf("slow subscriber closed with %v, want ErrTooSlow", err)
	}
	if n := h.Subscribers(); n != 1 {
		t.Fatalf("%d subscribers, want the fast one only", n)
	}
}

func TestLocalBusDelivers(t *testing.T) {
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{})
	s := subscribe(t, h, supervisor(), -1)
	var bus parley.Bus = LocalBus{Hub: h}
	if err := bus.Publish(context.Background(), log.Append(staffEvents(2)...)); err != nil {
		t.Fatal(err)
	}
	if got := readUntil(t, s, 2); !slices.Equal(got, ids(1, 2)) {
		t.Fatalf("got %v, want 1..2", got)
	}
}
