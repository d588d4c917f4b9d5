package sqlstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"parley"
	"parley/sqlstore"
)

// emitMatrix emits an event for every audience, identity, agent and queue
// combination, and returns them as stored.
func emitMatrix(t *testing.T, s *sqlstore.Store) []parley.Event {
	t.Helper()
	var events []parley.Event
	write(t, s, func(tx parley.Tx) error {
		n := 0
		for aud := range parley.Audience(16) {
			for _, identity := range []int64{0, 7, 8} {
				for _, agent := range []int64{0, 1, 2} {
					for _, queue := range []int64{0, 10, 20} {
						n++
						e := parley.Event{Kind: parley.EventMessageCreated, ChatID: int64(n), QueueID: queue,
							AgentID: agent, IdentityID: identity, Audience: aud,
							Data: json.RawMessage(fmt.Sprintf(`{"n": %d}`, n)), At: at(n)}
						events = append(events, tx.Emit(e))
					}
				}
			}
		}
		return nil
	})
	return events
}

func TestEventsRoundTrip(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		expect(t, "LastEventID of an empty log", int64(0))(s.LastEventID(ctx))
		events := emitMatrix(t, s)
		for i, e := range events {
			if e.ID != int64(i+1) {
				t.Fatalf("event %d has id %d", i, e.ID)
			}
		}
		expect(t, "Events(All)", events)(s.Events(ctx, parley.EventFilter{All: true, Limit: len(events)}))
		expect(t, "LastEventID", int64(len(events)))(s.LastEventID(ctx))
		expect(t, "Events(All) after and limited", events[10:13])(s.Events(ctx, parley.EventFilter{All: true, After: 10, Limit: 3}))
		expect(t, "Events(All) after the last", []parley.Event{})(s.Events(ctx, parley.EventFilter{All: true, After: int64(len(events))}))

		// Emit fills At when it is zero; Data may be empty.
		var emitted parley.Event
		before := time.Now().UTC().Truncate(time.Microsecond)
		write(t, s, func(tx parley.Tx) error {
			emitted = tx.Emit(parley.Event{Kind: parley.EventAgentUpdated, Audience: parley.AudienceStaff})
			return nil
		})
		if emitted.At.Before(before) || emitted.At.After(time.Now()) || emitted.At.Truncate(time.Microsecond) != emitted.At {
			t.Errorf("emitted At %v, want now to the microsecond", emitted.At)
		}
		expect(t, "event with empty data and default time", []parley.Event{emitted})(s.Events(ctx, parley.EventFilter{All: true, After: emitted.ID - 1}))
	})
}

func TestEventsViewers(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		events := emitMatrix(t, s)
		viewers := []struct {
			name  string
			v     parley.Viewer
			count int // how many of the matrix it sees, worked out by hand
		}{
			// audience has the visitor bit (8 of 16) and identity matches (9 agent×queue each)
			{"visitor", parley.Viewer{IdentityID: 7}, 8 * 9},
			// any staff bit: 14 of 16 audiences, every other combination (27)
			{"supervisor", parley.Viewer{AgentID: 1, Role: parley.RoleSupervisor}, 14 * 27},
			{"admin", parley.Viewer{AgentID: 5, Role: parley.RoleAdmin}, 14 * 27},
			// staff bit: 8 audiences × 27; agent bit without staff bit (4 audiences) × agent 1 (9);
			// queue bit without staff or agent bit (2 audiences) × queue 10 (9), plus queue bit and
			// agent bit without staff bit (2 audiences) × queue 10 and agent ≠ 1 (6)
			{"agent in one queue", parley.Viewer{AgentID: 1, Role: parley.RoleAgent, Queues: []int64{10}}, 8*27 + 4*9 + 2*9 + 2*6},
			{"agent in no queue", parley.Viewer{AgentID: 2, Role: parley.RoleAgent}, 8*27 + 4*9},
			{"agent in two queues", parley.Viewer{AgentID: 3, Role: parley.RoleAgent, Queues: []int64{10, 20}}, 8*27 + 4*18},
		}
		for _, tt := range viewers {
			want := []parley.Event{}
			for _, e := range events {
				if tt.v.CanSee(e) {
					want = append(want, e)
				}
			}
			if len(want) != tt.count {
				t.Fatalf("%s: the domain's CanSee lets it see %d events, the test expects %d", tt.name, len(want), tt.count)
			}
			expect(t, tt.name, want)(s.Events(ctx, parley.EventFilter{Viewer: tt.v}))
			expect(t, tt.name+" after 100, limit 5", firstAfter(want, 100, 5))(s.Events(ctx, parley.EventFilter{Viewer: tt.v, After: 100, Limit: 5}))
		}
	})
}

func firstAfter(events []parley.Event, after int64, n int) []parley.Event {
	out := []parley.Event{}
	for _, e := range events {
		if e.ID > after && len(out) < n {
			out = append(out, e)
		}
	}
	return out
}
