package sqlstore_test

import (
	"context"
	"slices"
	"testing"

	"parley"
	"parley/sqlstore"
)

func TestRouting(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		carl, dana, eve := newAgent("carl@example.com"), newAgent("dana@example.com"), newAgent("eve@example.com")
		carl.Status = parley.StatusInactive
		dana.Disabled = true
		eve.LastAssignedAt = at(50)
		write(t, s, func(tx parley.Tx) error {
			for _, a := range []*parley.Agent{&carl, &dana, &eve} {
				if err := tx.CreateAgent(ctx, a); err != nil {
					return err
				}
			}
			q := f.queue
			q.Members = append(q.Members, carl.ID, dana.ID, eve.ID)
			return tx.UpdateQueue(ctx, q)
		})
		// agent: two in progress, one offered, one completed (not counted); agent2: one offered; in queue2 too.
		chat := func(name string, queueID int64, state parley.ChatState, owner, offered int64) parley.Chat {
			c := f.chat(f.newIdentity(t, name), queueID)
			c.State, c.OwnerID, c.OfferedTo = state, owner, offered
			f.createChat(t, &c)
			return c
		}
		chat("a", f.queue.ID, parley.ChatInProgress, f.agent.ID, 0)
		chat("b", f.queue2.ID, parley.ChatInProgress, f.agent.ID, 0)
		chat("c", f.queue.ID, parley.ChatCompleted, f.agent.ID, 0)
		offered := chat("d", f.queue.ID, parley.ChatWaiting, 0, f.agent.ID)
		chat("e", f.queue.ID, parley.ChatWaiting, 0, f.agent2.ID)
		w1 := chat("f", f.queue.ID, parley.ChatWaiting, 0, 0)
		w2 := chat("g", f.queue.ID, parley.ChatWaiting, 0, 0)
		chat("h", f.queue2.ID, parley.ChatWaiting, 0, 0)

		expect(t, "Candidates", []parley.Candidate{
			{AgentID: f.agent.ID, Load: 3},
			{AgentID: f.agent2.ID, Load: 1},
			{AgentID: eve.ID, Load: 0, LastAssignedAt: at(50)},
		})(s.Candidates(ctx, f.queue.ID))
		expect(t, "Candidates of an empty queue", []parley.Candidate{})(s.Candidates(ctx, f.queue2.ID))
		expect(t, "AgentLoad", 3)(s.AgentLoad(ctx, f.agent.ID))
		expect(t, "AgentLoad of an idle agent", 0)(s.AgentLoad(ctx, eve.ID))
		_, err := s.AgentLoad(ctx, 999)
		wantCode(t, "AgentLoad of nobody", err, parley.CodeNotFound)

		expect(t, "WaitingChats, oldest first", []parley.Chat{w1, w2})(s.WaitingChats(ctx, f.queue.ID, 10))
		expect(t, "WaitingChats limited", []parley.Chat{w1})(s.WaitingChats(ctx, f.queue.ID, 1))

		expect(t, "Declines of none", []int64{})(s.Declines(ctx, offered.ID))
		write(t, s, func(tx parley.Tx) error {
			for _, a := range []int64{f.agent2.ID, f.agent.ID, f.agent2.ID} {
				if err := tx.AddDecline(ctx, offered.ID, a); err != nil {
					return err
				}
			}
			return nil
		})
		write(t, s, func(tx parley.Tx) error { return tx.AddDecline(ctx, offered.ID, f.agent.ID) })
		expect(t, "Declines", []int64{f.agent.ID, f.agent2.ID})(s.Declines(ctx, offered.ID))
		write(t, s, func(tx parley.Tx) error { return tx.AddDecline(ctx, w1.ID, eve.ID) })
		expect(t, "DeclinesOf, the chats asked for only", map[int64][]int64{offered.ID: {f.agent.ID, f.agent2.ID}})(
			s.DeclinesOf(ctx, []int64{w2.ID, offered.ID})) // w1 lies between them
		expect(t, "DeclinesOf none", map[int64][]int64{})(s.DeclinesOf(ctx, nil))
		write(t, s, func(tx parley.Tx) error { return tx.ClearDeclines(ctx, offered.ID) })
		expect(t, "Declines cleared", []int64{})(s.Declines(ctx, offered.ID))
		expect(t, "Declines of another chat kept", []int64{eve.ID})(s.Declines(ctx, w1.ID))

		expect(t, "AgentQueueTurns: the queue with chats waiting unoffered", []parley.QueueTurn{
			{QueueID: f.queue.ID, Priority: f.queue.Priority, Oldest: w1.CreatedAt},
		})(s.AgentQueueTurns(ctx, eve.ID))
		expect(t, "AgentQueueTurns of an agent in no queue", []parley.QueueTurn{})(s.AgentQueueTurns(ctx, 999))
		q, err := s.Queue(ctx, f.queue.ID)
		if err != nil || !slices.Equal(q.Members, []int64{f.agent.ID, f.agent2.ID, carl.ID, dana.ID, eve.ID}) {
			t.Errorf("Queue members %v (%v)", q.Members, err)
		}
	})
}

