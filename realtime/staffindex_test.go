package realtime

import (
	"math/rand/v2"
	"slices"
	"testing"

	"parley"
	"parley/realtime/realtimetest"
)

// TestFanOutReachesWhoCanSee drives a hub through random subscriptions, departures,
// changes of queues and roles and events, and checks after each event that exactly
// the agent subscriptions whose viewer can see it received it, once: the index
// that picks candidates must follow every change.
func TestFanOutReachesWhoCanSee(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{})
	var subs []*Subscription
	fan := func(e parley.Event) parley.Event {
		e = log.Append(e)[0]
		h.mu.Lock()
		h.fanOut(e)
		h.mu.Unlock()
		return e
	}
	checked := 0
	for step := range 2000 {
		switch r := rnd.IntN(10); {
		case r < 2:
			subs = append(subs, subscribe(t, h, anyViewer(rnd), -1))
		case r < 3 && len(subs) > 0:
			i := rnd.IntN(len(subs))
			subs[i].Close()
			subs = append(subs[:i], subs[i+1:]...)
		case r < 4:
			fan(anyViewerChange(rnd))
		default:
			e := fan(anyAudienceEvent(rnd))
			checked += checkReceived(t, h, subs, e, step)
		}
		subs = drain(subs)
		checkIndex(t, h, step)
	}
	if checked < 500 {
		t.Fatalf("only %d deliveries checked", checked)
	}
}

func anyViewer(rnd *rand.Rand) parley.Viewer {
	v := parley.Viewer{AgentID: rnd.Int64N(12) + 1, Role: parley.RoleAgent}
	if rnd.IntN(5) == 0 {
		v.Role = parley.RoleSupervisor
	}
	for q := int64(1); q <= 5; q++ {
		if rnd.IntN(3) == 0 {
			v.Queues = append(v.Queues, q)
		}
	}
	return v
}

// anyViewerChange updates a queue's members or an agent's role.
func anyViewerChange(rnd *rand.Rand) parley.Event {
	if rnd.IntN(2) == 0 {
		q := parley.Queue{ID: rnd.Int64N(5) + 1}
		for a := int64(1); a <= 12; a++ {
			if rnd.IntN(3) == 0 {
				q.Members = append(q.Members, a)
			}
		}
		return parley.NewEvent(parley.EventQueueUpdated, parley.AudienceStaff, q)
	}
	roles := []parley.Role{parley.RoleAgent, parley.RoleSupervisor, parley.RoleAdmin}
	a := parley.Agent{ID: rnd.Int64N(12) + 1, Role: roles[rnd.IntN(len(roles))]}
	return parley.NewEvent(parley.EventAgentUpdated, parley.AudienceStaff, a)
}

func anyAudienceEvent(rnd *rand.Rand) parley.Event {
	auds := []parley.Audience{parley.AudienceQueue, parley.AudienceAgent, parley.AudienceQueue | parley.AudienceAgent,
		parley.AudienceStaff, parley.AudienceVisitor | parley.AudienceQueue, parley.AudienceVisitor}
	return parley.Event{Kind: parley.EventChatOffered, Audience: auds[rnd.IntN(len(auds))],
		QueueID: rnd.Int64N(6), AgentID: rnd.Int64N(13), IdentityID: 1, Data: []byte(`{}`)}
}

// checkReceived takes what each subscription has and compares it with e's audience.
func checkReceived(t *testing.T, h *Hub, subs []*Subscription, e parley.Event, step int) int {
	t.Helper()
	n := 0
	for _, s := range subs {
		h.mu.Lock()
		want := s.viewer.CanSee(e)
		v := s.viewer
		h.mu.Unlock()
		got, err := s.take()
		if err != nil {
			t.Fatalf("step %d: subscription closed: %v", step, err)
		}
		if len(got) > 1 || (len(got) == 1) != want || want && got[0].event.ID != e.ID {
			t.Fatalf("step %d: viewer %+v got %d events for %+v, want it: %v", step, v, len(got), e, want)
		}
		n += len(got)
	}
	return n
}

// drain empties the queues and forgets the subscriptions a change revoked.
func drain(subs []*Subscription) []*Subscription {
	open := subs[:0]
	for _, s := range subs {
		if _, err := s.take(); err == nil {
			open = append(open, s)
		}
	}
	return open
}

// checkIndex compares the hub's index, if built, with one built afresh.
func checkIndex(t *testing.T, h *Hub, step int) {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.staff == nil {
		return
	}
	fresh := &staffIndex{queues: make(map[int64][]*Subscription)}
	for _, subs := range h.agents {
		for _, s := range subs {
			fresh.add(s)
		}
	}
	same := func(a, b []*Subscription) bool {
		return len(a) == len(b) && !slices.ContainsFunc(a, func(s *Subscription) bool { return !slices.Contains(b, s) })
	}
	if !same(h.staff.all, fresh.all) || len(h.staff.queues) != len(fresh.queues) {
		t.Fatalf("step %d: the index has %d who see all and %d queues, want %d and %d",
			step, len(h.staff.all), len(h.staff.queues), len(fresh.all), len(fresh.queues))
	}
	for id, subs := range fresh.queues {
		if !same(h.staff.queues[id], subs) {
			t.Fatalf("step %d: queue %d indexes %d subscriptions, want %d", step, id, len(h.staff.queues[id]), len(subs))
		}
	}
}
