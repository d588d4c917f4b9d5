package parley

import (
	"encoding/json"
	"time"
)

// EventKind names a change of state.
type EventKind string

// The events of the log. Typing is ephemeral: it has no id and is never stored.
const (
	EventMessageCreated  EventKind = "message.created"
	EventChatCreated     EventKind = "chat.created"
	EventChatOffered     EventKind = "chat.offered"
	EventChatOfferEnded  EventKind = "chat.offer_ended"
	EventChatAccepted    EventKind = "chat.accepted"
	EventChatCompleted   EventKind = "chat.completed"
	EventChatSLABreached EventKind = "chat.sla_breached" // data: kind, due_at, chat
	EventChatSLAChanged  EventKind = "chat.sla_changed"  // a reply's due time moved; data: the chat
	EventAgentUpdated    EventKind = "agent.updated"
	EventAgentPresence   EventKind = "agent.presence" // data: Presence
	EventPauseReason     EventKind = "pause_reason.updated"
	EventQueueUpdated    EventKind = "queue.updated"
	EventTyping          EventKind = "typing"
)

// Audience says who may see an event, as a set of bits. Supervisors and admins
// see every event that has any staff bit.
type Audience uint8

// Audience bits.
const (
	AudienceVisitor Audience = 1 << iota // the contact identity of the event's chat
	AudienceQueue                        // agents of the event's queue
	AudienceAgent                        // the event's agent
	AudienceStaff                        // every agent
)

// AudienceStaffBits is every bit that concerns agents.
const AudienceStaffBits = AudienceQueue | AudienceAgent | AudienceStaff

// Event is one entry of the event log. IDs are global, increasing and without gaps
// in commit order, so a client that saw id N resumes exactly after it.
type Event struct {
	ID         int64     `json:"id"`
	Kind       EventKind `json:"kind"`
	ChatID     int64     `json:"chat_id,omitempty"`
	QueueID    int64     `json:"queue_id,omitempty"`
	AgentID    int64     `json:"agent_id,omitempty"`
	IdentityID int64     `json:"identity_id,omitempty"`
	// TopicID is the topic of the event's chat when it was emitted: agents not
	// allowed that topic do not see it (R2.16).
	TopicID  int64           `json:"-"`
	Audience Audience        `json:"-"`
	Data     json.RawMessage `json:"data"`
	At       time.Time       `json:"at"`
}

// NewEvent builds an event whose data is v in JSON. Event data are the domain's own
// types, made of strings, numbers, times and maps of strings, which always marshal;
// a type that did not would be a programming error, so it is recorded as null data.
func NewEvent(kind EventKind, aud Audience, v any) Event {
	data, err := json.Marshal(v)
	if err != nil {
		data = json.RawMessage("null")
	}
	return Event{Kind: kind, Audience: aud, Data: data}
}

// ChatEvent builds an event about chat c, addressed to its queue, its agent and its visitor as aud says.
func ChatEvent(kind EventKind, aud Audience, c Chat, agentID int64, v any) Event {
	e := NewEvent(kind, aud, v)
	e.ChatID, e.QueueID, e.IdentityID, e.AgentID, e.TopicID = c.ID, c.QueueID, c.IdentityID, agentID, c.TopicID
	return e
}

// EventFilter selects the events after an id that a viewer may see.
type EventFilter struct {
	After  int64
	Limit  int
	Viewer Viewer
	// All ignores the viewer and returns every event; the real-time hub uses it to fill gaps.
	All bool
}
