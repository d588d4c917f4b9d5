package core

import (
	"context"
	"slices"
	"time"

	"parley"
)

// queueTurn is one of an agent's queues with what orders it for routing.
type queueTurn struct {
	id       int64
	priority int
	oldest   time.Time // creation of its longest-waiting chat; zero when none waits
}

// routeAgentQueues routes every queue of an agent who may have room now: the
// highest priority first, then the one whose chat has waited longest, so that the
// agent is offered that chat first.
func (s *Service) routeAgentQueues(ctx context.Context, tx parley.Tx, now time.Time, agentID int64) error {
	ids, err := tx.AgentQueues(ctx, agentID)
	if err != nil {
		return err
	}
	turns := make([]queueTurn, 0, len(ids))
	for _, id := range ids {
		t, err := queueTurnOf(ctx, tx, id)
		if err != nil {
			return err
		}
		if !t.oldest.IsZero() {
			turns = append(turns, t)
		}
	}
	slices.SortStableFunc(turns, func(a, b queueTurn) int {
		if a.priority != b.priority {
			return b.priority - a.priority
		}
		return a.oldest.Compare(b.oldest)
	})
	for _, t := range turns {
		if err := s.route(ctx, tx, now, t.id); err != nil {
			return err
		}
	}
	return nil
}

func queueTurnOf(ctx context.Context, tx parley.Tx, queueID int64) (queueTurn, error) {
	q, err := tx.Queue(ctx, queueID)
	if err != nil {
		return queueTurn{}, err
	}
	t := queueTurn{id: q.ID, priority: q.Priority}
	waiting, err := tx.WaitingChats(ctx, queueID, 1)
	if len(waiting) > 0 {
		t.oldest = waiting[0].CreatedAt
	}
	return t, err
}
