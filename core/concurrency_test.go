package core_test

import (
	"encoding/json"
	"math/rand/v2"
	"sync"
	"testing"

	"parley"
	"parley/core"
	"parley/sqlstore/storetest"
)

// TestConcurrentRouting fires accepts, declines, completions, status changes, new chats
// and expiring invitations from many goroutines at once, then replays the event log and
// checks that no chat was ever owned or offered twice and no agent ever went past the limit.
func TestConcurrentRouting(t *testing.T) {
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			e := newEnv(t, db)
			const limit = 2
			agents := e.agents(6, limit, true)
			var wg sync.WaitGroup
			accepted := make(chan int64, 10000)
			for i := range 8 {
				wg.Go(func() { visitorLoop(e, i) })
			}
			for _, a := range agents {
				wg.Go(func() { agentLoop(e, a, agents, accepted) })
			}
			wg.Go(func() { timerLoop(e) })
			wg.Wait()
			close(accepted)
			checkAcceptedOnce(t, accepted)
			checkLog(t, e, limit)
		})
	}
}

func visitorLoop(e *env, seed int) {
	rng := rand.New(rand.NewPCG(uint64(seed), 1))
	v := e.visitor()
	for i := range 25 {
		if _, err := e.svc.VisitorSend(e.ctx, v, core.SendInput{ClientID: "m" + string(rune('a'+i)), Text: "hello"}); err != nil {
			e.t.Errorf("visitor send: %v", err)
			return
		}
		if rng.IntN(4) == 0 {
			if _, err := e.svc.VisitorComplete(e.ctx, v); err != nil && !parley.IsCode(err, parley.CodeConflict) {
				e.t.Errorf("visitor complete: %v", err)
			}
		}
	}
}

func agentLoop(e *env, a parley.Agent, all []parley.Agent, accepted chan<- int64) {
	rng := rand.New(rand.NewPCG(uint64(a.ID), 2))
	v := e.viewer(a)
	for range 60 {
		waiting, err := e.store.Chats(e.ctx, parley.ChatFilter{States: []parley.ChatState{parley.ChatWaiting}, Limit: 20})
		if err != nil {
			e.t.Errorf("list: %v", err)
			return
		}
		for _, c := range waiting {
			switch rng.IntN(3) {
			case 0: // any agent may click Accept on any waiting chat; only the invited one may win
				if _, err := e.svc.Accept(e.ctx, a, v, c.ID); err == nil {
					accepted <- c.ID
				} else if !parley.IsCode(err, parley.CodeConflict) {
					e.t.Errorf("accept: %v", err)
				}
			case 1:
				if err := e.svc.Decline(e.ctx, a, v, c.ID); err != nil && !parley.IsCode(err, parley.CodeConflict) {
					e.t.Errorf("decline: %v", err)
				}
			}
		}
		mine, err := e.store.Chats(e.ctx, parley.ChatFilter{OwnerID: a.ID, States: []parley.ChatState{parley.ChatInProgress}})
		if err != nil {
			e.t.Errorf("list: %v", err)
			return
		}
		for _, c := range mine {
			if rng.IntN(3) == 0 {
				if _, err := e.svc.Complete(e.ctx, a, v, c.ID); err != nil && !parley.IsCode(err, parley.CodeConflict) {
					e.t.Errorf("complete: %v", err)
				}
			}
		}
		if rng.IntN(8) == 0 {
			status := []parley.AgentStatus{parley.StatusActive, parley.StatusInactive}[rng.IntN(2)]
			target := all[rng.IntN(len(all))] // as a supervisor would, sometimes for a colleague
			by := a
			if target.ID != a.ID {
				by = e.admin
			}
			if _, err := e.svc.SetStatus(e.ctx, by, target.ID, status); err != nil {
				e.t.Errorf("status: %v", err)
			}
		}
	}
}

// timerLoop moves time on so invitations expire while agents click.
func timerLoop(e *env) {
	for range 40 {
		e.clock.Advance(e.queue.AcceptTimeout.Duration() / 3)
		if _, err := e.svc.FireDueTimers(e.ctx); err != nil {
			e.t.Errorf("timers: %v", err)
			return
		}
	}
}

func checkAcceptedOnce(t *testing.T, accepted <-chan int64) {
	seen := map[int64]bool{}
	n := 0
	for id := range accepted {
		if seen[id] {
			t.Errorf("chat %d was accepted successfully twice", id)
		}
		seen[id] = true
		n++
	}
	if n == 0 {
		t.Error("no accept succeeded: the test exercised nothing")
	}
}

