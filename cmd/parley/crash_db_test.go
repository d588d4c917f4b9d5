package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"parley"
)

// The database behind the server, read directly to check what the server stored.

// dbState is everything the checks need from the database, read while nothing writes
// (the server is dead or stopped), so the pieces agree with one another.
type dbState struct {
	chats    []parley.Chat
	messages []parley.Message
	events   []parley.Event
	timers   []parley.Timer
	agents   []parley.Agent
}

func (r *crashRun) readState() dbState {
	var st dbState
	// Read in a write transaction: its first statement waits for whatever
	// transaction the killed server left in flight (PostgreSQL goes on with a
	// pipeline it has received, COMMIT included, after its client is gone), and
	// nothing else commits until the reads are done, so the pieces agree.
	err := r.check.Write(context.Background(), func(tx parley.Tx) error {
		var err error
		st, err = readStateFrom(context.Background(), tx)
		return err
	})
	if err != nil {
		r.t.Fatal(err)
	}
	return st
}

func readStateFrom(ctx context.Context, rd parley.Reader) (dbState, error) {
	var st dbState
	for before := int64(0); ; {
		page, err := rd.Chats(ctx, parley.ChatFilter{BeforeID: before, Limit: 500})
		if err != nil {
			return st, err
		}
		st.chats = append(st.chats, page...)
		if len(page) < 500 {
			break
		}
		before = page[len(page)-1].ID
	}
	for _, c := range st.chats {
		for after := int64(0); ; {
			page, err := rd.Messages(ctx, parley.MessageFilter{ChatID: c.ID, AfterSeq: after, Limit: 1000, IncludeInternal: true})
			if err != nil {
				return st, err
			}
			st.messages = append(st.messages, page...)
			if len(page) < 1000 {
				break
			}
			after = page[len(page)-1].Seq
		}
	}
	var err error
	if st.events, err = eventsFrom(ctx, rd, 0); err != nil {
		return st, err
	}
	if st.timers, err = rd.DueTimers(ctx, time.Now().Add(24*time.Hour), 1000); err != nil {
		return st, err
	}
	if len(st.timers) == 1000 {
		return st, fmt.Errorf("1000 timers or more: the check would miss some")
	}
	st.agents, err = rd.Agents(ctx)
	return st, err
}

// events reads the whole log after an id, whoever may see it.
func (r *crashRun) events(after int64) []parley.Event {
	all, err := eventsFrom(context.Background(), r.check, after)
	if err != nil {
		r.t.Fatal(err)
	}
	return all
}

func eventsFrom(ctx context.Context, rd parley.Reader, after int64) ([]parley.Event, error) {
	var all []parley.Event
	for {
		page, err := rd.Events(ctx, parley.EventFilter{After: after, Limit: 10000, All: true})
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) < 10000 {
			return all, nil
		}
		after = page[len(page)-1].ID
	}
}

// lastVisible returns the id of the last event v may see, or 0.
func lastVisible(events []parley.Event, v parley.Viewer) int64 {
	for i := len(events) - 1; i >= 0; i-- {
		if v.CanSee(events[i]) {
			return events[i].ID
		}
	}
	return 0
}

// offers returns the invitations pending in the state.
func (st dbState) offers() []pendingOffer {
	var out []pendingOffer
	for _, c := range st.chats {
		if c.State != parley.ChatWaiting || c.OfferedTo == 0 {
			continue
		}
		o := pendingOffer{chatID: c.ID, agentID: c.OfferedTo, seq: c.OfferSeq}
		if t, ok := st.offerTimer(c); ok {
			o.due = t.DueAt
		}
		out = append(out, o)
	}
	return out
}

// newRounds returns the chats that wait unoffered for a new routing round, each
// with its round's due time.
func (st dbState) newRounds() []pendingOffer {
	var out []pendingOffer
	for _, t := range st.timers {
		c := st.chat(t.ChatID)
		if t.Kind == parley.TimerNewRound && c.State == parley.ChatWaiting && c.OfferedTo == 0 && t.Ref == c.OfferSeq {
			out = append(out, pendingOffer{chatID: c.ID, seq: c.OfferSeq, due: t.DueAt})
		}
	}
	return out
}

