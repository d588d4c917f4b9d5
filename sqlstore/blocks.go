package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"parley"
)

const blockColumns = "id, contact_id, identity_id, reason, until_at, state, created_at, created_by, ended_at, lifted_by, lift_reason"

func scanBlock(s scanner) (parley.Block, error) {
	var b parley.Block
	var until, ended sql.NullInt64
	var created int64
	err := s.Scan(&b.ID, &b.ContactID, &b.IdentityID, &b.Reason, &until, &b.State, &created, &b.CreatedBy,
		&ended, &b.LiftedBy, &b.LiftReason)
	b.Until, b.EndedAt, b.CreatedAt = fromNullMicros(until), fromNullMicros(ended), fromMicros(created)
	return b, err
}

// Block returns the block with the id.
func (r queries) Block(ctx context.Context, id int64) (parley.Block, error) {
	return one(ctx, r.q, "block", scanBlock, "SELECT "+blockColumns+" FROM blocks WHERE id = $1", id)
}

// ContactBlocks returns the contact's blocks, its identities' included, newest first.
func (r queries) ContactBlocks(ctx context.Context, contactID int64) ([]parley.Block, error) {
	return list(ctx, r.q, "blocks", scanBlock, "SELECT "+blockColumns+
		" FROM blocks WHERE contact_id = $1 ORDER BY id DESC", contactID)
}

// HoldingBlock returns the oldest block that stops the identity at the time. The
// identity's own blocks are matched by identity, not by the contact they were
// placed under, so that they follow it if it moves to another contact.
func (r queries) HoldingBlock(ctx context.Context, identityID, contactID int64, now time.Time) (parley.Block, error) {
	// Two branches, each an exact search of a partial index of active blocks;
	// an OR would scan them all on SQLite.
	return one(ctx, r.q, "block", scanBlock, "SELECT "+blockColumns+" FROM (SELECT "+blockColumns+
		" FROM blocks WHERE state = 'active' AND identity_id = $1 UNION ALL SELECT "+blockColumns+
		" FROM blocks WHERE state = 'active' AND contact_id = $2 AND identity_id = 0) holding"+
		" WHERE until_at IS NULL OR until_at > $3 ORDER BY id LIMIT 1", identityID, contactID, micros(now))
}

// CreateBlock stores b and sets its ID; Conflict when the same reach has an active block.
func (t *tx) CreateBlock(ctx context.Context, b *parley.Block) error {
	err := t.q.queryRow(ctx, `INSERT INTO blocks (contact_id, identity_id, reason, until_at, state, created_at,
		created_by, ended_at, lifted_by, lift_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT DO NOTHING RETURNING id`, b.ContactID, b.IdentityID, b.Reason, nullMicros(b.Until), string(b.State),
		micros(b.CreatedAt), b.CreatedBy, nullMicros(b.EndedAt), b.LiftedBy, b.LiftReason).Scan(&b.ID)
	return insertErr(err, "create block", "an active block already stops this contact or identity; lift it first")
}

// EndBlock stores b's end if b is still active: of a lift and an expiry that
// race, exactly one ends it.
func (t *tx) EndBlock(ctx context.Context, b parley.Block) error {
	n, err := t.q.exec(ctx, `UPDATE blocks SET state = $1, ended_at = $2, lifted_by = $3, lift_reason = $4
		WHERE id = $5 AND state = 'active'`, string(b.State), nullMicros(b.EndedAt), b.LiftedBy, b.LiftReason, b.ID)
	switch {
	case err != nil:
		return fmt.Errorf("sqlstore: end block: %w", err)
	case n == 0:
		return parley.Errorf(parley.CodeConflict, "block %d has ended already", b.ID)
	}
	return nil
}

const blockedMessageColumns = "id, block_id, contact_id, identity_id, text, files, client_id, dedupe_key, created_at"

func scanBlockedMessage(s scanner) (parley.BlockedMessage, error) {
	var m parley.BlockedMessage
	var dedupe sql.NullString
	var files string
	var created int64
	err := s.Scan(&m.ID, &m.BlockID, &m.ContactID, &m.IdentityID, &m.Text, &files, &m.ClientID, &dedupe, &created)
	m.DedupeKey, m.CreatedAt = dedupe.String, fromMicros(created)
	if err == nil && files != "" {
		if jerr := json.Unmarshal([]byte(files), &m.Files); jerr != nil {
			err = fmt.Errorf("blocked message %d: files: %w", m.ID, jerr)
		}
	}
	return m, err
}

// Page sizes of BlockedMessages.
const (
	defaultBlockedLimit = 100
	maxBlockedLimit     = 1000
)

// BlockedMessages returns a page of the contact's blocked messages, newest first.
func (r queries) BlockedMessages(ctx context.Context, contactID, beforeID int64, limit int) ([]parley.BlockedMessage, error) {
	var w where
	w.add("contact_id = " + w.arg(contactID))
	if beforeID > 0 {
		w.add("id < " + w.arg(beforeID))
	}
	return list(ctx, r.q, "blocked messages", scanBlockedMessage, "SELECT "+blockedMessageColumns+" FROM blocked_messages"+
		w.sql()+" ORDER BY id DESC LIMIT "+strconv.Itoa(clamp(limit, defaultBlockedLimit, maxBlockedLimit)), w.args...)
}

// BlockedMessageByDedupeKey returns the blocked message stored with the dedupe key.
func (r queries) BlockedMessageByDedupeKey(ctx context.Context, key string) (parley.BlockedMessage, error) {
	return one(ctx, r.q, "blocked message", scanBlockedMessage, "SELECT "+blockedMessageColumns+
		" FROM blocked_messages WHERE dedupe_key = $1", key)
}

// AddBlockedMessage stores m and sets its ID; Conflict when its dedupe key is
// taken. ON CONFLICT DO NOTHING lets the caller go on to read the first delivery,
// which a failed statement would forbid on PostgreSQL.
func (t *tx) AddBlockedMessage(ctx context.Context, m *parley.BlockedMessage) error {
	var dedupe any
	if m.DedupeKey != "" {
		dedupe = m.DedupeKey
	}
	files := ""
	if len(m.Files) > 0 {
		b, err := json.Marshal(m.Files)
		if err != nil {
			return fmt.Errorf("sqlstore: add blocked message: files: %w", err)
		}
		files = string(b)
	}
	err := t.q.queryRow(ctx, `INSERT INTO blocked_messages (block_id, contact_id, identity_id, text, files, client_id,
		dedupe_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
		m.BlockID, m.ContactID, m.IdentityID, m.Text, files, m.ClientID, dedupe, micros(m.CreatedAt)).Scan(&m.ID)
	return insertErr(err, "add blocked message", "blocked message %q exists", m.DedupeKey)
}
