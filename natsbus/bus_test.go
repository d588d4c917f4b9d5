package natsbus

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"parley"
	"parley/realtime"
	"parley/realtime/realtimetest"
)

const waitLimit = 10 * time.Second

// startNATS runs a NATS server on 127.0.0.1 for the test and returns its URL.
func startNATS(t *testing.T, maxPayload int32) string {
	t.Helper()
	s, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, NoLog: true, NoSigs: true, MaxPayload: maxPayload})
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(waitLimit) {
		t.Fatal("NATS did not start")
	}
	t.Cleanup(s.Shutdown)
	return s.ClientURL()
}

// node is one server process: its hub and its bus.
type node struct {
	hub *realtime.Hub
	bus *Bus
}

// startNode runs a hub that never polls, so whatever it gets came over the bus
// (or from filling a gap the bus showed).
func startNode(t *testing.T, url, id string, log *realtimetest.Log) node {
	t.Helper()
	h := realtime.NewHub(log, nil, realtime.HubOptions{PollInterval: time.Hour})
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
	b, err := New(url, "parley.test", id, h.Deliver, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return node{hub: h, bus: b}
}

func subscribe(t *testing.T, h *realtime.Hub, v parley.Viewer) *realtime.Subscription {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	s, err := h.Subscribe(ctx, v, -1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// readUntil reads s until an event of kind end arrives and returns what it read.
func readUntil(t *testing.T, s *realtime.Subscription, end parley.EventKind) []parley.Event {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	var got []parley.Event
	for {
		events, err := s.Next(ctx)
		if err != nil {
			t.Fatalf("after %d events: %v", len(got), err)
		}
		got = append(got, events...)
		for _, e := range events {
			if e.Kind == end {
				return got
			}
		}
	}
}

func commit(t *testing.T, log *realtimetest.Log, b *Bus, events ...parley.Event) []parley.Event {
	t.Helper()
	events = log.Append(events...)
	if err := b.Publish(context.Background(), events); err != nil {
		t.Fatal(err)
	}
	return events
}

func ids(events []parley.Event) []int64 {
	var out []int64
	for _, e := range events {
		out = append(out, e.ID)
	}
	return out
}

func TestAnEventReachesTheOtherNode(t *testing.T) {
	url := startNATS(t, 0)
	log := &realtimetest.Log{}
	a, b := startNode(t, url, "a", log), startNode(t, url, "b", log)
	visitor := subscribe(t, b.hub, parley.Viewer{IdentityID: 7})
	typing := parley.Event{Kind: parley.EventTyping, Audience: parley.AudienceVisitor, IdentityID: 7}
	if err := a.bus.Publish(context.Background(), []parley.Event{typing}); err != nil {
		t.Fatal(err)
	}
	// Only the bus brings these to b, and only with their audience can the visitor see them.
	got := readUntil(t, visitor, parley.EventTyping)
	commit(t, log, a.bus, parley.Event{Kind: "test.end", Audience: parley.AudienceVisitor, IdentityID: 7, Data: []byte(`{"x":1}`)})
	got = append(got, readUntil(t, visitor, "test.end")...)
	if len(got) != 2 || got[0].ID != 0 || got[1].ID != 1 || string(got[1].Data) != `{"x":1}` {
		t.Fatalf("got %+v, want the typing then event 1", got)
	}
}

func TestOwnMessagesAreNotDeliveredTwice(t *testing.T) {
	url := startNATS(t, 0)
	log := &realtimetest.Log{}
	var mu sync.Mutex
	var heard []int64
	a, err := New(url, "parley.test", "a", func(events []parley.Event) {
		mu.Lock()
		defer mu.Unlock()
		heard = append(heard, ids(events)...)
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b := startNode(t, url, "b", log)
	watch := subscribe(t, b.hub, parley.Viewer{AgentID: 1, Role: parley.RoleAdmin})

	commit(t, log, a, parley.Event{Kind: "test.end", Audience: parley.AudienceStaff})
	readUntil(t, watch, "test.end")
	// b publishes after it heard a's event, so NATS brings a's own echo, if any, before it.
	commit(t, log, b.bus, parley.Event{Kind: "test.end", Audience: parley.AudienceStaff})
	deadline := time.Now().Add(waitLimit)
	for {
		mu.Lock()
		got := slices.Clone(heard)
		mu.Unlock()
		if slices.Contains(got, 2) {
			if !slices.Equal(got, []int64{1, 2}) {
				t.Fatalf("a heard %v, want [1 2]", got)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("a heard %v, never b's event", got)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestTwoNodesDeliverExactlyOnceInOrder(t *testing.T) {
	url := startNATS(t, 0)
	log := &realtimetest.Log{}
	nodes := []node{startNode(t, url, "a", log), startNode(t, url, "b", log)}
	viewers := []parley.Viewer{
		{AgentID: 1, Role: parley.RoleSupervisor},
		{AgentID: 2, Role: parley.RoleAgent, Queues: []int64{1}},
		{IdentityID: 10},
	}
	var subs []*realtime.Subscription
	for _, n := range nodes {
		for _, v := range viewers {
			subs = append(subs, subscribe(t, n.hub, v))
		}
	}
	const perNode = 300
	var wg sync.WaitGroup
	for i, n := range nodes {
		wg.Go(func() {
			for j := range perNode {
				e := parley.Event{Kind: parley.EventMessageCreated, Audience: parley.Audience(1 + j%15), QueueID: int64(1 + j%2), AgentID: int64(j % 3), IdentityID: int64(10 + i)}
				commit(t, log, n.bus, e)
			}
		})
	}
	wg.Wait()
	commit(t, log, nodes[0].bus, parley.Event{Kind: "test.end", Audience: parley.AudienceStaff | parley.AudienceVisitor, IdentityID: 10})

	all, _ := log.Events(context.Background(), parley.EventFilter{All: true})
	for i, s := range subs {
		v := viewers[i%len(viewers)]
		var want []int64
		for _, e := range all {
			if v.CanSee(e) {
				want = append(want, e.ID)
			}
		}
		if got := ids(readUntil(t, s, "test.end")); !slices.Equal(got, want) {
			t.Errorf("node %d, %+v:\n got %v\nwant %v", i/len(viewers), v, got, want)
		}
	}
}

func TestLargeBatchesAreSplit(t *testing.T) {
	url := startNATS(t, 4096)
	log := &realtimetest.Log{}
	a, b := startNode(t, url, "a", log), startNode(t, url, "b", log)
	watch := subscribe(t, b.hub, parley.Viewer{AgentID: 1, Role: parley.RoleAdmin})
	data := []byte(`{"text":"` + strings.Repeat("z", 500) + `"}`)
	var batch []parley.Event
	for range 40 {
		batch = append(batch, parley.Event{Kind: parley.EventMessageCreated, Audience: parley.AudienceStaff, Data: data})
	}
	batch = append(batch, parley.Event{Kind: "test.end", Audience: parley.AudienceStaff})
	commit(t, log, a.bus, batch...)
	got := readUntil(t, watch, "test.end")
	if len(got) != 41 || got[0].ID != 1 || got[40].ID != 41 {
		t.Fatalf("got %v, want 1..41", ids(got))
	}

	huge := parley.Event{Kind: parley.EventMessageCreated, Audience: parley.AudienceStaff, Data: []byte(`"` + strings.Repeat("z", 5000) + `"`)}
	if err := a.bus.Publish(context.Background(), log.Append(huge)); err == nil {
		t.Fatal("publishing an event larger than any message: no error")
	}
}

func TestCloseDrainsWhatWasPublished(t *testing.T) {
	url := startNATS(t, 0)
	log := &realtimetest.Log{}
	b := startNode(t, url, "b", log)
	watch := subscribe(t, b.hub, parley.Viewer{AgentID: 1, Role: parley.RoleAdmin})
	a, err := New(url, "parley.test", "a", func([]parley.Event) {}, nil)
	if err != nil {
		t.Fatal(err)
	}
	commit(t, log, a, parley.Event{Kind: "test.end", Audience: parley.AudienceStaff})
	a.Close()
	if got := readUntil(t, watch, "test.end"); len(got) != 1 {
		t.Fatalf("got %v", ids(got))
	}
	if err := a.Publish(context.Background(), []parley.Event{{Kind: parley.EventTyping}}); err == nil {
		t.Fatal("Publish after Close: no error")
	}
}