// offerTimer finds the timer that ends chat c's current invitation.
func (st dbState) offerTimer(c parley.Chat) (parley.Timer, bool) {
	for _, t := range st.timers {
		if t.Kind == parley.TimerOfferExpiry && t.ChatID == c.ID && t.AgentID == c.OfferedTo && t.Ref == c.OfferSeq {
			return t, true
		}
	}
	return parley.Timer{}, false
}

// awaitsNewRound reports whether the chat waits unoffered for a new routing round:
// every free agent passed on it, and a timer will offer it again.
func (st dbState) awaitsNewRound(c parley.Chat) bool {
	return slices.ContainsFunc(st.timers, func(t parley.Timer) bool {
		return t.Kind == parley.TimerNewRound && t.ChatID == c.ID && t.Ref == c.OfferSeq
	})
}

// createdEvents maps message ids to the message.created events that carry them.
func createdEvents(t *testing.T, events []parley.Event) map[int64][]parley.Event {
	t.Helper()
	out := map[int64][]parley.Event{}
	for _, e := range events {
		if e.Kind == parley.EventMessageCreated {
			var m parley.Message
			if err := json.Unmarshal(e.Data, &m); err != nil {
				t.Fatalf("event %d: %v", e.ID, err)
			}
			out[m.ID] = append(out[m.ID], e)
		}
	}
	return out
}

// Checks.

// chatRule is something every chat satisfies, whenever the server died.
type chatRule struct {
	rule  string
	holds func(parley.Chat) bool
}

func chatRules() []chatRule {
	return []chatRule{
		{"its state is known", func(c parley.Chat) bool { return c.State.Valid() }},
		{"it has an owner if and only if it was accepted", func(c parley.Chat) bool { return (c.OwnerID != 0) == (c.AcceptedAt != nil) }},
		{"a waiting chat has no owner", func(c parley.Chat) bool { return c.State != parley.ChatWaiting || c.OwnerID == 0 }},
		{"a chat in progress has an owner", func(c parley.Chat) bool { return c.State != parley.ChatInProgress || c.OwnerID != 0 }},
		{"only a waiting chat holds an invitation", func(c parley.Chat) bool { return c.State == parley.ChatWaiting || c.OfferedTo == 0 }},
		{"it has a completion time if and only if it is completed", func(c parley.Chat) bool {
			return (c.State == parley.ChatCompleted) == (c.CompletedAt != nil)
		}},
	}
}

// checkChats checks every chat on its own, against the agents' limits, against its
// timers, its events and its messages.
func (r *crashRun) checkChats(st dbState, when string) {
	t := r.t
	t.Helper()
	load := map[int64]int{}
	open := map[int64]int64{}        // identity → its chat that is not completed
	unoffered := map[int64][]int64{} // queue → chats waiting for an invitation
	for _, c := range st.chats {
		for _, rule := range chatRules() {
			if !rule.holds(c) {
				t.Errorf("%s: chat %d breaks the rule %q: %+v", when, c.ID, rule.rule, c)
			}
		}
		if c.Open() {
			if other, ok := open[c.IdentityID]; ok {
				t.Errorf("%s: identity %d has two open chats, %d and %d", when, c.IdentityID, other, c.ID)
			}
			open[c.IdentityID] = c.ID
		}
		if c.State == parley.ChatInProgress {
			load[c.OwnerID]++
		}
		if c.OfferedTo != 0 {
			load[c.OfferedTo]++
			if _, ok := st.offerTimer(c); !ok && c.State == parley.ChatWaiting {
				t.Errorf("%s: chat %d is offered to agent %d (offer %d) with no timer to end the invitation", when, c.ID, c.OfferedTo, c.OfferSeq)
			}
		}
		if c.State == parley.ChatWaiting && c.OfferedTo == 0 && !st.awaitsNewRound(c) {
			unoffered[c.QueueID] = append(unoffered[c.QueueID], c.ID)
		}
	}
	for _, tm := range st.timers {
		known := tm.Kind == parley.TimerOfferExpiry || tm.Kind == parley.TimerNewRound
		if !known || st.chat(tm.ChatID).ID == 0 {
			t.Errorf("%s: timer %+v is of no known kind or chat", when, tm)
		}
	}
	active := map[int64]bool{}
	for _, a := range st.agents {
		active[a.ID] = a.Status == parley.StatusActive && !a.Disabled
	}
	for _, q := range r.queues {
		for _, id := range q.Members {
			if load[id] > q.ChatLimit {
				t.Errorf("%s: agent %d holds %d chats, over the limit of %d", when, id, load[id], q.ChatLimit)
			}
			// Routing runs in the transaction that frees a place, so a chat never waits
			// while an agent of its queue has room, crash or not.
			if len(unoffered[q.ID]) > 0 && active[id] && load[id] < q.ChatLimit {
				t.Errorf("%s: chats %v wait, offered to nobody, while agent %d holds %d of %d", when, unoffered[q.ID], id, load[id], q.ChatLimit)
			}
		}
	}
	r.checkChatEvents(st, when)
	r.checkSeqs(st, when)
}

