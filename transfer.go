package parley

import "time"

// The events of transfers and owner changes. chat.transferred is addressed to
// agents only: it carries the internal comment.
const (
	EventChatTransferred  EventKind = "chat.transferred"   // data: Transfer
	EventChatOwnerChanged EventKind = "chat.owner_changed" // data: OwnerChange
)

// Codes of the system messages of transfers: the one that opens a child chat, and
// the one an owner change adds.
const (
	SystemChatTransferred = "chat_transferred"
	SystemOwnerChanged    = "owner_changed"
)

// Transfer is what a chat.transferred event says (R2.13): who moved which chat
// from where to where, and the comment for agents.
type Transfer struct {
	ChatID      int64  `json:"chat_id"`  // the parent, completed by the transfer
	ChildID     int64  `json:"child_id"` // the chat that goes on
	By          Actor  `json:"by"`
	FromAgentID int64  `json:"from_agent_id,omitempty"`
	FromQueueID int64  `json:"from_queue_id"`
	ToAgentID   int64  `json:"to_agent_id,omitempty"`
	ToQueueID   int64  `json:"to_queue_id,omitempty"`
	Comment     string `json:"comment,omitempty"`
}

// OwnerChange is what a chat.owner_changed event says (R2.15).
type OwnerChange struct {
	Chat        Chat  `json:"chat"`
	By          Actor `json:"by"`
	FromAgentID int64 `json:"from_agent_id"`
	ToAgentID   int64 `json:"to_agent_id"`
}

// CanTransfer reports whether the chat may be transferred now: only one in progress.
func (c *Chat) CanTransfer() error {
	if c.State != ChatInProgress {
		return Errorf(CodeConflict, "chat %d is %s; only a chat in progress can be transferred", c.ID, c.State)
	}
	return nil
}

// Child is the chat that continues c after a transfer: the same contact and
// channel, waiting in queueID, or in progress owned by agentID when it is set.
func (c *Chat) Child(queueID, agentID int64, by Actor, now time.Time) Chat {
	child := Chat{ChannelID: c.ChannelID, ChannelType: c.ChannelType, IdentityID: c.IdentityID, ContactID: c.ContactID,
		QueueID: queueID, State: ChatWaiting, Name: c.Name, Topic: c.Topic, CaseID: c.CaseID, ParentID: c.ID,
		CreatedAt: now, StateChangedAt: now, StateChangedBy: by, UpdatedAt: now}
	if agentID != 0 {
		child.State, child.OwnerID, child.AcceptedAt = ChatInProgress, agentID, &now
	}
	return child
}

// ChangeOwner hands a chat in progress to agentID (R2.15).
func (c *Chat) ChangeOwner(agentID int64, now time.Time) error {
	if c.State != ChatInProgress {
		return Errorf(CodeConflict, "chat %d is %s; only a chat in progress has an owner to change", c.ID, c.State)
	}
	if c.OwnerID == agentID {
		return Errorf(CodeInvalid, "agent %d already owns chat %d", agentID, c.ID)
	}
	c.OwnerID, c.UpdatedAt = agentID, now
	return nil
}
