package parley

import "time"

// PauseReason is one reason an agent may pause for (R1.3): break, lunch, training …
// Inactive reasons stay for the records but cannot be chosen.
type PauseReason struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
}

// StatusInterval is a stretch of time an agent spent in one status (R1.3).
// EndedAt is nil while the interval is open, that is, for the current status.
type StatusInterval struct {
	AgentID       int64       `json:"agent_id"`
	Status        AgentStatus `json:"status"`
	PauseReasonID int64       `json:"pause_reason_id,omitempty"`
	StartedAt     time.Time   `json:"started_at"`
	EndedAt       *time.Time  `json:"ended_at"`
}

// AgentWorkload is what an agent carries now: the chats they own in progress and
// the chat limit of the queues they belong to (0 when they belong to none).
type AgentWorkload struct {
	AgentID         int64
	ChatsInProgress int
	QueueChatLimit  int
	ChatLimit       *int // the agent's own limit, if any
}

// AgentSummary is an agent as agent lists show them: the agent, and what is derived
// from other state and never stored (R1.4, R1.6).
type AgentSummary struct {
	Agent
	ChatsInProgress int `json:"chats_in_progress"`
	ChatLimit       int `json:"chat_limit"` // the limit that holds; it hides Agent.ChatLimit here
	// OwnChatLimit is the agent's own limit (Agent.ChatLimit), nil when they follow the queues.
	OwnChatLimit  *int `json:"own_chat_limit"`
	ChatsExceeded bool `json:"chats_exceeded"`
	Online        bool `json:"online"`
}

// Presence is the event data of a change in whether an agent's console is connected (R1.6).
type Presence struct {
	AgentID int64 `json:"agent_id"`
	Online  bool  `json:"online"`
}
