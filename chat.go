package parley

import "time"

// ChatState is a chat's place in its lifecycle (R2.2).
type ChatState string

// The chat states; bot comes with bots.
const (
	ChatWaiting    ChatState = "waiting"
	ChatInProgress ChatState = "in_progress"
	ChatCompleted  ChatState = "completed"
)

// Valid reports whether s is a known state.
func (s ChatState) Valid() bool {
	return s == ChatWaiting || s == ChatInProgress || s == ChatCompleted
}

// ActorKind says who did something.
type ActorKind string

// Kinds of actor.
const (
	ActorContact ActorKind = "contact"
	ActorAgent   ActorKind = "agent"
	ActorSystem  ActorKind = "system"
)

// Actor is who did something: an agent, a contact or the system.
type Actor struct {
	Kind ActorKind `json:"kind"`
	ID   int64     `json:"id,omitempty"`
}

// SystemActor is the server itself (timers, routing).
var SystemActor = Actor{Kind: ActorSystem}

// Chat is one conversation episode between a contact identity and the team.
type Chat struct {
	ID          int64       `json:"id"`
	ChannelID   int64       `json:"channel_id"`
	ChannelType ChannelType `json:"channel_type"`
	IdentityID  int64       `json:"identity_id"`
	ContactID   int64       `json:"contact_id"`
	QueueID     int64       `json:"queue_id"`
	State       ChatState   `json:"state"`
	OwnerID     int64       `json:"owner_id,omitempty"`
	// OfferedTo is the agent holding the current invitation, OfferSeq counts invitations
	// so that a timer can tell whether the one it watches is still the current one.
	OfferedTo int64  `json:"offered_to,omitempty"`
	OfferSeq  int64  `json:"-"`
	Name      string `json:"name"`
	// TopicID is the listed topic (R2.16), 0 for none or Other; Topic is its name,
	// or the words typed as Other.
	TopicID int64  `json:"topic_id"`
	Topic   string `json:"topic,omitempty"`
	// StatusID is the room's custom status the chat is in (R2.17), 0 for none.
	StatusID int64 `json:"status_id"`
	// DeletedAt is when the chat was moved to Deleted (R2.18), nil when it is not there.
	DeletedAt *time.Time `json:"deleted_at,omitempty"`
	DeletedBy int64      `json:"deleted_by,omitempty"`
	CaseID    int64      `json:"case_id,omitempty"`
	ParentID  int64      `json:"parent_id,omitempty"`
	LastSeq   int64      `json:"last_seq"`
	// LastContactSeq is the seq of the contact's last message: agents whose read
	// marker is below it have unread messages in the chat.
	LastContactSeq int64      `json:"last_contact_seq"`
	CreatedAt      time.Time  `json:"created_at"`
	AcceptedAt     *time.Time `json:"accepted_at,omitempty"`
	CompletedAt    *time.Time `json:"completed_at,omitempty"`
	StateChangedAt time.Time  `json:"state_changed_at"`
	StateChangedBy Actor      `json:"state_changed_by"`
	UpdatedAt      time.Time  `json:"updated_at"`
	ChatTimes
	// Version guards every update: a save succeeds only on the version it read.
	Version int64 `json:"version"`
}

// Open reports whether the chat still takes messages.
func (c *Chat) Open() bool { return c.State != ChatCompleted }

func (c *Chat) setState(s ChatState, by Actor, now time.Time) {
	c.State, c.StateChangedAt, c.StateChangedBy, c.UpdatedAt = s, now, by, now
}

// Offer invites agentID to take the waiting chat (R2.3).
func (c *Chat) Offer(agentID int64, now time.Time) error {
	if c.State != ChatWaiting {
		return Errorf(CodeConflict, "chat %d is %s, not waiting", c.ID, c.State)
	}
	if c.OfferedTo != 0 {
		return Errorf(CodeConflict, "chat %d is already offered", c.ID)
	}
	c.OfferedTo, c.OfferSeq, c.UpdatedAt = agentID, c.OfferSeq+1, now
	return nil
}

// EndOffer withdraws agentID's invitation (declined, not answered in time, or agent gone).
func (c *Chat) EndOffer(agentID int64, now time.Time) error {
	if c.State != ChatWaiting || c.OfferedTo != agentID {
		return Errorf(CodeConflict, "chat %d is not offered to agent %d", c.ID, agentID)
	}
	c.OfferedTo, c.UpdatedAt = 0, now
	return nil
}

// Accept makes agentID the owner of a chat offered to them.
func (c *Chat) Accept(agentID int64, now time.Time) error {
	if c.State != ChatWaiting {
		return Errorf(CodeConflict, "chat %d is %s, not waiting", c.ID, c.State)
	}
	if c.OfferedTo != agentID {
		return Errorf(CodeConflict, "chat %d is not offered to you", c.ID)
	}
	c.OwnerID, c.OfferedTo = agentID, 0
	c.AcceptedAt = &now
	c.setState(ChatInProgress, Actor{Kind: ActorAgent, ID: agentID}, now)
	return nil
}

// Complete ends the chat (R2.5); the contact's next message starts a new one.
func (c *Chat) Complete(by Actor, now time.Time) error {
	if c.State == ChatCompleted {
		return Errorf(CodeConflict, "chat %d is already completed", c.ID)
	}
	c.OfferedTo = 0
	c.CompletedAt = &now
	c.setState(ChatCompleted, by, now)
	return nil
}

// ChatFilter selects chats for a list. Zero fields select everything.
type ChatFilter struct {
	States     []ChatState
	QueueIDs   []int64
	OwnerID    int64
	OfferedTo  int64
	IdentityID int64
	ContactID  int64 // the chats of one contact, across channels (R2.19)
	// Scope, when set, limits the list to what that agent may see.
	Scope *Viewer
	// Deleted lists the deleted chats instead of the others (R2.18).
	Deleted bool
	// UnreadBy, when set, keeps the chats with contact messages past that
	// agent's read marker: their Unread list (R2.7).
	UnreadBy int64
	// BeforeID is the cursor: only chats with a smaller id, newest first.
	BeforeID int64
	Limit    int
}

// Candidate is an agent that routing may offer a chat to, with their load.
type Candidate struct {
	AgentID        int64
	Load           int // chats in progress owned plus pending invitations
	LastAssignedAt time.Time
	ChatLimit      *int // the agent's own limit, if any
}