// checkChatEvents checks that each chat's events tell its story: a change of state
// and its event are committed together or not at all.
func (r *crashRun) checkChatEvents(st dbState, when string) {
	t := r.t
	count := map[int64]map[parley.EventKind]int{}
	for _, e := range st.events {
		if e.ChatID == 0 {
			continue
		}
		if count[e.ChatID] == nil {
			count[e.ChatID] = map[parley.EventKind]int{}
		}
		count[e.ChatID][e.Kind]++
		if e.Kind == parley.EventChatAccepted {
			if c := st.chat(e.ChatID); c.OwnerID != e.AgentID {
				t.Errorf("%s: event %d says agent %d accepted chat %d, but its owner is %d", when, e.ID, e.AgentID, e.ChatID, c.OwnerID)
			}
		}
	}
	for _, c := range st.chats {
		for _, want := range []struct {
			kind parley.EventKind
			n    int64
		}{
			{parley.EventChatCreated, 1},
			{parley.EventChatOffered, c.OfferSeq},
			{parley.EventChatAccepted, oneIf(c.AcceptedAt != nil)},
			{parley.EventChatCompleted, oneIf(c.State == parley.ChatCompleted)},
			{parley.EventMessageCreated, c.LastSeq},
		} {
			if got := int64(count[c.ID][want.kind]); got != want.n {
				t.Errorf("%s: chat %d has %d %s events, want %d: %+v", when, c.ID, got, want.kind, want.n, c)
			}
		}
	}
}

