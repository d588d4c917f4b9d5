package realtime

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"parley"
	"parley/realtime/realtimetest"
)

// hammerViewers are the readers of TestSubscribeNeverMissesNorDoubles.
func hammerViewers() []parley.Viewer {
	return []parley.Viewer{
		{AgentID: 100, Role: parley.RoleSupervisor},
		{AgentID: 1, Role: parley.RoleAgent, Queues: []int64{1}},
		{AgentID: 2, Role: parley.RoleAgent, Queues: []int64{2, 3}},
		{IdentityID: 10},
		{IdentityID: 11},
	}
}

// randomEvent is addressed to a random mix of the hammer's viewers.
func randomEvent(r *rand.Rand) parley.Event {
	return parley.Event{
		Kind:       parley.EventMessageCreated,
		Audience:   parley.Audience(r.IntN(16)),
		QueueID:    r.Int64N(3) + 1,
		AgentID:    r.Int64N(3),
		IdentityID: r.Int64N(3) + 10,
	}
}

// endMarkers are the last events of the hammer: each viewer sees at least one.
func endMarkers() []parley.Event {
	return []parley.Event{
		{Kind: "test.end", Audience: parley.AudienceStaff | parley.AudienceVisitor, IdentityID: 10},
		{Kind: "test.end", Audience: parley.AudienceVisitor, IdentityID: 11},
	}
}

// node commits events and publishes them on a bus that loses, doubles and
// reorders, as core NATS between several nodes may.
func node(t *testing.T, h *Hub, log *realtimetest.Log, seed uint64, n int) {
	r := rand.New(rand.NewPCG(seed, 1))
	var late []parley.Event
	for range n {
		events := log.Append(randomEvent(r))
		switch r.IntN(10) {
		case 0: // lost
		case 1:
			h.Deliver(events)
			h.Deliver(events)
		case 2, 3:
			late = append(late, events...)
		default:
			h.Deliver(events)
			if len(late) > 0 && r.IntN(2) == 0 {
				h.Deliver(late)
				late = nil
			}
		}
	}
	h.Deliver(late)
}

// reader subscribes at a random moment from a random place and reads up to an end marker.
type reader struct {
	viewer parley.Viewer
	since  int64 // as asked; the expected events start after ReadyID when it is -1
	ready  int64
	got    []parley.Event
	err    error
}

func (rd *reader) run(ctx context.Context, h *Hub, subscribed *sync.WaitGroup) {
	s, err := h.Subscribe(ctx, rd.viewer, rd.since)
	subscribed.Done()
	if err != nil {
		rd.err = err
		return
	}
	defer s.Close()
	rd.ready = s.ReadyID()
	for {
		events, err := s.Next(ctx)
		if err != nil {
			rd.err = err
			return
		}
		rd.got = append(rd.got, events...)
		for _, e := range events {
			if e.Kind == "test.end" {
				return
			}
		}
	}
}

// want is what rd should have read from all, the whole log.
func (rd *reader) want(all []parley.Event) []int64 {
	from := rd.since
	if from < 0 {
		from = rd.ready
	}
	var out []int64
	for _, e := range all {
		if e.ID > from && rd.viewer.CanSee(e) {
			out = append(out, e.ID)
			if e.Kind == "test.end" {
				break
			}
		}
	}
	return out
}

