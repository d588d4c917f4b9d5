package sqlstore

import (
	"context"

	"parley"
)

// Draft returns the agent's draft in the chat; NotFound when there is none.
func (r queries) Draft(ctx context.Context, agentID, chatID int64) (parley.Draft, error) {
	return one(ctx, r.q, "draft", func(s scanner) (parley.Draft, error) {
		d := parley.Draft{AgentID: agentID, ChatID: chatID}
		var updated int64
		err := s.Scan(&d.Text, &updated)
		d.UpdatedAt = fromMicros(updated)
		return d, err
	}, "SELECT text, updated_at FROM drafts WHERE agent_id = $1 AND chat_id = $2", agentID, chatID)
}

// SaveDraft stores d, replacing the agent's earlier draft in the chat.
func (t *tx) SaveDraft(ctx context.Context, d parley.Draft) error {
	return t.change(ctx, false, failure("save draft"), `INSERT INTO drafts (agent_id, chat_id, text, updated_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (agent_id, chat_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
		d.AgentID, d.ChatID, d.Text, micros(d.UpdatedAt))
}

// DeleteDraft forgets the agent's draft in the chat. Sending a message runs it,
// so it may be deferred with the send's other writes.
func (t *tx) DeleteDraft(ctx context.Context, agentID, chatID int64) error {
	return t.change(ctx, false, failure("delete draft"), "DELETE FROM drafts WHERE agent_id = $1 AND chat_id = $2", agentID, chatID)
}
