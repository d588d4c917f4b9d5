package parley

import (
	"context"
	"time"
)

// The events of messenger channels.
const (
	// EventMessageUpdated carries a message again after its delivery status,
	// text (an edit) or files (media fetched after it arrived) changed.
	EventMessageUpdated EventKind = "message.updated"
	// EventIdentityUpdated carries an identity whose reachability changed.
	EventIdentityUpdated EventKind = "identity.updated"
)

// JobKind says what a channel job does.
type JobKind string

// Job kinds.
const (
	// JobSend delivers an outbound message; its payload is a SendPayload.
	JobSend JobKind = "send"
	// JobFetch downloads the media of an inbound message; its payload is the []MediaRef.
	JobFetch JobKind = "fetch"
	// JobAvatar downloads a contact's photo; its payload is the MediaRef.
	JobAvatar JobKind = "avatar"
	// JobProfile asks a ProfileReader for a new contact's name; its payload is
	// the user's external id.
	JobProfile JobKind = "profile"
)

// ChannelJob is one piece of work for a provider, durable until done: the
// outbox of DESIGN's mechanism 4, and the fetches of inbound media.
type ChannelJob struct {
	ID        int64
	Kind      JobKind
	ChannelID int64
	ChatID    int64
	MessageID int64
	ContactID int64
	Payload   string
	Attempts  int
	DueAt     time.Time
	LastError string
	CreatedAt time.Time
}

// SendPayload is what a send job needs beyond the message itself.
type SendPayload struct {
	Tag string `json:"tag,omitempty"` // Messenger's message tag, outside the 24-hour window
}

// OutboxReader reads channel jobs and what outbound messages became.
type OutboxReader interface {
	// DueJobs returns jobs due at now, soonest first.
	DueJobs(ctx context.Context, now time.Time, limit int) ([]ChannelJob, error)
	// MessageByRef finds the message the provider knows by externalID.
	MessageByRef(ctx context.Context, channelID int64, externalID string) (Message, error)
	// MessageRefs returns the provider's ids of a chat's messages, oldest first.
	MessageRefs(ctx context.Context, chatID int64) ([]string, error)
	// EarlyStatuses returns the statuses stored for externalID before its send was recorded.
	EarlyStatuses(ctx context.Context, channelID int64, externalID string) ([]StatusUpdate, error)
	// Message returns one message.
	Message(ctx context.Context, id int64) (Message, error)
	// CountJobs counts the jobs not done, by kind.
	CountJobs(ctx context.Context) (map[JobKind]int, error)
}

// OutboxWriter changes channel jobs and messages' delivery.
type OutboxWriter interface {
	// AddJob stores j; its ID is not set.
	AddJob(ctx context.Context, j *ChannelJob) error
	// LeaseJob moves the job's due time to until and counts an attempt, if its
	// attempts are still attempts; false when another node leased it first.
	LeaseJob(ctx context.Context, id int64, attempts int, until time.Time) (bool, error)
	// RetryJob sets the job's next due time and its last error.
	RetryJob(ctx context.Context, id int64, due time.Time, lastError string) error
	DeleteJob(ctx context.Context, id int64) error
	AddMessageRef(ctx context.Context, channelID int64, externalID string, messageID int64) error
	// AddEarlyStatus keeps a status that came before its send was recorded.
	AddEarlyStatus(ctx context.Context, channelID int64, u StatusUpdate) error
	DeleteEarlyStatuses(ctx context.Context, channelID int64, externalID string) error
	SetDelivery(ctx context.Context, messageID int64, status DeliveryStatus, reason string) error
	// EditMessage keeps the message's current text as an earlier version and stores text.
	EditMessage(ctx context.Context, messageID int64, text string, at time.Time) error
	// SetMessageFiles replaces what the message says of its files.
	SetMessageFiles(ctx context.Context, messageID int64, files []Attachment) error
}
