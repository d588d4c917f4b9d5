package sqlstore

import (
	"context"
	"database/sql"

	"parley"
)

const chatColumns = `id, channel_id, channel_type, identity_id, contact_id, queue_id, state, owner_id,
	offered_to, offer_seq, name, topic, case_id, parent_id, last_seq, created_at, accepted_at,
	completed_at, state_changed_at, state_changed_by_kind, state_changed_by_id, updated_at, version,
	first_reply_due_at, reply_due_at, first_replied_at, last_message_at, first_reply_breaches,
	reply_breaches, open_offer, reply_time, last_contact_seq, topic_id, status_id, deleted_at, deleted_by`

func scanChat(s scanner) (parley.Chat, error) {
	var c parley.Chat
	var owner, offered, caseID, parent, accepted, completed sql.NullInt64
	var created, stateChanged, updated, lastMessage int64
	var firstDue, replyDue, firstReplied, replyTime, deleted sql.NullInt64
	err := s.Scan(&c.ID, &c.ChannelID, &c.ChannelType, &c.IdentityID, &c.ContactID, &c.QueueID, &c.State,
		&owner, &offered, &c.OfferSeq, &c.Name, &c.Topic, &caseID, &parent, &c.LastSeq, &created,
		&accepted, &completed, &stateChanged, &c.StateChangedBy.Kind, &c.StateChangedBy.ID, &updated, &c.Version,
		&firstDue, &replyDue, &firstReplied, &lastMessage, &c.FirstReplyBreaches, &c.ReplyBreaches, &c.OpenOffer, &replyTime, &c.LastContactSeq,
		&c.TopicID, &c.StatusID, &deleted, &c.DeletedBy)
	c.DeletedAt = fromNullMicros(deleted)
	if replyTime.Valid {
		c.ReplyTime = new(parley.Seconds(replyTime.Int64))
	}
	c.FirstReplyDueAt, c.ReplyDueAt = fromNullMicros(firstDue), fromNullMicros(replyDue)
	c.FirstRepliedAt, c.LastMessageAt = fromNullMicros(firstReplied), fromMicros(lastMessage)
	c.OwnerID, c.OfferedTo, c.CaseID, c.ParentID = owner.Int64, offered.Int64, caseID.Int64, parent.Int64
	c.CreatedAt, c.StateChangedAt, c.UpdatedAt = fromMicros(created), fromMicros(stateChanged), fromMicros(updated)
	c.AcceptedAt, c.CompletedAt = fromNullMicros(accepted), fromNullMicros(completed)
	return c, err
}

// Chat returns the chat with the id.
func (r queries) Chat(ctx context.Context, id int64) (parley.Chat, error) {
	return one(ctx, r.q, "chat", scanChat, "SELECT "+chatColumns+" FROM chats WHERE id = $1", id)
}

// OpenChat returns the identity's chat that is not completed.
func (r queries) OpenChat(ctx context.Context, identityID int64) (parley.Chat, error) {
	return one(ctx, r.q, "chat", scanChat, "SELECT "+chatColumns+
		" FROM chats WHERE identity_id = $1 AND state <> 'completed'", identityID)
}