func oneIf(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func (st dbState) chat(id int64) parley.Chat {
	for _, c := range st.chats {
		if c.ID == id {
			return c
		}
	}
	return parley.Chat{}
}

// checkSeqs checks that each chat's messages are numbered 1…last_seq without a gap,
// and that each message has exactly one message.created event.
func (r *crashRun) checkSeqs(st dbState, when string) {
	t := r.t
	seqs := map[int64][]int64{}
	for _, m := range st.messages {
		seqs[m.ChatID] = append(seqs[m.ChatID], m.Seq)
	}
	for _, c := range st.chats {
		s := seqs[c.ID]
		for i, seq := range s {
			if seq != int64(i+1) {
				t.Errorf("%s: chat %d's messages are numbered %v, want 1…%d", when, c.ID, s, c.LastSeq)
				break
			}
		}
		if int64(len(s)) != c.LastSeq {
			t.Errorf("%s: chat %d has %d messages but last_seq %d", when, c.ID, len(s), c.LastSeq)
		}
	}
	created := createdEvents(t, st.events)
	for _, m := range st.messages {
		if n := len(created[m.ID]); n != 1 {
			t.Errorf("%s: message %d (%q) has %d message.created events", when, m.ID, m.ClientID, n)
		}
	}
	if len(created) != len(st.messages) {
		t.Errorf("%s: %d messages have events, %d messages are stored", when, len(created), len(st.messages))
	}
}

// checkMessages checks every message a client sent against the database: stored
// exactly once when acknowledged (under the id the ack gave), never when refused,
// at most once otherwise; and resent when a connection dropped before its answer.
func (r *crashRun) checkMessages(st dbState) {
	t := r.t
	stored := map[string][]parley.Message{}
	for _, m := range st.messages {
		if m.ClientID != "" {
			stored[m.ClientID] = append(stored[m.ClientID], m)
		}
	}
	sentIDs := map[string]bool{}
	var orphans, firstWasStored, replies, refused int
	for _, c := range r.senders() {
		idle := c == sender(r.idle)
		for _, s := range c.outbox().all {
			sentIDs[s.clientID] = true
			ms := stored[s.clientID]
			switch {
			case len(ms) > 1:
				t.Errorf("%s: %s is stored %d times: %+v", c.base().name, s.clientID, len(ms), ms)
			case s.acked && len(ms) == 0:
				t.Errorf("%s: %s was acknowledged as message %d but is not stored", c.base().name, s.clientID, s.id)
			case s.acked && ms[0].ID != s.id:
				t.Errorf("%s: %s was acknowledged as message %d but is stored as %d", c.base().name, s.clientID, s.id, ms[0].ID)
			case s.refused != "" && len(ms) > 0:
				t.Errorf("%s: %s was refused (%s) but is stored as message %d", c.base().name, s.clientID, s.refused, ms[0].ID)
			case !s.settled() && !idle:
				t.Errorf("%s: %s was never answered", c.base().name, s.clientID)
			}
			if s.chatID != 0 && s.acked {
				replies++
			}
			if s.refused != "" {
				refused++
			}
			if s.orphaned && !idle {
				orphans++
				if s.sends < 2 {
					t.Errorf("%s: %s was in flight when its connection dropped but was not sent again", c.base().name, s.clientID)
				}
				if s.acked && !s.created {
					firstWasStored++
				}
			}
		}
	}
	for id, ms := range stored {
		if !sentIDs[id] {
			t.Errorf("message %d has client_id %q, which no client sent", ms[0].ID, id)
		}
	}
	if orphans == 0 {
		t.Error("no message was in flight when a connection dropped: the kill proved nothing")
	}
	if firstWasStored < r.scale.kills {
		t.Errorf("%d resent messages came back as stored before the kill, want at least one per kill (%d) from the deaf visitor",
			firstWasStored, r.scale.kills)
	}
	t.Logf("%d messages in flight at a drop were resent with their client_id (%d of them had been stored before the kill); %d replies stored, %d refused",
		orphans, firstWasStored, replies, refused)
}

// senders returns the clients that send messages.
func (r *crashRun) senders() []sender {
	var out []sender
	for _, a := range r.agents {
		out = append(out, a)
	}
	for _, v := range r.visitors {
		out = append(out, v)
	}
	return out
}

// checkReaders checks every client's websockets, over all its connections, against
// the log: exactly the events it may see, each once, in order, up to the last id it
// reached — which, for a client that reconnects, is the end of the log when the
// load stopped — and every acknowledged message it may see exactly once.
func (r *crashRun) checkReaders(st dbState, tops map[client]int64) {
	t := r.t
	created := createdEvents(t, st.events)
	var acked []*sent
	for _, c := range r.senders() {
		for _, s := range c.outbox().all {
			if s.acked {
				acked = append(acked, s)
			}
		}
	}
	for _, c := range r.clients() {
		b := c.base()
		idle := c == client(r.idle)
		if !idle && b.lastID < tops[c] {
			t.Errorf("%s stopped at event %d, short of %d", b.name, b.lastID, tops[c])
		}
		var want []string
		for _, e := range st.events {
			if e.ID <= b.lastID && b.viewer.CanSee(e) {
				want = append(want, eventKey(e))
			}
		}
		got := make([]string, len(b.events))
		delivered := map[int64]int{}
		for i, e := range b.events {
			got[i] = eventKey(e)
			if e.Kind == parley.EventMessageCreated {
				var m parley.Message
				_ = json.Unmarshal(e.Data, &m)
				delivered[m.ID]++
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s received %d events over %d connections, the log has %d for it up to %d; first difference: %s",
				b.name, len(got), b.conns, len(want), b.lastID, firstDifference(got, want))
		}
		for _, s := range acked {
			e := created[s.id]
			if len(e) != 1 || !b.viewer.CanSee(e[0]) || (idle && e[0].ID > b.lastID) {
				continue // its event is checked with the log; this reader may not see it
			}
			if n := delivered[s.id]; n != 1 {
				t.Errorf("%s received message %d (%s) %d times", b.name, s.id, s.clientID, n)
			}
		}
	}
}

func eventKey(e parley.Event) string { return fmt.Sprintf("%d:%s", e.ID, e.Kind) }

func firstDifference(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("at %d received %s, the log has %s", i, got[i], want[i])
		}
	}
	if len(got) > len(want) {
		return "received more: " + got[len(want)]
	}
	if len(want) > len(got) {
		return "missing: " + want[len(got)]
	}
	return "none"
}
