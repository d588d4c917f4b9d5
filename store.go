package parley

import (
	"context"
	"time"
)

// Store keeps everything. Reads run outside any transaction on a reader pool;
// every change goes through Write. Methods that find nothing return a NotFound *Error.
type Store interface {
	Reader
	Searcher
	// Write runs fn in one write transaction. Several calls may share one commit
	// (group commit), and fn may run more than once, so fn must change nothing but
	// the transaction and its own results. Events emitted through tx are stored in
	// the same transaction and published after it commits. An error from fn rolls
	// back everything fn did and is returned as is.
	Write(ctx context.Context, fn func(tx Tx) error) error
	// Ping checks that the database answers.
	Ping(ctx context.Context) error
	Close() error
}

// Reader is every query.
type Reader interface {
	AgentReader
	ConfigReader
	ContactReader
	ChatReader
	EventReader
	FileReader
	NoteReader
	QuickReplyReader
	DraftReader
	ReadReader
	WorkspaceReader
	CommentReader
	BlockReader
	CaseReader
	DuplicateReader
	OutboxReader
}

// Tx is a write transaction: every query, every change, and the event log.
type Tx interface {
	Reader
	AgentWriter
	ConfigWriter
	ContactWriter
	ChatWriter
	FileWriter
	NoteWriter
	QuickReplyWriter
	DraftWriter
	ReadWriter
	WorkspaceWriter
	CommentWriter
	BlockWriter
	CaseWriter
	DuplicateWriter
	OutboxWriter
	// Emit appends e to the event log in this transaction and returns it with its id.
	Emit(e Event) Event
	// Emitted returns the events emitted so far in this transaction.
	Emitted() []Event
}

// AgentReader reads agents and sessions.
type AgentReader interface {
	Agent(ctx context.Context, id int64) (Agent, error)
	AgentByEmail(ctx context.Context, email string) (Agent, error)
	Agents(ctx context.Context) ([]Agent, error)
	CountAgents(ctx context.Context) (int, error)
	Session(ctx context.Context, tokenHash string) (Session, error)
	// StatusIntervals returns the agent's status intervals that overlap [from, to), oldest first.
	StatusIntervals(ctx context.Context, agentID int64, from, to time.Time) ([]StatusInterval, error)
	// AgentWorkloads returns every agent's chats in progress and queue chat limit, by agent id.
	AgentWorkloads(ctx context.Context) ([]AgentWorkload, error)
	// ConsolesSeenBy returns the agents whose console was last seen at or before
	// the time (and is still awaited: ConsoleSeenAt is not zero).
	ConsolesSeenBy(ctx context.Context, before time.Time) ([]Agent, error)
}

// AgentWriter changes agents and sessions.
type AgentWriter interface {
	CreateAgent(ctx context.Context, a *Agent) error // Conflict when the e-mail is taken
	UpdateAgent(ctx context.Context, a Agent) error
	CreateSession(ctx context.Context, s Session) error
	DeleteSession(ctx context.Context, tokenHash string) error
	DeleteAgentSessions(ctx context.Context, agentID int64) error
	DeleteExpiredSessions(ctx context.Context, now time.Time) error
	// StartStatusInterval ends the agent's open status interval at iv.StartedAt
	// and opens iv (whose EndedAt is ignored).
	StartStatusInterval(ctx context.Context, iv StatusInterval) error
	// TouchConsole records that a console of the agent is connected at the time.
	TouchConsole(ctx context.Context, agentID int64, at time.Time) error
	// MarkConsoleOffline clears ConsoleOnline if the console was last seen at
	// seenAt and is online, and reports whether it did.
	MarkConsoleOffline(ctx context.Context, agentID int64, seenAt time.Time) (bool, error)
	// ForgetConsole stops awaiting a console last seen at seenAt (ConsoleSeenAt
	// becomes zero, ConsoleOnline false) and reports whether it did: of several
	// nodes that find the console gone, exactly one does.
	ForgetConsole(ctx context.Context, agentID int64, seenAt time.Time) (bool, error)
}

// ConfigReader reads rooms, queues, channels and settings.
type ConfigReader interface {
	Room(ctx context.Context, id int64) (Room, error)
	Rooms(ctx context.Context) ([]Room, error)
	Queue(ctx context.Context, id int64) (Queue, error)
	Queues(ctx context.Context) ([]Queue, error)
	// AgentQueues returns the sorted ids of the queues agentID belongs to.
	AgentQueues(ctx context.Context, agentID int64) ([]int64, error)
	// AgentQueueTurns returns the agent's queues that have chats waiting unoffered.
	AgentQueueTurns(ctx context.Context, agentID int64) ([]QueueTurn, error)
	Channel(ctx context.Context, id int64) (Channel, error)
	ChannelByKey(ctx context.Context, publicKey string) (Channel, error)
	Channels(ctx context.Context) ([]Channel, error)
	Setting(ctx context.Context, key string) (string, error)
	PauseReason(ctx context.Context, id int64) (PauseReason, error)
	// PauseReasons returns every pause reason by id.
	PauseReasons(ctx context.Context) ([]PauseReason, error)
}

// ConfigWriter changes rooms, queues, channels and settings.
type ConfigWriter interface {
	CreateRoom(ctx context.Context, r *Room) error
	UpdateRoom(ctx context.Context, r Room) error
	CreateQueue(ctx context.Context, q *Queue) error // with its members
	UpdateQueue(ctx context.Context, q Queue) error  // replaces its members
	CreateChannel(ctx context.Context, c *Channel) error
	UpdateChannel(ctx context.Context, c Channel) error
	SetSetting(ctx context.Context, key, value string) error
	CreatePauseReason(ctx context.Context, r *PauseReason) error // Conflict when the name is taken
	UpdatePauseReason(ctx context.Context, r PauseReason) error  // Conflict when the name is taken
}

