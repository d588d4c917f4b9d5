package parley

import "time"

// RoutingStrategy chooses which free member of a queue a waiting chat goes to (R2.3).
type RoutingStrategy string

// Routing strategies.
const (
	// RouteLeastBusy offers to the member with the fewest chats, then the longest idle.
	RouteLeastBusy RoutingStrategy = "least_busy"
	// RouteRoundRobin offers to the members in turn, by id, after the one offered last.
	RouteRoundRobin RoutingStrategy = "round_robin"
	// RouteOfferToAll invites every free member at once; the first to accept takes it.
	RouteOfferToAll RoutingStrategy = "offer_to_all"
)

// Valid reports whether r is a known strategy.
func (r RoutingStrategy) Valid() bool {
	return r == RouteLeastBusy || r == RouteRoundRobin || r == RouteOfferToAll
}

// RoutingMode says whether a chosen agent is invited or given the chat at once.
type RoutingMode string

// Routing modes.
const (
	ModeInvite RoutingMode = "invite" // an invitation to accept within the acceptance time
	ModeAssign RoutingMode = "assign" // the chat goes in progress for the agent at once
)

// Valid reports whether m is a known mode.
func (m RoutingMode) Valid() bool { return m == ModeInvite || m == ModeAssign }

// QueueRouting is how a queue distributes its chats and the time limits it keeps (R2.4).
// A time of 0 is off.
type QueueRouting struct {
	Routing RoutingStrategy `json:"routing"`
	Mode    RoutingMode     `json:"mode"`
	// Priority orders the queues of an agent who becomes free: the highest first.
	Priority          int     `json:"priority"`
	FirstReplyTime    Seconds `json:"first_reply_time"`
	ReplyTime         Seconds `json:"reply_time"`
	CompletionTimeout Seconds `json:"completion_timeout"`
	// LastOffered is the member round robin offered a chat to last.
	LastOffered int64 `json:"-"`
}

// DefaultQueueRouting is a new queue's: least busy, by invitation, no reply limits.
func DefaultQueueRouting() QueueRouting {
	return QueueRouting{Routing: RouteLeastBusy, Mode: ModeInvite}
}

// ChatLimit is the simultaneous-chats limit that holds for an agent (R1.4): their own
// when set, else the queue's (queueLimit, 0 when none), else DefaultChatLimit.
// Routing and agent lists both use it.
func ChatLimit(own *int, queueLimit int) int {
	switch {
	case own != nil && *own > 0:
		return *own
	case queueLimit > 0:
		return queueLimit
	}
	return DefaultChatLimit
}

// ChatTimes are a chat's time limits (R2.4): when a reply is due (nil while none is
// awaited), when it was first answered, its last message, and the limits missed.
// A due time stays set after its breach, until the agent replies.
type ChatTimes struct {
	FirstReplyDueAt    *time.Time `json:"first_reply_due_at,omitempty"`
	ReplyDueAt         *time.Time `json:"reply_due_at,omitempty"`
	FirstRepliedAt     *time.Time `json:"first_replied_at,omitempty"`
	LastMessageAt      time.Time  `json:"last_message_at"`
	FirstReplyBreaches int        `json:"first_reply_breaches"`
	ReplyBreaches      int        `json:"reply_breaches"`
	// OpenOffer is set while the chat is offered to every free member of its queue.
	OpenOffer bool `json:"open_offer,omitempty"`
	// ReplyTime is the queue's reply time, kept from when the chat was opened, so
	// that a contact's message need not read the queue to know whether a reply is
	// timed; nil when not kept (a transfer's child, a chat older than the column),
	// and the queue is read then.
	ReplyTime *Seconds `json:"-"`
}

// QueueTurn is one of an agent's queues that has chats waiting unoffered, with
// what orders it when the agent becomes free: its priority, then the age of its
// oldest waiting chat.
type QueueTurn struct {
	QueueID  int64
	Priority int
	Oldest   time.Time // creation of its longest-waiting chat
}