// replay is the state that the event log describes.
type replay struct {
	limit   int
	owner   map[int64]int64 // chat → owner while in progress
	offered map[int64]int64 // chat → invited agent
	state   map[int64]parley.ChatState
	status  map[int64]parley.AgentStatus
}

func checkLog(t *testing.T, e *env, limit int) {
	r := replay{limit: limit, owner: map[int64]int64{}, offered: map[int64]int64{}, state: map[int64]parley.ChatState{}, status: map[int64]parley.AgentStatus{}}
	events := e.allEvents()
	counts := map[parley.EventKind]int{}
	for i, ev := range events {
		if ev.ID != int64(i+1) {
			t.Fatalf("event %d has id %d: ids must be gapless", i+1, ev.ID)
		}
		counts[ev.Kind]++
		r.apply(t, ev)
	}
	for _, k := range []parley.EventKind{parley.EventChatOffered, parley.EventChatAccepted, parley.EventChatOfferEnded, parley.EventChatCompleted} {
		if counts[k] == 0 {
			t.Errorf("no %s event: the test did not exercise it", k)
		}
	}
	for id, st := range r.state {
		c := e.chat(id)
		if c.State != st || c.OwnerID != r.owner[id] && st == parley.ChatInProgress || c.OfferedTo != r.offered[id] {
			t.Errorf("chat %d stored as %s owner %d offered %d; log says %s owner %d offered %d",
				id, c.State, c.OwnerID, c.OfferedTo, st, r.owner[id], r.offered[id])
		}
	}
}

func (r *replay) load(agent int64) int {
	n := 0
	for _, a := range r.owner {
		if a == agent {
			n++
		}
	}
	for _, a := range r.offered {
		if a == agent {
			n++
		}
	}
	return n
}

func (r *replay) apply(t *testing.T, ev parley.Event) {
	var c parley.Chat
	switch ev.Kind {
	case parley.EventAgentUpdated:
		var a parley.Agent
		mustDecode(t, ev.Data, &a)
		r.status[a.ID] = a.Status
		return
	case parley.EventChatOffered:
		var d struct{ Chat parley.Chat }
		mustDecode(t, ev.Data, &d)
		c = d.Chat
		if prev, ok := r.offered[c.ID]; ok {
			t.Fatalf("event %d: chat %d offered to %d while still offered to %d", ev.ID, c.ID, ev.AgentID, prev)
		}
		if r.status[ev.AgentID] != parley.StatusActive {
			t.Fatalf("event %d: chat offered to inactive agent %d", ev.ID, ev.AgentID)
		}
		r.offered[c.ID] = ev.AgentID
	case parley.EventChatOfferEnded:
		delete(r.offered, ev.ChatID)
	case parley.EventChatAccepted:
		mustDecode(t, ev.Data, &c)
		if r.offered[c.ID] != c.OwnerID {
			t.Fatalf("event %d: chat %d accepted by %d but offered to %d", ev.ID, c.ID, c.OwnerID, r.offered[c.ID])
		}
		if _, owned := r.owner[c.ID]; owned {
			t.Fatalf("event %d: chat %d accepted twice", ev.ID, c.ID)
		}
		delete(r.offered, c.ID)
		r.owner[c.ID] = c.OwnerID
	case parley.EventChatCompleted:
		delete(r.offered, ev.ChatID)
		delete(r.owner, ev.ChatID)
	}
	if ev.ChatID != 0 && ev.Kind != parley.EventMessageCreated {
		r.state[ev.ChatID] = stateAfter(ev.Kind, r.state[ev.ChatID])
	}
	if ev.AgentID != 0 {
		if l := r.load(ev.AgentID); l > r.limit {
			t.Fatalf("event %d: agent %d has %d chats, limit %d", ev.ID, ev.AgentID, l, r.limit)
		}
	}
}

func stateAfter(k parley.EventKind, prev parley.ChatState) parley.ChatState {
	switch k {
	case parley.EventChatCreated:
		return parley.ChatWaiting
	case parley.EventChatAccepted:
		return parley.ChatInProgress
	case parley.EventChatCompleted:
		return parley.ChatCompleted
	}
	return prev
}

func mustDecode(t *testing.T, data json.RawMessage, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("event data %s: %v", data, err)
	}
}
