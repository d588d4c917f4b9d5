package sqlstore

import (
	"context"

	"parley"
)

func scanContact(s scanner) (parley.Contact, error) {
	var c parley.Contact
	var created, updated int64
	err := s.Scan(&c.ID, &c.Name, &c.Email, &c.Phone, &created, &updated)
	c.CreatedAt, c.UpdatedAt = fromMicros(created), fromMicros(updated)
	return c, err
}

// Contact returns the contact with the id.
func (r queries) Contact(ctx context.Context, id int64) (parley.Contact, error) {
	return one(ctx, r.q, "contact", scanContact,
		"SELECT id, name, email, phone, created_at, updated_at FROM contacts WHERE id = $1", id)
}

// CreateContact stores c and sets its ID.
func (t *tx) CreateContact(ctx context.Context, c *parley.Contact) error {
	err := t.q.queryRow(ctx, `INSERT INTO contacts (name, email, phone, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		c.Name, c.Email, c.Phone, micros(c.CreatedAt), micros(c.UpdatedAt)).Scan(&c.ID)
	return insertErr(err, "create contact", "contact conflicts")
}

// UpdateContact stores every field of c but its ID and CreatedAt.
func (t *tx) UpdateContact(ctx context.Context, c parley.Contact) error {
	n, err := t.q.exec(ctx, "UPDATE contacts SET name = $1, email = $2, phone = $3, updated_at = $4 WHERE id = $5",
		c.Name, c.Email, c.Phone, micros(c.UpdatedAt), c.ID)
	if err != nil {
		return writeErr(t.b.d, "update contact", err, "contact conflicts")
	}
	return affected("contact", n)
}
