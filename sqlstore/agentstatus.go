package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"parley"
)

func scanPauseReason(s scanner) (parley.PauseReason, error) {
	var r parley.PauseReason
	var created int64
	err := s.Scan(&r.ID, &r.Name, &r.Active, &created)
	r.CreatedAt = fromMicros(created)
	return r, err
}

// PauseReason returns the pause reason with the id.
func (r queries) PauseReason(ctx context.Context, id int64) (parley.PauseReason, error) {
	return one(ctx, r.q, "pause reason", scanPauseReason,
		"SELECT id, name, active, created_at FROM pause_reasons WHERE id = $1", id)
}

// PauseReasons returns every pause reason by id.
func (r queries) PauseReasons(ctx context.Context) ([]parley.PauseReason, error) {
	return list(ctx, r.q, "pause reasons", scanPauseReason,
		"SELECT id, name, active, created_at FROM pause_reasons ORDER BY id")
}

// CreatePauseReason stores p and sets its ID; Conflict when the name is taken.
func (t *tx) CreatePauseReason(ctx context.Context, p *parley.PauseReason) error {
	err := t.q.queryRow(ctx, `INSERT INTO pause_reasons (name, active, created_at) VALUES ($1, $2, $3)
		ON CONFLICT DO NOTHING RETURNING id`, p.Name, p.Active, micros(p.CreatedAt)).Scan(&p.ID)
	return insertErr(err, "create pause reason", "a pause reason named %q exists", p.Name)
}

// UpdatePauseReason stores p's name and active flag; Conflict when the name is taken.
func (t *tx) UpdatePauseReason(ctx context.Context, p parley.PauseReason) error {
	if err := t.nameFree(ctx, "SELECT id FROM pause_reasons WHERE name = $1 AND id <> $2", p.Name, p.ID, "a pause reason named %q exists"); err != nil {
		return err
	}
	n, err := t.q.exec(ctx, "UPDATE pause_reasons SET name = $1, active = $2 WHERE id = $3", p.Name, p.Active, p.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: update pause reason: %w", err)
	}
	return affected("pause reason", n)
}

func scanInterval(s scanner) (parley.StatusInterval, error) {
	var iv parley.StatusInterval
	var started int64
	var ended sql.NullInt64
	err := s.Scan(&iv.AgentID, &iv.Status, &iv.PauseReasonID, &started, &ended)
	iv.StartedAt, iv.EndedAt = fromMicros(started), fromNullMicros(ended)
	return iv, err
}

// StatusIntervals returns the agent's status intervals that overlap [from, to), oldest first.
func (r queries) StatusIntervals(ctx context.Context, agentID int64, from, to time.Time) ([]parley.StatusInterval, error) {
	return list(ctx, r.q, "status intervals", scanInterval, `SELECT agent_id, status, pause_reason_id, started_at, ended_at
		FROM agent_status_intervals
		WHERE agent_id = $1 AND started_at < $2 AND (ended_at IS NULL OR ended_at > $3)
		ORDER BY started_at, id`, agentID, micros(to), micros(from))
}

// StartStatusInterval ends the agent's open interval at iv.StartedAt and opens iv.
func (t *tx) StartStatusInterval(ctx context.Context, iv parley.StatusInterval) error {
	if err := t.exec(ctx, "end status interval", `UPDATE agent_status_intervals SET ended_at = $1
		WHERE agent_id = $2 AND ended_at IS NULL`, micros(iv.StartedAt), iv.AgentID); err != nil {
		return err
	}
	return t.exec(ctx, "start status interval", `INSERT INTO agent_status_intervals
		(agent_id, status, pause_reason_id, started_at) VALUES ($1, $2, $3, $4)`,
		iv.AgentID, string(iv.Status), iv.PauseReasonID, micros(iv.StartedAt))
}

// AgentWorkloads returns every agent's chats in progress, the smallest chat limit
// among their queues (0 when they are in none) and their own limit, by agent id.
func (r queries) AgentWorkloads(ctx context.Context) ([]parley.AgentWorkload, error) {
	return list(ctx, r.q, "agent workloads", func(s scanner) (parley.AgentWorkload, error) {
		var w parley.AgentWorkload
		var limit, own sql.NullInt64
		err := s.Scan(&w.AgentID, &w.ChatsInProgress, &limit, &own)
		w.QueueChatLimit, w.ChatLimit = int(limit.Int64), nullInt(own)
		return w, err
	}, `SELECT a.id,
		(SELECT COUNT(*) FROM chats c WHERE c.owner_id = a.id AND c.state = 'in_progress'),
		(SELECT MIN(q.chat_limit) FROM queue_members m JOIN queues q ON q.id = m.queue_id WHERE m.agent_id = a.id),
		a.chat_limit
		FROM agents a ORDER BY a.id`)
}

// ConsolesSeenBy returns the agents whose awaited console was last seen at or before the time.
func (r queries) ConsolesSeenBy(ctx context.Context, before time.Time) ([]parley.Agent, error) {
	return list(ctx, r.q, "agents", scanAgent, "SELECT "+agentColumns+
		" FROM agents WHERE console_seen_at > 0 AND console_seen_at <= $1 ORDER BY id", micros(before))
}

// TouchConsole records that a console of the agent is connected at the time.
func (t *tx) TouchConsole(ctx context.Context, agentID int64, at time.Time) error {
	n, err := t.q.exec(ctx, "UPDATE agents SET console_seen_at = $1, console_online = TRUE WHERE id = $2", micros(at), agentID)
	if err != nil {
		return fmt.Errorf("sqlstore: touch console: %w", err)
	}
	return affected("agent", n)
}

// MarkConsoleOffline clears console_online if the console was last seen at seenAt.
// The condition makes it a compare-and-set: of several nodes, one changes the row.
func (t *tx) MarkConsoleOffline(ctx context.Context, agentID int64, seenAt time.Time) (bool, error) {
	n, err := t.q.exec(ctx, `UPDATE agents SET console_online = FALSE
		WHERE id = $1 AND console_online AND console_seen_at = $2`, agentID, micros(seenAt))
	if err != nil {
		return false, fmt.Errorf("sqlstore: mark console offline: %w", err)
	}
	return n > 0, nil
}

// ForgetConsole stops awaiting a console last seen at seenAt, as a compare-and-set.
func (t *tx) ForgetConsole(ctx context.Context, agentID int64, seenAt time.Time) (bool, error) {
	n, err := t.q.exec(ctx, `UPDATE agents SET console_seen_at = 0, console_online = FALSE
		WHERE id = $1 AND console_seen_at = $2`, agentID, micros(seenAt))
	if err != nil {
		return false, fmt.Errorf("sqlstore: forget console: %w", err)
	}
	return n > 0, nil
}
