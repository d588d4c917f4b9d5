package parley

import "time"

// Assign makes agentID the owner of the waiting chat and sets it in progress: routing
// in assign mode, or the agent who accepts an open offer (by says which).
func (c *Chat) Assign(agentID int64, by Actor, now time.Time) error {
	if c.State != ChatWaiting {
		return Errorf(CodeConflict, "chat %d is %s, not waiting", c.ID, c.State)
	}
	if c.OfferedTo != 0 && c.OfferedTo != agentID {
		return Errorf(CodeConflict, "chat %d is offered to someone else", c.ID)
	}
	c.OwnerID, c.OfferedTo, c.OpenOffer = agentID, 0, false
	c.AcceptedAt = &now
	c.setState(ChatInProgress, by, now)
	return nil
}
