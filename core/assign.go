package core

import (
	"context"
	"time"

	"parley"
)

// assign makes the agent the owner of the waiting chat at once: routing in assign
// mode (by is the system), or an agent accepting an open offer. The agent counts
// as just assigned, so that least busy goes to the others next.
func (s *Service) assign(ctx context.Context, tx parley.Tx, now time.Time, c *parley.Chat, agentID int64, by parley.Actor) error {
	if c.OpenOffer {
		if err := s.endOpenOffer(ctx, tx, now, c, agentID, "taken"); err != nil {
			return err
		}
	}
	if err := c.Assign(agentID, by, now); err != nil {
		return err
	}
	return s.takeChat(ctx, tx, now, c, agentID)
}

// takeChat records that the agent took the chat just made theirs: the system
// message, the agent's last assignment and the event.
func (s *Service) takeChat(ctx context.Context, tx parley.Tx, now time.Time, c *parley.Chat, agentID int64) error {
	note := systemMessage(parley.SystemChatAccepted, "An agent joined the chat.")
	if err := s.addMessage(ctx, tx, now, c, &note); err != nil { // saves the chat too
		return err
	}
	a, err := tx.Agent(ctx, agentID)
	if err != nil {
		return err
	}
	a.LastAssignedAt = now
	if err := tx.UpdateAgent(ctx, a); err != nil {
		return err
	}
	emit(tx, now, chatEvent(parley.EventChatAccepted, *c))
	return s.dropInvitationsAtLimit(ctx, tx, now, agentID)
}
