package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"parley"
)

const agentColumns = `id, email, name, role, status, status_before_logout, disabled, language,
	sound_new_message, sound_new_chat, desktop_notifications,
	password_hash, last_assigned_at, status_changed_at, created_at, updated_at,
	pause_reason_id, pause_reason_before_logout, console_seen_at, console_online, chat_limit, rights`

func scanAgent(s scanner) (parley.Agent, error) {
	var a parley.Agent
	var lastAssigned, statusChanged, created, updated, consoleSeen int64
	var limit sql.NullInt64
	var rights string
	err := s.Scan(&a.ID, &a.Email, &a.Name, &a.Role, &a.Status, &a.StatusBeforeLogout, &a.Disabled,
		&a.Language, &a.Settings.SoundNewMessage, &a.Settings.SoundNewChat, &a.Settings.DesktopNotifications, &a.PasswordHash, &lastAssigned, &statusChanged, &created, &updated,
		&a.PauseReasonID, &a.PauseReasonBeforeLogout, &consoleSeen, &a.ConsoleOnline, &limit, &rights)
	if err == nil {
		err = decodeRights(rights, &a.Rights)
	}
	a.ChatLimit = nullInt(limit)
	a.LastAssignedAt, a.StatusChangedAt = fromMicros(lastAssigned), fromMicros(statusChanged)
	a.ConsoleSeenAt = fromMicros(consoleSeen)
	a.CreatedAt, a.UpdatedAt = fromMicros(created), fromMicros(updated)
	return a, err
}

// Agent returns the agent with the id.
func (r queries) Agent(ctx context.Context, id int64) (parley.Agent, error) {
	return one(ctx, r.q, "agent", scanAgent, "SELECT "+agentColumns+" FROM agents WHERE id = $1", id)
}

// AgentByEmail returns the agent with the (normalized) e-mail address.
func (r queries) AgentByEmail(ctx context.Context, email string) (parley.Agent, error) {
	return one(ctx, r.q, "agent", scanAgent, "SELECT "+agentColumns+" FROM agents WHERE email = $1", email)
}

// Agents returns every agent by id.
func (r queries) Agents(ctx context.Context) ([]parley.Agent, error) {
	return list(ctx, r.q, "agents", scanAgent, "SELECT "+agentColumns+" FROM agents ORDER BY id")
}

// CountAgents counts every agent.
func (r queries) CountAgents(ctx context.Context) (int, error) {
	var n int
	if err := r.q.queryRow(ctx, "SELECT COUNT(*) FROM agents").Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlstore: count agents: %w", err)
	}
	return n, nil
}

// CreateAgent stores a and sets its ID; Conflict when the e-mail is taken.
func (t *tx) CreateAgent(ctx context.Context, a *parley.Agent) error {
	// ON CONFLICT DO NOTHING rather than catching the violation: on PostgreSQL a
	// failed statement would abort the transaction that other writes share.
	err := t.q.queryRow(ctx, `INSERT INTO agents (email, name, role, status, status_before_logout,
		disabled, language, sound_new_message, sound_new_chat, desktop_notifications,
		password_hash, last_assigned_at, status_changed_at, created_at, updated_at,
		pause_reason_id, pause_reason_before_logout, chat_limit, rights)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) ON CONFLICT DO NOTHING RETURNING id`,
		a.Email, a.Name, string(a.Role), string(a.Status), string(a.StatusBeforeLogout), a.Disabled,
		a.Language, a.Settings.SoundNewMessage, a.Settings.SoundNewChat, a.Settings.DesktopNotifications, a.PasswordHash, micros(a.LastAssignedAt), micros(a.StatusChangedAt),
		micros(a.CreatedAt), micros(a.UpdatedAt), a.PauseReasonID, a.PauseReasonBeforeLogout, nullIntArg(a.ChatLimit), encodeRights(a.Rights)).Scan(&a.ID)
	return insertErr(err, "create agent", "the e-mail address %s is taken", a.Email)
}

// UpdateAgent stores every field of a but its ID, CreatedAt and console presence.
func (t *tx) UpdateAgent(ctx context.Context, a parley.Agent) error {
	return t.change(ctx, true, func(n int64, err error) error {
		if err != nil {
			return writeErr(t.b.d, "update agent", err, "the e-mail address %s is taken", a.Email)
		}
		return affected("agent", n)
	}, `UPDATE agents SET email = $1, name = $2, role = $3, status = $4,
		status_before_logout = $5, disabled = $6, language = $7, password_hash = $8,
		last_assigned_at = $9, status_changed_at = $10, updated_at = $11,
		sound_new_message = $12, sound_new_chat = $13, desktop_notifications = $14,
		pause_reason_id = $15, pause_reason_before_logout = $16, chat_limit = $17, rights = $19 WHERE id = $18`,
		a.Email, a.Name, string(a.Role), string(a.Status), string(a.StatusBeforeLogout), a.Disabled,
		a.Language, a.PasswordHash, micros(a.LastAssignedAt), micros(a.StatusChangedAt),
		micros(a.UpdatedAt), a.Settings.SoundNewMessage, a.Settings.SoundNewChat, a.Settings.DesktopNotifications,
		a.PauseReasonID, a.PauseReasonBeforeLogout, nullIntArg(a.ChatLimit), a.ID, encodeRights(a.Rights))
}

// encodeRights writes rights as the JSON the rights column holds.
func encodeRights(r parley.AgentRights) string {
	b, _ := json.Marshal(r.Normalized()) // ids and booleans always marshal
	return string(b)
}

// decodeRights reads the rights column.
func decodeRights(s string, r *parley.AgentRights) error {
	if err := json.Unmarshal([]byte(s), r); err != nil {
		return fmt.Errorf("sqlstore: agent rights %q: %w", s, err)
	}
	return nil
}
