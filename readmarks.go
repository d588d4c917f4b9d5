package parley

import "context"

// EventChatRead tells an agent's consoles that they read a chat up to a seq, so
// that every device clears its unread mark. Data: ReadMark.
const EventChatRead EventKind = "chat.read"

// ReadMark is how far an agent has read a chat.
type ReadMark struct {
	AgentID int64 `json:"agent_id"`
	ChatID  int64 `json:"chat_id"`
	Seq     int64 `json:"seq"`
}

// ListCount is how many chats a list holds, and how many of them have messages
// from the contact that the agent has not read (R2.7).
type ListCount struct {
	Chats  int `json:"chats"`
	Unread int `json:"unread"`
}

// Lists counts an agent's chat lists: New (waiting), My (owned in progress),
// All (every chat they may see), Closed (completed) and Deleted (R2.18), which
// holds the deleted chats that no other list does.
type Lists struct {
	New     ListCount `json:"new"`
	My      ListCount `json:"my"`
	All     ListCount `json:"all"`
	Closed  ListCount `json:"closed"`
	Deleted ListCount `json:"deleted"`
}

// RoomLists is the counts of one room's chats.
type RoomLists struct {
	RoomID int64 `json:"room_id"`
	Lists
}

// ListCounts is the counts of an agent's lists, over all rooms and per room;
// All.Unread is the length of the Unread list.
type ListCounts struct {
	Lists
	Rooms []RoomLists `json:"rooms"`
}

// ReadReader reads agents' read markers.
type ReadReader interface {
	// UnreadCounts returns, for each of the chats with contact messages after the
	// agent's marker, how many there are.
	UnreadCounts(ctx context.Context, agentID int64, chatIDs []int64) (map[int64]int, error)
	// ListCounts counts the chats v may see, by list and room, for agent v.AgentID.
	ListCounts(ctx context.Context, v Viewer) (ListCounts, error)
}

// ReadWriter moves read markers.
type ReadWriter interface {
	// MarkRead moves the agent's marker of the chat forward to seq; never back.
	MarkRead(ctx context.Context, agentID, chatID, seq int64) error
}
