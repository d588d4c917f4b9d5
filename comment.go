package parley

import (
	"context"
	"time"
)

// Events of the comment feed (R2.23).
const (
	// EventChatComment carries a new comment to those who see the chat. Data: Comment.
	EventChatComment EventKind = "chat.comment"
	// EventChatFollowed tells one follower of a chat that it changed. Data: FollowedChange.
	EventChatFollowed EventKind = "chat.followed"
)

// MaxCommentText bounds a comment, in characters.
const MaxCommentText = 4000

// Comment is a colleague's remark on a chat's record, in plain text.
type Comment struct {
	ID        int64     `json:"id"`
	ChatID    int64     `json:"chat_id"`
	AuthorID  int64     `json:"author_id"`
	Text      string    `json:"text"`
	CreatedAt time.Time `json:"created_at"`
}

// What changed in a followed chat.
const (
	ChangeComment     = "comment"
	ChangeTopic       = "topic"
	ChangeStatus      = "status"
	ChangeOwner       = "owner"
	ChangeTransferred = "transferred"
	ChangeCompleted   = "completed"
	ChangeDeleted     = "deleted"
	ChangeRestored    = "restored"
)

// FollowedChange is the data of EventChatFollowed.
type FollowedChange struct {
	ChatID    int64  `json:"chat_id"`
	Change    string `json:"change"`
	ByAgentID int64  `json:"by_agent_id,omitempty"` // 0 when the server made it (a timer)
	CommentID int64  `json:"comment_id,omitempty"`
}

// CommentReader reads comments and followers.
type CommentReader interface {
	// Comments returns the chat's comments, oldest first.
	Comments(ctx context.Context, chatID int64) ([]Comment, error)
	// Followers returns the agents following the chat, by id.
	Followers(ctx context.Context, chatID int64) ([]int64, error)
}

// CommentWriter adds comments and changes who follows.
type CommentWriter interface {
	AddComment(ctx context.Context, c *Comment) error
	// Follow makes the agent follow the chat, or stop; either is idempotent.
	Follow(ctx context.Context, chatID, agentID int64, on bool) error
}