func TestSubscribeNeverMissesNorDoubles(t *testing.T) {
	const nodes, perNode, readers = 4, 400, 60
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{PollInterval: 2 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), 2*waitLimit)
	defer cancel()

	var commits, reads, subscribed sync.WaitGroup
	for i := range nodes {
		commits.Go(func() { node(t, h, log, uint64(i), perNode) })
	}
	r := rand.New(rand.NewPCG(99, 1))
	viewers := hammerViewers()
	rds := make([]*reader, readers)
	for i := range rds {
		rd := &reader{viewer: viewers[i%len(viewers)], since: -1}
		if i%3 != 0 {
			rd.since = r.Int64N(log.Len() + 1)
		}
		rds[i] = rd
		subscribed.Add(1)
		reads.Go(func() { rd.run(ctx, h, &subscribed) })
		waitFor(t, "more commits", func() bool { return log.Len() >= int64(i*nodes*perNode/readers) })
	}
	commits.Wait()
	subscribed.Wait() // or some would start after the end
	h.Deliver(log.Append(endMarkers()...))
	reads.Wait()

	all, err := log.Events(ctx, parley.EventFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, rd := range rds {
		var got []int64
		for _, e := range rd.got {
			got = append(got, e.ID)
		}
		if want := rd.want(all); rd.err != nil || !slices.Equal(got, want) {
			t.Errorf("reader %d (%+v since %d, ready %d): err %v\n got %v\nwant %v", i, rd.viewer, rd.since, rd.ready, rd.err, got, want)
		}
	}
}

func TestSubscribeRefusesALongCatchUp(t *testing.T) {
	log := &realtimetest.Log{}
	log.Append(staffEvents(10)...)
	log.Append(parley.Event{Audience: parley.AudienceVisitor, IdentityID: 10})
	h := startHub(t, log, HubOptions{MaxCatchUp: 5})
	_, err := h.Subscribe(context.Background(), supervisor(), 0)
	var resync *ResyncError
	if !errors.As(err, &resync) || resync.LastID != 11 {
		t.Fatalf("10 events to catch up: %v, want a resync from 11", err)
	}
	// Exactly MaxCatchUp is fine, and only the events the viewer may see count.
	if got := readUntil(t, subscribe(t, h, supervisor(), 5), 10); !slices.Equal(got, ids(6, 10)) {
		t.Fatalf("from 5: got %v, want 6..10", got)
	}
	if got := readUntil(t, subscribe(t, h, parley.Viewer{IdentityID: 10}, 0), 11); !slices.Equal(got, []int64{11}) {
		t.Fatalf("visitor: got %v, want [11]", got)
	}
	if n := h.Subscribers(); n != 2 {
		t.Fatalf("%d subscribers, want 2: the refused one must not stay", n)
	}
}

func TestSubscribeRefusesAnIDFromTheFuture(t *testing.T) {
	log := &realtimetest.Log{}
	log.Append(staffEvents(3)...)
	h := startHub(t, log, HubOptions{})
	_, err := h.Subscribe(context.Background(), supervisor(), 7)
	var resync *ResyncError
	if !errors.As(err, &resync) || resync.LastID != 3 {
		t.Fatalf("since 7 of 3: %v, want a resync from 3", err)
	}
}

func TestSubscribeAheadOfTheHub(t *testing.T) {
	// The client saw events 1..3 on a node whose bus was faster than this one's.
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{})
	e := log.Append(staffEvents(3)...)
	s := subscribe(t, h, supervisor(), 3)
	h.Deliver(e)
	h.Deliver(log.Append(staff(parley.EventChatCreated)))
	if got := readUntil(t, s, 4); !slices.Equal(got, []int64{4}) {
		t.Fatalf("got %v, want [4]", got)
	}
}

func TestSubscriptionWakesItsConsumer(t *testing.T) {
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{})
	s := subscribe(t, h, supervisor(), -1)
	woken := make(chan struct{}, 10)
	s.OnWake(func() { woken <- struct{}{} })
	h.Deliver(log.Append(staffEvents(2)...))
	<-woken
	got, err := s.Take()
	for err == nil && len(got) < 2 {
		// The consumer woken keeps taking until nothing is left.
		more, err2 := s.Take()
		got, err = append(got, more...), err2
	}
	if err != nil || len(got) != 2 {
		t.Fatalf("got %v, %v", got, err)
	}
	if more, _ := s.Take(); len(more) != 0 {
		t.Fatalf("got %v after the queue was drained", more)
	}
	h.Deliver(log.Append(staff(parley.EventChatCreated)))
	<-woken // woken again: Take found nothing, so nobody was consuming
	h.Shutdown()
	waitFor(t, "a wake for the close", func() bool {
		_, err := s.Take()
		return errors.Is(err, ErrRestart)
	})
}
