package sqlstore

import (
	"context"
	"fmt"

	"parley"
)

const quickReplyColumns = "id, name, text, scope, scope_id, created_by, created_at, updated_at"

func scanQuickReply(s scanner) (parley.QuickReply, error) {
	var r parley.QuickReply
	var scope string
	var created, updated int64
	err := s.Scan(&r.ID, &r.Name, &r.Text, &scope, &r.ScopeID, &r.CreatedBy, &created, &updated)
	r.Scope, r.CreatedAt, r.UpdatedAt = parley.QuickReplyScope(scope), fromMicros(created), fromMicros(updated)
	return r, err
}

// QuickReply returns the quick reply with the id.
func (r queries) QuickReply(ctx context.Context, id int64) (parley.QuickReply, error) {
	return one(ctx, r.q, "quick reply", scanQuickReply,
		"SELECT "+quickReplyColumns+" FROM quick_replies WHERE id = $1", id)
}

// QuickReplies returns the quick replies f selects, by name.
func (r queries) QuickReplies(ctx context.Context, f parley.QuickReplyFilter) ([]parley.QuickReply, error) {
	var w where
	if !f.All {
		scopes := []string{"scope = 'all'"}
		if len(f.RoomIDs) > 0 {
			scopes = append(scopes, "(scope = 'room' AND scope_id IN "+in(&w, f.RoomIDs)+")")
		}
		if len(f.QueueIDs) > 0 {
			scopes = append(scopes, "(scope = 'queue' AND scope_id IN "+in(&w, f.QueueIDs)+")")
		}
		if f.AgentID != 0 {
			scopes = append(scopes, "(scope = 'agent' AND scope_id = "+w.arg(f.AgentID)+")")
		}
		cond := scopes[0]
		for _, s := range scopes[1:] {
			cond += " OR " + s
		}
		w.add("(" + cond + ")")
	}
	return list(ctx, r.q, "quick replies", scanQuickReply,
		"SELECT "+quickReplyColumns+" FROM quick_replies"+w.sql()+" ORDER BY name, id", w.args...)
}

// CreateQuickReply stores r and sets its ID.
func (t *tx) CreateQuickReply(ctx context.Context, r *parley.QuickReply) error {
	err := t.q.queryRow(ctx, `INSERT INTO quick_replies (name, text, scope, scope_id, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		r.Name, r.Text, string(r.Scope), r.ScopeID, r.CreatedBy, micros(r.CreatedAt), micros(r.UpdatedAt)).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: create quick reply: %w", err)
	}
	return nil
}

// UpdateQuickReply stores r's name, text, scope and update time.
func (t *tx) UpdateQuickReply(ctx context.Context, r parley.QuickReply) error {
	n, err := t.q.exec(ctx, "UPDATE quick_replies SET name = $1, text = $2, scope = $3, scope_id = $4, updated_at = $5 WHERE id = $6",
		r.Name, r.Text, string(r.Scope), r.ScopeID, micros(r.UpdatedAt), r.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: update quick reply: %w", err)
	}
	return affected("quick reply", n)
}

// DeleteQuickReply removes the quick reply; NotFound when there is none.
func (t *tx) DeleteQuickReply(ctx context.Context, id int64) error {
	n, err := t.q.exec(ctx, "DELETE FROM quick_replies WHERE id = $1", id)
	if err != nil {
		return fmt.Errorf("sqlstore: delete quick reply: %w", err)
	}
	return affected("quick reply", n)
}
