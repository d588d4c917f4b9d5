package parley

import (
	"context"
	"time"
)

// Draft is what an agent typed in a chat and did not send, kept on the server so
// that it is back on any device (R2.10).
type Draft struct {
	AgentID   int64     `json:"agent_id"`
	ChatID    int64     `json:"chat_id"`
	Text      string    `json:"text"`
	UpdatedAt time.Time `json:"updated_at"`
}

// DraftReader reads drafts.
type DraftReader interface {
	// Draft returns the agent's draft in the chat; NotFound when there is none.
	Draft(ctx context.Context, agentID, chatID int64) (Draft, error)
}

// DraftWriter changes drafts.
type DraftWriter interface {
	// SaveDraft stores d, replacing the agent's earlier draft in the chat.
	SaveDraft(ctx context.Context, d Draft) error
	// DeleteDraft forgets the agent's draft in the chat; no error when there is none.
	DeleteDraft(ctx context.Context, agentID, chatID int64) error
}
