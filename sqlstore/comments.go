package sqlstore

import (
	"context"
	"fmt"

	"parley"
)

// Comments returns the chat's comments, oldest first.
func (r queries) Comments(ctx context.Context, chatID int64) ([]parley.Comment, error) {
	return list(ctx, r.q, "comments", func(s scanner) (parley.Comment, error) {
		var c parley.Comment
		var created int64
		err := s.Scan(&c.ID, &c.ChatID, &c.AuthorID, &c.Text, &created)
		c.CreatedAt = fromMicros(created)
		return c, err
	}, "SELECT id, chat_id, author_id, text, created_at FROM chat_comments WHERE chat_id = $1 ORDER BY id", chatID)
}

// Followers returns the agents following the chat, by id.
func (r queries) Followers(ctx context.Context, chatID int64) ([]int64, error) {
	return list(ctx, r.q, "followers", scanInt64, "SELECT agent_id FROM chat_followers WHERE chat_id = $1 ORDER BY agent_id", chatID)
}

// AddComment stores c and sets its ID.
func (t *tx) AddComment(ctx context.Context, c *parley.Comment) error {
	err := t.q.queryRow(ctx, `INSERT INTO chat_comments (chat_id, author_id, text, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		c.ChatID, c.AuthorID, c.Text, micros(c.CreatedAt)).Scan(&c.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: add comment: %w", err)
	}
	return nil
}

// Follow makes the agent follow the chat, or stop.
func (t *tx) Follow(ctx context.Context, chatID, agentID int64, on bool) error {
	if on {
		return t.change(ctx, false, failure("follow"), `INSERT INTO chat_followers (chat_id, agent_id) VALUES ($1, $2)
			ON CONFLICT DO NOTHING`, chatID, agentID)
	}
	return t.change(ctx, false, failure("unfollow"), "DELETE FROM chat_followers WHERE chat_id = $1 AND agent_id = $2", chatID, agentID)
}
