package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"

	"parley"
)

const identityColumns = "id, contact_id, channel_id, external_id, name, visitor, unreachable, created_at, updated_at"

func scanIdentity(s scanner) (parley.Identity, error) {
	var i parley.Identity
	var visitor string
	var created, updated int64
	if err := s.Scan(&i.ID, &i.ContactID, &i.ChannelID, &i.ExternalID, &i.Name, &visitor, &i.Unreachable, &created, &updated); err != nil {
		return i, err
	}
	i.CreatedAt, i.UpdatedAt = fromMicros(created), fromMicros(updated)
	if err := json.Unmarshal([]byte(visitor), &i.Visitor); err != nil {
		return i, fmt.Errorf("identity %d visitor: %w", i.ID, err)
	}
	return i, nil
}

// Identity returns the identity with the id.
func (r queries) Identity(ctx context.Context, id int64) (parley.Identity, error) {
	return one(ctx, r.q, "identity", scanIdentity, "SELECT "+identityColumns+" FROM identities WHERE id = $1", id)
}

// IdentityByExternal returns the identity with the external id on the channel.
func (r queries) IdentityByExternal(ctx context.Context, channelID int64, externalID string) (parley.Identity, error) {
	return one(ctx, r.q, "identity", scanIdentity, "SELECT "+identityColumns+
		" FROM identities WHERE channel_id = $1 AND external_id = $2", channelID, externalID)
}

// CreateIdentity stores i and sets its ID; Conflict when the channel already
// has an identity with its external id.
func (t *tx) CreateIdentity(ctx context.Context, i *parley.Identity) error {
	visitor, err := json.Marshal(i.Visitor)
	if err != nil {
		return fmt.Errorf("sqlstore: create identity: %w", err)
	}
	err = t.q.queryRow(ctx, `INSERT INTO identities (contact_id, channel_id, external_id, name, visitor,
		unreachable, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
		i.ContactID, i.ChannelID, i.ExternalID, i.Name, string(visitor), i.Unreachable, micros(i.CreatedAt),
		micros(i.UpdatedAt)).Scan(&i.ID)
	return insertErr(err, "create identity", "identity %s exists on channel %d", i.ExternalID, i.ChannelID)
}

// UpdateIdentity stores every field of i but its ID, ChannelID, ExternalID and CreatedAt.
func (t *tx) UpdateIdentity(ctx context.Context, i parley.Identity) error {
	visitor, err := json.Marshal(i.Visitor)
	if err != nil {
		return fmt.Errorf("sqlstore: update identity: %w", err)
	}
	n, err := t.q.exec(ctx, `UPDATE identities SET contact_id = $1, name = $2, visitor = $3,
		updated_at = $4, unreachable = $5 WHERE id = $6`, i.ContactID, i.Name, string(visitor), micros(i.UpdatedAt), i.Unreachable, i.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: update identity: %w", err)
	}
	return affected("identity", n)
}
