package parley

import (
	"context"
	"time"
)

// Events of a chat's record: its topic, custom status, participants and deletion.
const (
	// EventChatUpdated carries a chat whose topic or custom status changed. Data: Chat.
	EventChatUpdated EventKind = "chat.updated"
	// EventChatTopicChanged goes to those who saw the chat under its old topic, so
	// that consoles no longer allowed it drop it (R2.16). Data: TopicChange.
	EventChatTopicChanged EventKind = "chat.topic_changed"
	// EventChatParticipants follows every change of a chat's participants. Data: Participants.
	EventChatParticipants EventKind = "chat.participants"
	EventChatDeleted      EventKind = "chat.deleted"  // data: Chat
	EventChatRestored     EventKind = "chat.restored" // data: Chat
	// EventChatPurged says a chat was deleted for good. Data: {"chat_id"}.
	EventChatPurged EventKind = "chat.purged"
)

// Topic is one entry of the list of topics admins keep (R2.16).
type Topic struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Position  int       `json:"position"`
	CreatedAt time.Time `json:"created_at"`
}

// TopicChange is the data of EventChatTopicChanged.
type TopicChange struct {
	ChatID     int64 `json:"chat_id"`
	TopicID    int64 `json:"topic_id"`
	OldTopicID int64 `json:"old_topic_id"`
}

// StatusKind says whether a custom status leaves a chat open to changes or closes it.
type StatusKind string

// The kinds of custom status (R2.17).
const (
	StatusOpenKind   StatusKind = "open"
	StatusClosedKind StatusKind = "closed"
)

// Valid reports whether k is a known kind.
func (k StatusKind) Valid() bool { return k == StatusOpenKind || k == StatusClosedKind }

// ChatStatus is a custom status admins configure for a room's chats (R2.17).
type ChatStatus struct {
	ID        int64      `json:"id"`
	RoomID    int64      `json:"room_id"`
	Name      string     `json:"name"`
	Kind      StatusKind `json:"kind"`
	Position  int        `json:"position"`
	CreatedAt time.Time  `json:"created_at"`
}

// Participant is an agent taking part in a chat besides its owner (R2.14).
type Participant struct {
	ChatID  int64     `json:"chat_id"`
	AgentID int64     `json:"agent_id"`
	AddedBy int64     `json:"added_by"`
	AddedAt time.Time `json:"added_at"`
}

// Participants is the data of EventChatParticipants: the chat's participants after a change.
type Participants struct {
	ChatID       int64   `json:"chat_id"`
	Participants []int64 `json:"participants"`
}

// WorkspaceReader reads topics, custom statuses and participants.
type WorkspaceReader interface {
	Topic(ctx context.Context, id int64) (Topic, error)
	Topics(ctx context.Context) ([]Topic, error)
	ChatStatus(ctx context.Context, id int64) (ChatStatus, error)
	ChatStatuses(ctx context.Context) ([]ChatStatus, error)
	// Participants returns the chat's participants in the order they were added.
	Participants(ctx context.Context, chatID int64) ([]Participant, error)
	// ParticipantChats returns the sorted ids of the chats agentID takes part in.
	ParticipantChats(ctx context.Context, agentID int64) ([]int64, error)
	// QueueIDsOfRooms returns the sorted ids of the queues of the rooms.
	QueueIDsOfRooms(ctx context.Context, roomIDs []int64) ([]int64, error)
}

// WorkspaceWriter changes topics, custom statuses and participants, and purges chats.
type WorkspaceWriter interface {
	CreateTopic(ctx context.Context, t *Topic) error // Conflict when the name is taken
	UpdateTopic(ctx context.Context, t Topic) error  // Conflict when the name is taken
	// DeleteTopic removes a topic; its chats keep its name as words typed as Other.
	DeleteTopic(ctx context.Context, id int64) error
	CreateChatStatus(ctx context.Context, s *ChatStatus) error // Conflict when the room has the name
	UpdateChatStatus(ctx context.Context, s ChatStatus) error
	// DeleteChatStatus removes a status; its chats are left with none.
	DeleteChatStatus(ctx context.Context, id int64) error
	// AddParticipant adds p; Conflict when the agent already takes part.
	AddParticipant(ctx context.Context, p Participant) error
	// RemoveParticipant removes the agent from the chat; NotFound when not there.
	RemoveParticipant(ctx context.Context, chatID, agentID int64) error
	// PurgeChat deletes the chat with its messages, files' records, notes, drafts,
	// markers and participants, and blanks its events in the log (R2.18). It
	// returns the storage keys of the chat's files, for the caller to remove.
	PurgeChat(ctx context.Context, chatID int64) ([]string, error)
}
