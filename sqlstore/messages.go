package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"parley"
)

// Page sizes of Messages.
const (
	defaultMessageLimit = 100
	maxMessageLimit     = 1000
)

const messageColumns = `id, chat_id, seq, author_kind, author_id, kind, text, code, client_id, internal, created_at,
	dedupe_key, files, delivery, delivery_reason, edited_at, extra`

func scanMessage(s scanner) (parley.Message, error) {
	var m parley.Message
	var created int64
	var dedupe sql.NullString
	var files, extra string
	var edited int64
	err := s.Scan(&m.ID, &m.ChatID, &m.Seq, &m.Author.Kind, &m.Author.ID, &m.Kind, &m.Text, &m.Code, &m.ClientID,
		&m.Internal, &created, &dedupe, &files, &m.Delivery, &m.DeliveryReason, &edited, &extra)
	m.CreatedAt, m.DedupeKey = fromMicros(created), dedupe.String
	if edited != 0 {
		m.EditedAt = fromMicros(edited)
	}
	if err == nil && files != "" {
		if jerr := json.Unmarshal([]byte(files), &m.Files); jerr != nil {
			err = fmt.Errorf("message %d: files: %w", m.ID, jerr)
		}
	}
	if err == nil && extra != "" {
		if jerr := json.Unmarshal([]byte(extra), &m.MessageExtra); jerr != nil {
			err = fmt.Errorf("message %d: extra: %w", m.ID, jerr)
		}
	}
	return m, err
}

// extraJSON is the extra column of m: what it carries beyond text, empty for nothing.
func extraJSON(m *parley.Message) string {
	if m.MessageExtra.IsZero() {
		return ""
	}
	b, _ := json.Marshal(m.MessageExtra) // strings and numbers always marshal
	return string(b)
}

// filesJSON is the files column of m: its attachments as JSON, empty for none.
func filesJSON(m *parley.Message) (string, error) {
	if len(m.Files) == 0 {
		return "", nil
	}
	b, err := json.Marshal(m.Files)
	if err != nil {
		return "", fmt.Errorf("sqlstore: add message: files: %w", err)
	}
	return string(b), nil
}

// Messages returns a page of one chat's messages in seq order: the first Limit
// after AfterSeq, or, when BeforeSeq is set, the last Limit before it.
func (r queries) Messages(ctx context.Context, f parley.MessageFilter) ([]parley.Message, error) {
	var w where
	w.add("chat_id = " + w.arg(f.ChatID))
	if f.AfterSeq != 0 {
		w.add("seq > " + w.arg(f.AfterSeq))
	}
	if f.BeforeSeq != 0 {
		w.add("seq < " + w.arg(f.BeforeSeq))
	}
	if !f.IncludeInternal {
		w.add("NOT internal")
	}
	order := " ORDER BY seq"
	if f.BeforeSeq != 0 {
		order = " ORDER BY seq DESC"
	}
	limit := clamp(f.Limit, defaultMessageLimit, maxMessageLimit)
	ms, err := list(ctx, r.q, "messages", scanMessage, "SELECT "+messageColumns+" FROM messages"+w.sql()+
		order+" LIMIT "+strconv.Itoa(limit), w.args...)
	if f.BeforeSeq != 0 {
		slices.Reverse(ms)
	}
	return ms, err
}

// MessageByDedupeKey returns the message stored with the dedupe key.
func (r queries) MessageByDedupeKey(ctx context.Context, key string) (parley.Message, error) {
	return one(ctx, r.q, "message", scanMessage, "SELECT "+messageColumns+" FROM messages WHERE dedupe_key = $1", key)
}

// addMessageSQL inserts a message. The id is given: on PostgreSQL from the
// writer's block (see idBlock), on SQLite NULL, for SQLite to assign.
//
// ON CONFLICT DO NOTHING: a caller may go on after a Conflict (to read the first
// delivery), which a failed statement would forbid on PostgreSQL.
const addMessageSQL = `INSERT INTO messages (id, chat_id, seq, author_kind, author_id, kind, text, code,
	client_id, internal, created_at, dedupe_key, files, delivery, extra)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
	ON CONFLICT DO NOTHING`

// AddMessage stores m and sets its ID; Conflict when its DedupeKey, or its seq
// in its chat, is taken.
func (t *tx) AddMessage(ctx context.Context, m *parley.Message) error {
	var dedupe any
	if m.DedupeKey != "" {
		dedupe = m.DedupeKey
	}
	files, err := filesJSON(m)
	if err != nil {
		return err
	}
	var id any     // nil: SQLite assigns it
	var next int64 // PostgreSQL's, from the writer's block
	if t.b.ids != nil {
		if next, err = t.b.ids.take(ctx, t.q); err != nil {
			return err
		}
		id = next
	}
	args := []any{id, m.ChatID, m.Seq, string(m.Author.Kind), m.Author.ID, string(m.Kind), m.Text, m.Code, m.ClientID,
		m.Internal, micros(m.CreatedAt), dedupe, files, string(m.Delivery), extraJSON(m)}
	key, seq, chat := m.DedupeKey, m.Seq, m.ChatID // for a check run after fn moved on
	check := func(n int64, err error) error {
		switch {
		case err != nil:
			return fmt.Errorf("sqlstore: add message: %w", err)
		case n == 0:
			return parley.Errorf(parley.CodeConflict, "message %q or seq %d of chat %d exists", key, seq, chat)
		}
		return nil
	}
	if t.b.deferWrites { // on PostgreSQL, so next is set
		before := m.ID
		t.b.undo = append(t.b.undo, func() { m.ID = before })
		m.ID = next
		return t.change(ctx, true, check, addMessageSQL, args...)
	}
	n, err := int64(1), t.q.queryRow(ctx, addMessageSQL+" RETURNING id", args...).Scan(&m.ID)
	if errors.Is(err, sql.ErrNoRows) {
		n, err = 0, nil
	}
	return check(n, err)
}
