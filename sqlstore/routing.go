package sqlstore

import (
	"context"
	"database/sql"
	"slices"

	"parley"
)

// loadSQL is the number of chats an agent (the outer a.id) owns in progress plus
// the invitations they hold, which triggers keep in agent_loads (migration 8).
const loadSQL = `(SELECT chats FROM agent_loads WHERE agent_id = a.id)`

// Candidates returns the queue's active, enabled members with their load, by agent id.
func (r queries) Candidates(ctx context.Context, queueID int64) ([]parley.Candidate, error) {
	return list(ctx, r.q, "candidates", func(s scanner) (parley.Candidate, error) {
		var c parley.Candidate
		var last int64
		var limit sql.NullInt64
		err := s.Scan(&c.AgentID, &c.Load, &last, &limit)
		c.LastAssignedAt, c.ChatLimit = fromMicros(last), nullInt(limit)
		return c, err
	}, `SELECT a.id, `+loadSQL+`, a.last_assigned_at, a.chat_limit
		FROM queue_members m JOIN agents a ON a.id = m.agent_id
		WHERE m.queue_id = $1 AND a.status = 'active' AND NOT a.disabled
		ORDER BY a.id`, queueID)
}

// AgentLoad counts the chats the agent owns in progress plus their pending invitations.
func (r queries) AgentLoad(ctx context.Context, agentID int64) (int, error) {
	var n int
	err := r.q.queryRow(ctx, "SELECT "+loadSQL+" FROM agents a WHERE a.id = $1", agentID).Scan(&n)
	if err != nil {
		return 0, readErr("agent", err)
	}
	return n, nil
}

// Declines returns the agents who declined the chat or let its invitation expire, by id.
func (r queries) Declines(ctx context.Context, chatID int64) ([]int64, error) {
	return list(ctx, r.q, "declines", scanInt64,
		"SELECT agent_id FROM chat_declines WHERE chat_id = $1 ORDER BY agent_id", chatID)
}

// DeclinesOf returns the declines of each of the chats that has any. It reads the
// range of their ids in one statement, the same on both databases, and keeps
// those asked for: routing asks for a queue's oldest waiting chats, whose ids lie close.
func (r queries) DeclinesOf(ctx context.Context, chatIDs []int64) (map[int64][]int64, error) {
	out := map[int64][]int64{}
	if len(chatIDs) == 0 {
		return out, nil
	}
	lo, hi := slices.Min(chatIDs), slices.Max(chatIDs)
	pairs, err := list(ctx, r.q, "declines of chats", scanPair, "SELECT chat_id, agent_id FROM chat_declines WHERE chat_id BETWEEN $1 AND $2 ORDER BY chat_id, agent_id", lo, hi)
	if err != nil {
		return nil, err
	}
	for _, p := range pairs {
		if slices.Contains(chatIDs, p[0]) {
			out[p[0]] = append(out[p[0]], p[1])
		}
	}
	return out, nil
}

// AddDecline records that the agent declined the chat; recording it twice is no error.
func (t *tx) AddDecline(ctx context.Context, chatID, agentID int64) error {
	return t.change(ctx, false, failure("add decline"), `INSERT INTO chat_declines (chat_id, agent_id)
		VALUES ($1, $2) ON CONFLICT DO NOTHING`, chatID, agentID)
}

// ClearDeclines forgets every decline of the chat.
func (t *tx) ClearDeclines(ctx context.Context, chatID int64) error {
	return t.change(ctx, false, failure("clear declines"), "DELETE FROM chat_declines WHERE chat_id = $1", chatID)
}