// CreateChat stores c with version 1 and sets its ID and Version; Conflict when
// its identity already has a chat that is not completed.
func (t *tx) CreateChat(ctx context.Context, c *parley.Chat) error {
	// ON CONFLICT DO NOTHING covers the partial unique index on open chats
	// without aborting a PostgreSQL transaction that other writes share.
	err := t.q.queryRow(ctx, `INSERT INTO chats (channel_id, channel_type, identity_id, contact_id,
		queue_id, state, owner_id, offered_to, offer_seq, name, topic, case_id, parent_id, last_seq,
		created_at, accepted_at, completed_at, state_changed_at, state_changed_by_kind,
		state_changed_by_id, updated_at, version, first_reply_due_at, reply_due_at, first_replied_at,
		last_message_at, first_reply_breaches, reply_breaches, open_offer, reply_time, last_contact_seq,
		topic_id, status_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, 1,
		$22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32)
		ON CONFLICT DO NOTHING RETURNING id`,
		c.ChannelID, string(c.ChannelType), c.IdentityID, c.ContactID, c.QueueID, string(c.State),
		nullID(c.OwnerID), nullID(c.OfferedTo), c.OfferSeq, c.Name, c.Topic, nullID(c.CaseID),
		nullID(c.ParentID), c.LastSeq, micros(c.CreatedAt), nullMicros(c.AcceptedAt),
		nullMicros(c.CompletedAt), micros(c.StateChangedAt), string(c.StateChangedBy.Kind),
		c.StateChangedBy.ID, micros(c.UpdatedAt), nullMicros(c.FirstReplyDueAt), nullMicros(c.ReplyDueAt),
		nullMicros(c.FirstRepliedAt), micros(c.LastMessageAt), c.FirstReplyBreaches, c.ReplyBreaches, c.OpenOffer, nullSeconds(c.ReplyTime),
		c.LastContactSeq, c.TopicID, c.StatusID).Scan(&c.ID)
	if err != nil {
		return insertErr(err, "create chat", "identity %d already has an open chat", c.IdentityID)
	}
	c.Version = 1
	t.b.openChats.saw(*c)
	return nil
}

// SaveChat stores every mutable field of c if its version is still c.Version,
// and increments c.Version; Conflict when another change came first.
func (t *tx) SaveChat(ctx context.Context, c *parley.Chat) error {
	id, identity := c.ID, c.IdentityID // for a check run after fn moved on
	err := t.change(ctx, true, func(n int64, err error) error {
		switch {
		case err != nil:
			return writeErr(t.b.d, "save chat", err, "identity %d already has an open chat", identity)
		case n == 0:
			return parley.Errorf(parley.CodeConflict, "chat %d was changed by someone else", id)
		}
		return nil
	}, `UPDATE chats SET queue_id = $1, state = $2, owner_id = $3,
		offered_to = $4, offer_seq = $5, name = $6, topic = $7, case_id = $8, parent_id = $9,
		last_seq = $10, accepted_at = $11, completed_at = $12, state_changed_at = $13,
		state_changed_by_kind = $14, state_changed_by_id = $15, updated_at = $16, contact_id = $17,
		first_reply_due_at = $20, reply_due_at = $21, first_replied_at = $22, last_message_at = $23,
		first_reply_breaches = $24, reply_breaches = $25, open_offer = $26, last_contact_seq = $27,
		topic_id = $28, status_id = $29, deleted_at = $30, deleted_by = $31, version = version + 1
		WHERE id = $18 AND version = $19`,
		c.QueueID, string(c.State), nullID(c.OwnerID), nullID(c.OfferedTo), c.OfferSeq, c.Name, c.Topic,
		nullID(c.CaseID), nullID(c.ParentID), c.LastSeq, nullMicros(c.AcceptedAt), nullMicros(c.CompletedAt),
		micros(c.StateChangedAt), string(c.StateChangedBy.Kind), c.StateChangedBy.ID, micros(c.UpdatedAt),
		c.ContactID, c.ID, c.Version, nullMicros(c.FirstReplyDueAt), nullMicros(c.ReplyDueAt),
		nullMicros(c.FirstRepliedAt), micros(c.LastMessageAt), c.FirstReplyBreaches, c.ReplyBreaches, c.OpenOffer,
		c.LastContactSeq, c.TopicID, c.StatusID, nullMicros(c.DeletedAt), c.DeletedBy)
	if err != nil {
		return err
	}
	if t.b.deferWrites {
		version := c.Version
		t.b.undo = append(t.b.undo, func() { c.Version = version })
	}
	c.Version++
	t.b.openChats.saw(*c)
	return nil
}
