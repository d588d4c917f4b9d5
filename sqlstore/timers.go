package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"parley"
)

// Sizes of a DueTimers answer.
const (
	defaultTimerLimit = 100
	maxTimerLimit     = 1000
)

func scanTimer(s scanner) (parley.Timer, error) {
	var t parley.Timer
	var due int64
	err := s.Scan(&t.ID, &t.Kind, &t.ChatID, &t.AgentID, &t.Ref, &due)
	t.DueAt = fromMicros(due)
	return t, err
}

// DueTimers returns at most limit timers due at or before now, soonest first.
func (r queries) DueTimers(ctx context.Context, now time.Time, limit int) ([]parley.Timer, error) {
	return list(ctx, r.q, "due timers", scanTimer, `SELECT id, kind, chat_id, agent_id, ref, due_at
		FROM timers WHERE due_at <= $1 ORDER BY due_at, id LIMIT `+strconv.Itoa(clamp(limit, defaultTimerLimit, maxTimerLimit)), micros(now))
}

// AddTimer stores t without asking for its id (see parley.ChatWriter), so that on
// PostgreSQL the insert goes with the transaction's next statement or its commit.
func (t *tx) AddTimer(ctx context.Context, tm *parley.Timer) error {
	return t.change(ctx, false, failure("add timer"), `INSERT INTO timers (kind, chat_id, agent_id, ref, due_at)
		VALUES ($1, $2, $3, $4, $5)`, string(tm.Kind), tm.ChatID, tm.AgentID, tm.Ref, micros(tm.DueAt))
}

// TakeTimer deletes the timer and reports whether it was still there, so that
// of several nodes firing it only one goes on.
func (t *tx) TakeTimer(ctx context.Context, id int64) (bool, error) {
	n, err := t.q.exec(ctx, "DELETE FROM timers WHERE id = $1", id)
	if err != nil {
		return false, fmt.Errorf("sqlstore: take timer: %w", err)
	}
	return n > 0, nil
}
