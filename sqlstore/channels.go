package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"parley"
)

const channelColumns = "id, type, name, public_key, queue_id, welcome_message, prechat_fields, active, created_at, settings, secrets, templates"

// scanChannel reads a channel row, opening its sealed secrets.
func (r queries) scanChannel(s scanner) (parley.Channel, error) {
	var c parley.Channel
	var fields, settings, secrets, templates string
	var created int64
	if err := s.Scan(&c.ID, &c.Type, &c.Name, &c.PublicKey, &c.QueueID, &c.WelcomeMessage, &fields,
		&c.Active, &created, &settings, &secrets, &templates); err != nil {
		return c, err
	}
	c.CreatedAt = fromMicros(created)
	secrets, err := r.secrets.open(secrets)
	if err != nil {
		return c, fmt.Errorf("channel %d: %w", c.ID, err)
	}
	for _, col := range []struct {
		name string
		data string
		into any
	}{{"prechat_fields", fields, &c.PrechatFields}, {"settings", settings, &c.Settings},
		{"secrets", secrets, &c.Secrets}, {"templates", templates, &c.Templates}} {
		if err := json.Unmarshal([]byte(col.data), col.into); err != nil {
			return c, fmt.Errorf("channel %d %s: %w", c.ID, col.name, err)
		}
	}
	c.SecretsSet = []string{}
	for k, v := range c.Secrets {
		if v != "" {
			c.SecretsSet = append(c.SecretsSet, k)
		}
	}
	slices.Sort(c.SecretsSet)
	c.WebhookPath = c.HookPath()
	return c, nil
}

// channelJSON is the JSON columns of c, in the order prechat_fields,
// settings, secrets (sealed), templates.
func (r queries) channelJSON(c parley.Channel) ([]string, error) {
	var out []string
	for _, v := range []any{c.PrechatFields, orEmpty(c.Settings), orEmpty(c.Secrets), c.Templates} {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: channel %d: %w", c.ID, err)
		}
		if string(b) == "null" {
			b = []byte("[]")
		}
		out = append(out, string(b))
	}
	out[2] = r.secrets.seal(out[2])
	return out, nil
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// Channel returns the channel with the id.
func (r queries) Channel(ctx context.Context, id int64) (parley.Channel, error) {
	return one(ctx, r.q, "channel", r.scanChannel, "SELECT "+channelColumns+" FROM channels WHERE id = $1", id)
}

// ChannelByKey returns the channel with the public key.
func (r queries) ChannelByKey(ctx context.Context, publicKey string) (parley.Channel, error) {
	return one(ctx, r.q, "channel", r.scanChannel, "SELECT "+channelColumns+" FROM channels WHERE public_key = $1", publicKey)
}

// Channels returns every channel by id.
func (r queries) Channels(ctx context.Context) ([]parley.Channel, error) {
	return list(ctx, r.q, "channels", r.scanChannel, "SELECT "+channelColumns+" FROM channels ORDER BY id")
}

// CreateChannel stores c and sets its ID; Conflict when its public key is taken.
func (t *tx) CreateChannel(ctx context.Context, c *parley.Channel) error {
	js, err := t.channelJSON(*c)
	if err != nil {
		return err
	}
	err = t.q.queryRow(ctx, `INSERT INTO channels (type, name, public_key, queue_id, welcome_message,
		prechat_fields, active, created_at, settings, secrets, templates) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT DO NOTHING RETURNING id`,
		string(c.Type), c.Name, c.PublicKey, c.QueueID, c.WelcomeMessage, js[0], c.Active,
		micros(c.CreatedAt), js[1], js[2], js[3]).Scan(&c.ID)
	return insertErr(err, "create channel", "the public key %s is taken", c.PublicKey)
}

// UpdateChannel stores every field of c but its ID and CreatedAt.
func (t *tx) UpdateChannel(ctx context.Context, c parley.Channel) error {
	js, err := t.channelJSON(c)
	if err != nil {
		return err
	}
	n, err := t.q.exec(ctx, `UPDATE channels SET type = $1, name = $2, public_key = $3, queue_id = $4,
		welcome_message = $5, prechat_fields = $6, active = $7, settings = $8, secrets = $9, templates = $10 WHERE id = $11`,
		string(c.Type), c.Name, c.PublicKey, c.QueueID, c.WelcomeMessage, js[0], c.Active, js[1], js[2], js[3], c.ID)
	if err != nil {
		return writeErr(t.b.d, "update channel", err, "the public key %s is taken", c.PublicKey)
	}
	return affected("channel", n)
}
