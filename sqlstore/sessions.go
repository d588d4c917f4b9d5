package sqlstore

import (
	"context"
	"fmt"
	"time"

	"parley"
)

func scanSession(s scanner) (parley.Session, error) {
	var ss parley.Session
	var created, expires int64
	err := s.Scan(&ss.TokenHash, &ss.AgentID, &ss.CSRFToken, &created, &expires)
	ss.CreatedAt, ss.ExpiresAt = fromMicros(created), fromMicros(expires)
	return ss, err
}

// Session returns the session with the token hash, expired or not.
func (r queries) Session(ctx context.Context, tokenHash string) (parley.Session, error) {
	return one(ctx, r.q, "session", scanSession, `SELECT token_hash, agent_id, csrf_token, created_at, expires_at
		FROM sessions WHERE token_hash = $1`, tokenHash)
}

// CreateSession stores s; Conflict when its token hash exists.
func (t *tx) CreateSession(ctx context.Context, s parley.Session) error {
	var hash string
	err := t.q.queryRow(ctx, `INSERT INTO sessions (token_hash, agent_id, csrf_token, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING token_hash`,
		s.TokenHash, s.AgentID, s.CSRFToken, micros(s.CreatedAt), micros(s.ExpiresAt)).Scan(&hash)
	return insertErr(err, "create session", "the session exists")
}

// DeleteSession deletes the session if it exists.
func (t *tx) DeleteSession(ctx context.Context, tokenHash string) error {
	return t.exec(ctx, "delete session", "DELETE FROM sessions WHERE token_hash = $1", tokenHash)
}

// DeleteAgentSessions deletes every session of the agent.
func (t *tx) DeleteAgentSessions(ctx context.Context, agentID int64) error {
	return t.exec(ctx, "delete agent sessions", "DELETE FROM sessions WHERE agent_id = $1", agentID)
}

// DeleteExpiredSessions deletes the sessions that expired at or before now.
func (t *tx) DeleteExpiredSessions(ctx context.Context, now time.Time) error {
	return t.exec(ctx, "delete expired sessions", "DELETE FROM sessions WHERE expires_at <= $1", micros(now))
}

// exec runs a statement whose result tells nothing more.
func (t *tx) exec(ctx context.Context, doing, query string, args ...any) error {
	if _, err := t.q.exec(ctx, query, args...); err != nil {
		return fmt.Errorf("sqlstore: %s: %w", doing, err)
	}
	return nil
}