// ContactReader reads contacts and identities.
type ContactReader interface {
	Contact(ctx context.Context, id int64) (Contact, error)
	Identity(ctx context.Context, id int64) (Identity, error)
	IdentityByExternal(ctx context.Context, channelID int64, externalID string) (Identity, error)
}

// ContactWriter changes contacts and identities.
type ContactWriter interface {
	CreateContact(ctx context.Context, c *Contact) error
	UpdateContact(ctx context.Context, c Contact) error
	CreateIdentity(ctx context.Context, i *Identity) error
	UpdateIdentity(ctx context.Context, i Identity) error
}

// ChatReader reads chats, messages, routing state and timers.
type ChatReader interface {
	Chat(ctx context.Context, id int64) (Chat, error)
	// OpenChat returns the identity's chat that is not completed.
	OpenChat(ctx context.Context, identityID int64) (Chat, error)
	// Chats returns chats newest first.
	Chats(ctx context.Context, f ChatFilter) ([]Chat, error)
	Messages(ctx context.Context, f MessageFilter) ([]Message, error)
	MessageByDedupeKey(ctx context.Context, key string) (Message, error)
	// WaitingChats returns the queue's waiting chats that hold no invitation, oldest first.
	WaitingChats(ctx context.Context, queueID int64, limit int) ([]Chat, error)
	// Candidates returns the queue's active, enabled members with their load.
	Candidates(ctx context.Context, queueID int64) ([]Candidate, error)
	// AgentLoad counts the chats agentID owns in progress plus their pending invitations.
	AgentLoad(ctx context.Context, agentID int64) (int, error)
	// Declines returns the agents who declined the chat or let its invitation expire.
	Declines(ctx context.Context, chatID int64) ([]int64, error)
	// DeclinesOf returns Declines for each of the chats that has any, in one read.
	DeclinesOf(ctx context.Context, chatIDs []int64) (map[int64][]int64, error)
	DueTimers(ctx context.Context, now time.Time, limit int) ([]Timer, error)
	// Invitations returns the agents invited to the chat's open offer.
	Invitations(ctx context.Context, chatID int64) ([]int64, error)
	// QueueLoads returns, for every queue that has waiting chats or chats in
	// progress, how many of each and when the oldest waiting chat's state changed.
	QueueLoads(ctx context.Context) ([]QueueLoad, error)
	// AgentInvitations returns the chats whose open offer invites agentID.
	AgentInvitations(ctx context.Context, agentID int64) ([]int64, error)
	// ChatCounts counts all chats by state.
	ChatCounts(ctx context.Context) (map[ChatState]int, error)
}

// ChatWriter changes chats, messages, routing state and timers.
type ChatWriter interface {
	CreateChat(ctx context.Context, c *Chat) error
	// SaveChat stores c if its version is still c.Version, and increments c.Version;
	// Conflict when another change came first.
	SaveChat(ctx context.Context, c *Chat) error
	// AddMessage stores m and sets its ID; Conflict when its DedupeKey is taken.
	AddMessage(ctx context.Context, m *Message) error
	AddDecline(ctx context.Context, chatID, agentID int64) error
	// ClearDeclines forgets who declined the chat, for a new routing round.
	ClearDeclines(ctx context.Context, chatID int64) error
	// AddTimer stores t. It does not set t.ID: nothing needs it before the timer
	// is read back as due, and on PostgreSQL the insert then waits for no answer.
	AddTimer(ctx context.Context, t *Timer) error
	AddInvitation(ctx context.Context, chatID, agentID int64) error
	// DeleteInvitation ends agentID's invitation to the chat; 0 ends them all.
	DeleteInvitation(ctx context.Context, chatID, agentID int64) error
	// SetLastOffered moves round robin's place in the queue from one agent to the
	// next; Conflict when another transaction moved it first.
	SetLastOffered(ctx context.Context, queueID, from, to int64) error
	// TakeTimer deletes the timer and reports whether it was still there.
	TakeTimer(ctx context.Context, id int64) (bool, error)
}

// FileReader reads uploaded files.
type FileReader interface {
	File(ctx context.Context, id string) (File, error)
	// ChatFiles returns the files sent in the chat's messages, in the order sent;
	// those of internal messages only when includeInternal is set.
	ChatFiles(ctx context.Context, chatID int64, includeInternal bool) ([]ChatFile, error)
}

// FileWriter records uploads and the messages that carry them.
type FileWriter interface {
	CreateFile(ctx context.Context, f File) error
	// AttachFiles gives the files, all still unattached, to message messageID of
	// chat chatID; Conflict when any is attached already or missing.
	AttachFiles(ctx context.Context, chatID, messageID int64, ids []string) error
}

// EventReader reads the event log.
type EventReader interface {
	// Events returns, in id order, the events after f.After that f.Viewer may see.
	Events(ctx context.Context, f EventFilter) ([]Event, error)
	LastEventID(ctx context.Context) (int64, error)
}

// Bus carries events to every node: committed ones after their commit, and
// ephemeral ones (typing, with id 0) that are never stored.
type Bus interface {
	Publish(ctx context.Context, events []Event) error
}
