package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"parley"
)

func scanAccount(s scanner) (parley.Account, error) {
	var a parley.Account
	var created, updated int64
	err := s.Scan(&a.ID, &a.Name, &created, &updated)
	a.CreatedAt, a.UpdatedAt = fromMicros(created), fromMicros(updated)
	return a, err
}

// Account returns the account with the id.
func (r queries) Account(ctx context.Context, id int64) (parley.Account, error) {
	return one(ctx, r.q, "account", scanAccount, "SELECT id, name, created_at, updated_at FROM accounts WHERE id = $1", id)
}

// Accounts returns up to limit accounts whose name holds q in any case, by
// name. The case is folded here, as SQLite folds ASCII letters alone; a team
// keeps accounts by the thousand, not the million.
func (r queries) Accounts(ctx context.Context, q string, limit int) ([]parley.Account, error) {
	all, err := list(ctx, r.q, "accounts", scanAccount, "SELECT id, name, created_at, updated_at FROM accounts ORDER BY name, id")
	if err != nil {
		return nil, err
	}
	q = strings.ToLower(q)
	out := all[:0]
	for _, a := range all {
		if strings.Contains(strings.ToLower(a.Name), q) {
			out = append(out, a)
		}
	}
	return out[:min(len(out), clamp(limit, 50, 500))], nil
}

// CreateAccount stores a and sets its ID; Conflict when the name is taken.
func (t *tx) CreateAccount(ctx context.Context, a *parley.Account) error {
	err := t.q.queryRow(ctx, `INSERT INTO accounts (name, created_at, updated_at) VALUES ($1, $2, $3)
		ON CONFLICT DO NOTHING RETURNING id`, a.Name, micros(a.CreatedAt), micros(a.UpdatedAt)).Scan(&a.ID)
	return insertErr(err, "create account", "an account named %q exists", a.Name)
}

// UpdateAccount stores the account's name; Conflict when the name is taken.
func (t *tx) UpdateAccount(ctx context.Context, a parley.Account) error {
	if err := t.nameFree(ctx, "SELECT id FROM accounts WHERE name = $1 AND id <> $2", a.Name, a.ID, "an account named %q exists"); err != nil {
		return err
	}
	n, err := t.q.exec(ctx, "UPDATE accounts SET name = $1, updated_at = $2 WHERE id = $3", a.Name, micros(a.UpdatedAt), a.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: update account: %w", err)
	}
	return affected("account", n)
}

func scanContactField(s scanner) (parley.ContactField, error) {
	var f parley.ContactField
	var choices string
	err := s.Scan(&f.ID, &f.Key, &f.Label, &f.Kind, &choices, &f.Position)
	if err == nil {
		if jerr := json.Unmarshal([]byte(choices), &f.Choices); jerr != nil {
			return f, fmt.Errorf("sqlstore: contact field %d's choices: %w", f.ID, jerr)
		}
	}
	return f, err
}

// ContactFields returns the custom field definitions in their order.
func (r queries) ContactFields(ctx context.Context) ([]parley.ContactField, error) {
	return list(ctx, r.q, "contact fields", scanContactField,
		"SELECT id, key, label, kind, choices, position FROM contact_fields ORDER BY position, id")
}

func encodeChoices(c []string) string {
	if c == nil {
		c = []string{}
	}
	b, _ := json.Marshal(c) // strings always marshal
	return string(b)
}

// CreateContactField stores f and sets its ID; Conflict when the key is taken.
func (t *tx) CreateContactField(ctx context.Context, f *parley.ContactField) error {
	err := t.q.queryRow(ctx, `INSERT INTO contact_fields (key, label, kind, choices, position) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT DO NOTHING RETURNING id`, f.Key, f.Label, string(f.Kind), encodeChoices(f.Choices), f.Position).Scan(&f.ID)
	return insertErr(err, "create contact field", "a contact field with the key %q exists", f.Key)
}

// UpdateContactField stores the field's label, choices and position.
func (t *tx) UpdateContactField(ctx context.Context, f parley.ContactField) error {
	n, err := t.q.exec(ctx, "UPDATE contact_fields SET label = $1, choices = $2, position = $3 WHERE id = $4",
		f.Label, encodeChoices(f.Choices), f.Position, f.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: update contact field: %w", err)
	}
	return affected("contact field", n)
}

// DeleteContactField removes a field's definition and every contact's value of
// it, so that a field made again with the key starts empty.
func (t *tx) DeleteContactField(ctx context.Context, id int64) error {
	var key string
	if err := t.q.queryRow(ctx, "SELECT key FROM contact_fields WHERE id = $1", id).Scan(&key); err != nil {
		return readErr("contact field", err)
	}
	drop := "UPDATE contacts SET fields = json_remove(fields, '$.' || $1) WHERE json_extract(fields, '$.' || $1) IS NOT NULL"
	if t.b.d.isPostgres() {
		drop = "UPDATE contacts SET fields = (fields::jsonb - $1::text)::text WHERE fields::jsonb ? $1"
	}
	if _, err := t.q.exec(ctx, drop, key); err != nil {
		return fmt.Errorf("sqlstore: drop a deleted field's values: %w", err)
	}
	n, err := t.q.exec(ctx, "DELETE FROM contact_fields WHERE id = $1", id)
	if err != nil {
		return fmt.Errorf("sqlstore: delete contact field: %w", err)
	}
	return affected("contact field", n)
}
