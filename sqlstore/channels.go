package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"

	"parley"
)

const channelColumns = "id, type, name, public_key, queue_id, welcome_message, prechat_fields, active, created_at"

func scanChannel(s scanner) (parley.Channel, error) {
	var c parley.Channel
	var fields string
	var created int64
	if err := s.Scan(&c.ID, &c.Type, &c.Name, &c.PublicKey, &c.QueueID, &c.WelcomeMessage, &fields,
		&c.Active, &created); err != nil {
		return c, err
	}
	c.CreatedAt = fromMicros(created)
	if err := json.Unmarshal([]byte(fields), &c.PrechatFields); err != nil {
		return c, fmt.Errorf("channel %d prechat_fields: %w", c.ID, err)
	}
	return c, nil
}

// Channel returns the channel with the id.
func (r queries) Channel(ctx context.Context, id int64) (parley.Channel, error) {
	return one(ctx, r.q, "channel", scanChannel, "SELECT "+channelColumns+" FROM channels WHERE id = $1", id)
}

// ChannelByKey returns the channel with the public key.
func (r queries) ChannelByKey(ctx context.Context, publicKey string) (parley.Channel, error) {
	return one(ctx, r.q, "channel", scanChannel, "SELECT "+channelColumns+" FROM channels WHERE public_key = $1", publicKey)
}

// Channels returns every channel by id.
func (r queries) Channels(ctx context.Context) ([]parley.Channel, error) {
	return list(ctx, r.q, "channels", scanChannel, "SELECT "+channelColumns+" FROM channels ORDER BY id")
}

// CreateChannel stores c and sets its ID; Conflict when its public key is taken.
func (t *tx) CreateChannel(ctx context.Context, c *parley.Channel) error {
	fields, err := json.Marshal(c.PrechatFields)
	if err != nil {
		return fmt.Errorf("sqlstore: create channel: %w", err)
	}
	err = t.q.queryRow(ctx, `INSERT INTO channels (type, name, public_key, queue_id, welcome_message,
		prechat_fields, active, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT DO NOTHING RETURNING id`,
		string(c.Type), c.Name, c.PublicKey, c.QueueID, c.WelcomeMessage, string(fields), c.Active,
		micros(c.CreatedAt)).Scan(&c.ID)
	return insertErr(err, "create channel", "the public key %s is taken", c.PublicKey)
}

// UpdateChannel stores every field of c but its ID and CreatedAt.
func (t *tx) UpdateChannel(ctx context.Context, c parley.Channel) error {
	fields, err := json.Marshal(c.PrechatFields)
	if err != nil {
		return fmt.Errorf("sqlstore: update channel: %w", err)
	}
	n, err := t.q.exec(ctx, `UPDATE channels SET type = $1, name = $2, public_key = $3, queue_id = $4,
		welcome_message = $5, prechat_fields = $6, active = $7 WHERE id = $8`,
		string(c.Type), c.Name, c.PublicKey, c.QueueID, c.WelcomeMessage, string(fields), c.Active, c.ID)
	if err != nil {
		return writeErr(t.b.d, "update channel", err, "the public key %s is taken", c.PublicKey)
	}
	return affected("channel", n)
}
