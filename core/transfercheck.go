package core

import (
	"context"

	"parley"
)

// checkAgentTarget says whether the agent may receive a chat owned by owner (R2.13,
// R2.15): an enabled agent other than the owner whose chats are not exceeded;
// active, inactive or paused alike. It reads through tx, so the decision and the
// change it allows commit together.
func (s *Service) checkAgentTarget(ctx context.Context, tx parley.Tx, owner, agentID int64) error {
	a, err := tx.Agent(ctx, agentID)
	if parley.IsCode(err, parley.CodeNotFound) {
		return parley.Errorf(parley.CodeInvalid, "agent %d does not exist", agentID)
	}
	if err != nil {
		return err
	}
	switch {
	case a.ID == owner:
		return parley.Errorf(parley.CodeInvalid, "%s already owns the chat; pick another agent", a.Name)
	case a.Disabled:
		return parley.Errorf(parley.CodeConflict, "%s is deactivated and cannot receive chats", a.Name)
	}
	loads, err := tx.AgentWorkloads(ctx)
	if err != nil {
		return err
	}
	for _, w := range loads {
		if w.AgentID == agentID && w.ChatsInProgress >= chatLimit(w) {
			return parley.Errorf(parley.CodeConflict, "%s has reached their limit of %d chats (chats exceeded)", a.Name, chatLimit(w))
		}
	}
	return nil
}

// checkQueueTarget says whether a chat owned by owner may go to the queue: it
// needs at least one enabled member besides the owner (R2.13).
func (s *Service) checkQueueTarget(ctx context.Context, tx parley.Tx, owner, queueID int64) error {
	if _, err := tx.Queue(ctx, queueID); parley.IsCode(err, parley.CodeNotFound) {
		return parley.Errorf(parley.CodeInvalid, "queue %d does not exist", queueID)
	} else if err != nil {
		return err
	}
	targets, err := s.queueTargets(ctx, tx, owner)
	if err != nil {
		return err
	}
	for _, q := range targets {
		if q.ID == queueID && !q.Selectable {
			return parley.Errorf(parley.CodeConflict, "queue %s has no agent besides the chat's owner to take it", q.Name)
		}
	}
	return nil
}
