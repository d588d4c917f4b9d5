package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"parley"
)

// contactKeysVersion is the version of parley.Contact.MatchKeys that made the
// keys stored; the server rekeys contacts of older versions (RekeyContacts).
const contactKeysVersion = 1

const contactColumns = `id, name, email, phone, account_id, owner_id, fields, merged_into,
	phone_key, email_key, name_key, photo, created_at, updated_at`

func scanContact(s scanner) (parley.Contact, error) {
	var c parley.Contact
	var created, updated int64
	var fields string
	err := s.Scan(&c.ID, &c.Name, &c.Email, &c.Phone, &c.AccountID, &c.OwnerID, &fields, &c.MergedInto,
		&c.PhoneKey, &c.EmailKey, &c.NameKey, &c.Photo, &created, &updated)
	c.CreatedAt, c.UpdatedAt = fromMicros(created), fromMicros(updated)
	if err == nil {
		c.Fields = map[string]string{}
		if jerr := json.Unmarshal([]byte(fields), &c.Fields); jerr != nil {
			return c, fmt.Errorf("sqlstore: contact %d's fields: %w", c.ID, jerr)
		}
	}
	return c, err
}

func encodeFields(f map[string]string) string {
	if f == nil {
		return "{}"
	}
	b, _ := json.Marshal(f) // strings always marshal
	return string(b)
}

// Contact returns the contact with the id.
func (r queries) Contact(ctx context.Context, id int64) (parley.Contact, error) {
	return one(ctx, r.q, "contact", scanContact, "SELECT "+contactColumns+" FROM contacts WHERE id = $1", id)
}

// Contacts returns a page of standing contacts, newest first.
func (r queries) Contacts(ctx context.Context, f parley.ContactFilter) ([]parley.Contact, error) {
	var w where
	w.add("merged_into = 0")
	if f.AccountID != 0 {
		w.add("account_id = " + w.arg(f.AccountID))
	}
	if f.OwnerID != 0 {
		w.add("owner_id = " + w.arg(f.OwnerID))
	}
	if f.Before != 0 {
		w.add("id < " + w.arg(f.Before))
	}
	return list(ctx, r.q, "contacts", scanContact, "SELECT "+contactColumns+" FROM contacts"+w.sql()+
		" ORDER BY id DESC LIMIT "+strconv.Itoa(clamp(f.Limit, 50, 200)), w.args...)
}

// CreateContact stores c and sets its ID.
func (t *tx) CreateContact(ctx context.Context, c *parley.Contact) error {
	err := t.q.queryRow(ctx, `INSERT INTO contacts (name, email, phone, account_id, owner_id, fields,
		phone_key, email_key, name_key, keys_version, photo, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
		c.Name, c.Email, c.Phone, c.AccountID, c.OwnerID, encodeFields(c.Fields), c.PhoneKey, c.EmailKey, c.NameKey,
		contactKeysVersion, c.Photo, micros(c.CreatedAt), micros(c.UpdatedAt)).Scan(&c.ID)
	return insertErr(err, "create contact", "contact conflicts")
}

// UpdateContact stores every field of c but its ID, CreatedAt and MergedInto.
func (t *tx) UpdateContact(ctx context.Context, c parley.Contact) error {
	n, err := t.q.exec(ctx, `UPDATE contacts SET name = $1, email = $2, phone = $3, account_id = $4, owner_id = $5,
		fields = $6, phone_key = $7, email_key = $8, name_key = $9, keys_version = $10, updated_at = $11, photo = $12 WHERE id = $13`,
		c.Name, c.Email, c.Phone, c.AccountID, c.OwnerID, encodeFields(c.Fields), c.PhoneKey, c.EmailKey, c.NameKey,
		contactKeysVersion, micros(c.UpdatedAt), c.Photo, c.ID)
	if err != nil {
		return writeErr(t.b.d, "update contact", err, "contact conflicts")
	}
	return affected("contact", n)
}

// Identities returns the contact's identities, oldest first.
func (r queries) Identities(ctx context.Context, contactID int64) ([]parley.Identity, error) {
	return list(ctx, r.q, "identities", scanIdentity, "SELECT "+identityColumns+
		" FROM identities WHERE contact_id = $1 ORDER BY id", contactID)
}

// StaleContactKeys returns up to limit contacts whose keys an older version made.
func (r queries) StaleContactKeys(ctx context.Context, limit int) ([]parley.Contact, error) {
	return list(ctx, r.q, "contacts to rekey", scanContact, "SELECT "+contactColumns+
		" FROM contacts WHERE keys_version < $1 ORDER BY id LIMIT "+strconv.Itoa(limit), contactKeysVersion)
}

// ContactsAfter returns up to limit contacts with an id above after, by id.
func (r queries) ContactsAfter(ctx context.Context, after int64, limit int) ([]parley.Contact, error) {
	return list(ctx, r.q, "contacts", scanContact, "SELECT "+contactColumns+
		" FROM contacts WHERE id > $1 ORDER BY id LIMIT "+strconv.Itoa(limit), after)
}