func TestTimers(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		timers := []parley.Timer{
			{Kind: parley.TimerOfferExpiry, ChatID: 1, AgentID: 2, Ref: 3, DueAt: at(30)},
			{Kind: parley.TimerOfferExpiry, ChatID: 4, DueAt: at(10)},
			{Kind: parley.TimerOfferExpiry, ChatID: 5, DueAt: at(20)},
			{Kind: parley.TimerOfferExpiry, ChatID: 6, DueAt: at(40)},
		}
		write(t, s, func(tx parley.Tx) error {
			for i := range timers {
				if err := tx.AddTimer(ctx, &timers[i]); err != nil {
					return err
				}
			}
			return nil
		})
		// AddTimer leaves the ids to the database: read them back by chat.
		stored, err := s.DueTimers(ctx, at(100), 10)
		if err != nil || len(stored) != len(timers) {
			t.Fatalf("stored timers %+v (%v), want %d", stored, err, len(timers))
		}
		for i := range timers {
			for _, st := range stored {
				if st.ChatID == timers[i].ChatID {
					timers[i].ID = st.ID
				}
			}
		}
		expect(t, "DueTimers, soonest first, due at now included", []parley.Timer{timers[1], timers[2], timers[0]})(s.DueTimers(ctx, at(30), 10))
		expect(t, "DueTimers limited", []parley.Timer{timers[1]})(s.DueTimers(ctx, at(30), 1))
		expect(t, "DueTimers before any", []parley.Timer{})(s.DueTimers(ctx, at(0), 10))

		var first, second bool
		write(t, s, func(tx parley.Tx) error {
			var err error
			first, err = tx.TakeTimer(ctx, timers[1].ID)
			return err
		})
		write(t, s, func(tx parley.Tx) error {
			var err error
			second, err = tx.TakeTimer(ctx, timers[1].ID)
			return err
		})
		equal(t, "TakeTimer first and second time", []bool{first, second}, []bool{true, false})
		expect(t, "DueTimers after taking one", []parley.Timer{timers[2], timers[0]})(s.DueTimers(ctx, at(30), 10))
	})
}

// TestAgentLoadsFollowChats checks the load that triggers keep against each kind
// of change of a chat: created offered, accepted, handed to another owner, saved
// unchanged, completed, and a new agent starting at zero.
func TestAgentLoadsFollowChats(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		loads := func(step string, want ...int) {
			t.Helper()
			for i, id := range []int64{f.agent.ID, f.agent2.ID} {
				expect(t, step+": load of agent "+string(rune('A'+i)), want[i])(s.AgentLoad(ctx, id))
			}
		}
		save := func(c *parley.Chat) { write(t, s, func(tx parley.Tx) error { return tx.SaveChat(ctx, c) }) }
		loads("at first", 0, 0)
		c := f.chat(f.newIdentity(t, "x"), f.queue.ID)
		c.OfferedTo = f.agent.ID
		f.createChat(t, &c)
		other := f.chat(f.newIdentity(t, "y"), f.queue.ID)
		other.State, other.OwnerID = parley.ChatInProgress, f.agent2.ID
		f.createChat(t, &other)
		loads("offered to A, B owns one", 1, 1)
		c.State, c.OwnerID, c.OfferedTo = parley.ChatInProgress, f.agent.ID, 0
		save(&c)
		loads("A accepted", 1, 1)
		c.Name = "renamed"
		save(&c)
		loads("saved with the same owner and state", 1, 1)
		c.OwnerID = f.agent2.ID
		save(&c)
		loads("handed to B", 0, 2)
		c.State = parley.ChatCompleted
		save(&c)
		loads("completed", 0, 1)
		newcomer := newAgent("newcomer@example.com")
		write(t, s, func(tx parley.Tx) error { return tx.CreateAgent(ctx, &newcomer) })
		expect(t, "a new agent's load", 0)(s.AgentLoad(ctx, newcomer.ID))
	})
}
