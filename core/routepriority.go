package core

import (
	"context"
	"slices"
	"time"

	"parley"
)

// routeAgentQueues routes every queue of an agent who may have room now: the
// highest priority first, then the one whose chat has waited longest, so that the
// agent is offered that chat first.
func (s *Service) routeAgentQueues(ctx context.Context, tx parley.Tx, now time.Time, agentID int64) error {
	turns, err := tx.AgentQueueTurns(ctx, agentID)
	if err != nil {
		return err
	}
	slices.SortStableFunc(turns, func(a, b parley.QueueTurn) int {
		if a.Priority != b.Priority {
			return b.Priority - a.Priority
		}
		return a.Oldest.Compare(b.Oldest)
	})
	for _, t := range turns {
		if err := s.route(ctx, tx, now, t.QueueID); err != nil {
			return err
		}
	}
	return nil
}
