package main

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"parley"
)

// routingReplay follows the event log in order and keeps what routing must never
// break: one invitation at a time per chat outside open offers, one owner per
// chat, no agent above their limit, every timer's outcome once.
type routingReplay struct {
	limit    int
	offers   map[int64]map[int64]bool // chat → agents with a pending invitation → whether it is open
	owner    map[int64]int64          // chat → agent, while in progress
	owned    map[int64]int            // agent → chats in progress
	pending  map[int64]int            // agent → pending invitations other than open offers
	breaches map[string]bool          // chat/kind/due of every missed reply time
	counts   map[string]int           // what happened, to see the run exercised it
	problems []string
}

func newRoutingReplay(limit int) *routingReplay {
	return &routingReplay{limit: limit, offers: map[int64]map[int64]bool{}, owner: map[int64]int64{},
		owned: map[int64]int{}, pending: map[int64]int{}, breaches: map[string]bool{}, counts: map[string]int{}}
}

// checkRouting replays the log and fails t with what went wrong, and when the run
// did not exercise open offers, declines, expiries, transfers or missed reply times.
func checkRouting(t *testing.T, events []parley.Event, limit int) {
	t.Helper()
	r := newRoutingReplay(limit)
	for _, e := range events {
		r.apply(e)
	}
	for _, p := range r.problems {
		t.Error(p)
	}
	for _, what := range []string{"open offer", "declined", "expired", "transfer", "breach", "accepted"} {
		if r.counts[what] == 0 {
			t.Errorf("the run had no %s", what)
		}
	}
	t.Logf("replayed %d events: %v", len(events), r.counts)
}

func (r *routingReplay) problem(e parley.Event, format string, args ...any) {
	r.problems = append(r.problems, fmt.Sprintf("event %d (%s, chat %d, agent %d): ", e.ID, e.Kind, e.ChatID, e.AgentID)+
		fmt.Sprintf(format, args...))
}

func (r *routingReplay) apply(e parley.Event) {
	var d struct {
		parley.Chat
		Inner  parley.Chat `json:"chat"` // the chat inside offers, breaches and owner changes
		Reason string      `json:"reason"`
		Kind   string      `json:"kind"`
		DueAt  time.Time   `json:"due_at"`
		From   int64       `json:"from_agent_id"`
		To     int64       `json:"to_agent_id"`
	}
	if routingKinds[e.Kind] {
		if err := json.Unmarshal(e.Data, &d); err != nil {
			r.problem(e, "data: %v", err)
			return
		}
	}
	switch e.Kind {
	case parley.EventChatOffered:
		r.offered(e, d.Inner)
	case parley.EventChatOfferEnded:
		r.offerEnded(e, d.Reason)
	case parley.EventChatAccepted:
		r.take(e, e.ChatID, d.OwnerID)
	case parley.EventChatCreated:
		if d.State == parley.ChatInProgress {
			r.take(e, e.ChatID, d.OwnerID)
		}
	case parley.EventChatCompleted:
		r.complete(e)
	case parley.EventChatOwnerChanged:
		if r.owner[e.ChatID] == d.From { // the change has two events, one per audience
			r.release(e.ChatID)
			r.take(e, e.ChatID, d.To)
		}
	case parley.EventChatTransferred:
		r.counts["transfer"]++
	case parley.EventChatSLABreached:
		r.breached(e, d.Kind, d.DueAt)
	}
}

// routingKinds are the events the replay reads the data of.
var routingKinds = map[parley.EventKind]bool{parley.EventChatOffered: true, parley.EventChatOfferEnded: true,
	parley.EventChatAccepted: true, parley.EventChatCreated: true, parley.EventChatCompleted: true,
	parley.EventChatOwnerChanged: true, parley.EventChatSLABreached: true}

func (r *routingReplay) offered(e parley.Event, c parley.Chat) {
	invited := r.offers[e.ChatID]
	_, again := invited[e.AgentID]
	switch {
	case again:
		r.problem(e, "offered again while the first invitation stands")
	case len(invited) > 0 && !c.OpenOffer:
		r.problem(e, "offered while invitations to %v stand", keys(invited))
	case r.owner[e.ChatID] != 0:
		r.problem(e, "offered while agent %d owns it", r.owner[e.ChatID])
	}
	if invited == nil {
		invited = map[int64]bool{}
		r.offers[e.ChatID] = invited
	}
	invited[e.AgentID] = c.OpenOffer
	if c.OpenOffer {
		r.counts["open offer"]++
		return
	}
	r.pending[e.AgentID]++
	r.checkLoad(e, e.AgentID)
}

// offerEnded ends one invitation. An invitation that was not pending has ended
// twice: its expiry timer fired again, or a decline raced it.
func (r *routingReplay) offerEnded(e parley.Event, reason string) {
	r.counts[reason]++
	open, ok := r.offers[e.ChatID][e.AgentID]
	if !ok {
		r.problem(e, "invitation ended (%s) but none was pending", reason)
		return
	}
	delete(r.offers[e.ChatID], e.AgentID)
	if !open {
		r.pending[e.AgentID]--
	}
}

// take makes agentID the owner: the chat must have none, and no invitation but
// the taker's may still stand.
func (r *routingReplay) take(e parley.Event, chatID, agentID int64) {
	r.counts["accepted"]++
	if prev := r.owner[chatID]; prev != 0 {
		r.problem(e, "taken by agent %d while agent %d owns it", agentID, prev)
	}
	for other, open := range r.offers[chatID] {
		if other != agentID {
			r.problem(e, "taken by agent %d while agent %d is still invited", agentID, other)
		}
		if !open {
			r.pending[other]--
		}
	}
	delete(r.offers, chatID)
	r.owner[chatID] = agentID
	r.owned[agentID]++
	r.checkLoad(e, agentID)
}

func (r *routingReplay) complete(e parley.Event) {
	if len(r.offers[e.ChatID]) > 0 {
		r.problem(e, "completed with invitations to %v standing", keys(r.offers[e.ChatID]))
	}
	r.release(e.ChatID)
}

func (r *routingReplay) release(chatID int64) {
	if a := r.owner[chatID]; a != 0 {
		r.owned[a]--
		delete(r.owner, chatID)
	}
}

// checkLoad holds the agent to their limit: chats in progress alone, and with
// their pending invitations, which routing counts as load too (open offers
// excepted: an agent may be invited to many, and accepts only with room).
func (r *routingReplay) checkLoad(e parley.Event, agentID int64) {
	if n := r.owned[agentID]; n > r.limit {
		r.problem(e, "agent %d has %d chats in progress, above their limit of %d", agentID, n, r.limit)
	}
	if n := r.owned[agentID] + r.pending[agentID]; n > r.limit {
		r.problem(e, "agent %d has %d chats and invitations, above their limit of %d", agentID, n, r.limit)
	}
}

// breached records a missed reply time: each timer's breach is recorded once.
func (r *routingReplay) breached(e parley.Event, kind string, due time.Time) {
	r.counts["breach"]++
	key := fmt.Sprintf("%d/%s/%s", e.ChatID, kind, due.Format(time.RFC3339Nano))
	if r.breaches[key] {
		r.problem(e, "%s time due at %s missed twice", kind, due)
	}
	r.breaches[key] = true
}

func keys(m map[int64]bool) []int64 {
	var out []int64
	for k := range m {
		out = append(out, k)
	}
	return out
}
