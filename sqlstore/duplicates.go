package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"parley"
)

// SimilarContacts returns the standing contacts sharing a key of q.Contact
// under a rule that is on, but those marked not duplicates of it, oldest first.
func (r queries) SimilarContacts(ctx context.Context, q parley.SimilarQuery) ([]parley.Similar, error) {
	c := q.Contact
	var w where
	var keys []string
	for _, k := range []struct {
		on             bool
		col, val, rule string
	}{{q.Rules.Phone, "phone_key", c.PhoneKey, "phone"}, {q.Rules.Email, "email_key", c.EmailKey, "email"}, {q.Rules.Name, "name_key", c.NameKey, "name"}} {
		if k.on && k.val != "" {
			keys = append(keys, "("+k.col+" = "+w.arg(k.val)+")")
		}
	}
	if len(keys) == 0 {
		return []parley.Similar{}, nil
	}
	me := w.arg(c.ID)
	cond := keys[0]
	for _, k := range keys[1:] {
		cond += " OR " + k
	}
	w.add("(" + cond + ")")
	w.add("id <> " + me + " AND merged_into = 0")
	w.add("NOT EXISTS (SELECT 1 FROM not_duplicates n WHERE (n.contact_a = " + me + " AND n.contact_b = contacts.id) OR (n.contact_b = " + me + " AND n.contact_a = contacts.id))")
	found, err := list(ctx, r.q, "similar contacts", scanContact, "SELECT "+contactColumns+" FROM contacts"+w.sql()+
		" ORDER BY id LIMIT "+strconv.Itoa(clamp(q.Limit, 50, 200)), w.args...)
	out := make([]parley.Similar, len(found))
	for i, f := range found {
		out[i] = parley.Similar{Contact: f, Rules: matchedRules(c, f, q.Rules)}
	}
	return out, err
}

// matchedRules names the rules by which b is like a.
func matchedRules(a, b parley.Contact, rules parley.DuplicateRules) []string {
	var out []string
	if rules.Phone && a.PhoneKey != "" && a.PhoneKey == b.PhoneKey {
		out = append(out, "phone")
	}
	if rules.Email && a.EmailKey != "" && a.EmailKey == b.EmailKey {
		out = append(out, "email")
	}
	if rules.Name && a.NameKey != "" && a.NameKey == b.NameKey {
		out = append(out, "name")
	}
	return out
}

const mergeColumns = "id, into_id, from_id, by_agent, at, undone_at, undone_by, moved"

func scanMerge(s scanner) (parley.Merge, error) {
	var m parley.Merge
	var at int64
	var undone sql.NullInt64
	var moved string
	err := s.Scan(&m.ID, &m.IntoID, &m.FromID, &m.By, &at, &undone, &m.UndoneBy, &moved)
	m.At, m.UndoneAt = fromMicros(at), fromNullMicros(undone)
	if err == nil {
		if jerr := json.Unmarshal([]byte(moved), &m.Moved); jerr != nil {
			return m, fmt.Errorf("sqlstore: merge %d: %w", m.ID, jerr)
		}
	}
	return m, err
}

// Merge returns the merge with the id.
func (r queries) Merge(ctx context.Context, id int64) (parley.Merge, error) {
	return one(ctx, r.q, "merge", scanMerge, "SELECT "+mergeColumns+" FROM contact_merges WHERE id = $1", id)
}

// Merges returns the merges into or from the contact, newest first.
func (r queries) Merges(ctx context.Context, contactID int64) ([]parley.Merge, error) {
	return list(ctx, r.q, "merges", scanMerge, "SELECT "+mergeColumns+
		" FROM contact_merges WHERE into_id = $1 OR from_id = $1 ORDER BY id DESC", contactID)
}

// MergeContacts moves from's identities and chats to into and marks from
// merged; the caller has filled m.Moved.Into and m.Moved.Filled. Conflict when
// either contact is merged already.
func (t *tx) MergeContacts(ctx context.Context, m *parley.Merge) error {
	var err error
	if m.Moved.Identities, err = list(ctx, t.q, "merged identities", scanInt64,
		"SELECT id FROM identities WHERE contact_id = $1 ORDER BY id", m.FromID); err != nil {
		return err
	}
	if m.Moved.Chats, err = list(ctx, t.q, "merged chats", scanInt64,
		"SELECT id FROM chats WHERE contact_id = $1 ORDER BY id", m.FromID); err != nil {
		return err
	}
	if m.Moved.Cases, err = list(ctx, t.q, "merged cases", scanInt64,
		"SELECT id FROM cases WHERE contact_id = $1 ORDER BY id", m.FromID); err != nil {
		return err
	}
	if err := t.standing(ctx, m.FromID, m.IntoID); err != nil {
		return err
	}
	if err := t.moveContact(ctx, m.IntoID, m.Moved); err != nil {
		return err
	}
	moved, _ := json.Marshal(m.Moved) // ids, strings and a contact always marshal
	return t.q.queryRow(ctx, `INSERT INTO contact_merges (into_id, from_id, by_agent, at, moved)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, m.IntoID, m.FromID, m.By, micros(m.At), string(moved)).Scan(&m.ID)
}

// standing marks contact from merged into into if both still stand; Conflict
// when either does not. The conditional updates serialize racing merges of
// the same contacts.
func (t *tx) standing(ctx context.Context, from, into int64) error {
	n, err := t.q.exec(ctx, "UPDATE contacts SET merged_into = $1 WHERE id = $2 AND merged_into = 0", into, from)
	if err == nil && n == 1 {
		n, err = t.q.exec(ctx, "UPDATE contacts SET merged_into = merged_into WHERE id = $1 AND merged_into = 0", into)
	}
	switch {
	case err != nil:
		return fmt.Errorf("sqlstore: merge contacts: %w", err)
	case n != 1:
		return parley.Errorf(parley.CodeConflict, "contact %d or %d was merged into another meanwhile", from, into)
	}
	return nil
}

// moveContact gives the identities, chats and cases moved, and the contact's
// messages and uploads in those chats, to contact to.
func (t *tx) moveContact(ctx context.Context, to int64, moved parley.Moved) error {
	identities, chats := moved.Identities, moved.Chats
	if len(moved.Cases) > 0 {
		var w where
		q := "UPDATE cases SET contact_id = " + w.arg(to) + " WHERE id IN " + in(&w, moved.Cases)
		if _, err := t.q.exec(ctx, q, w.args...); err != nil {
			return fmt.Errorf("sqlstore: move cases: %w", err)
		}
	}
	// An identity's own blocks and the messages they held go with it.
	for _, stmt := range []string{
		"UPDATE identities SET contact_id = %s WHERE id IN %s",
		"UPDATE blocks SET contact_id = %s WHERE identity_id IN %s",
		"UPDATE blocked_messages SET contact_id = %s WHERE identity_id IN %s",
	} {
		if len(identities) == 0 {
			break
		}
		var w where
		q := fmt.Sprintf(stmt, w.arg(to), in(&w, identities))
		if _, err := t.q.exec(ctx, q, w.args...); err != nil {
			return fmt.Errorf("sqlstore: move identities: %w", err)
		}
	}
	if len(chats) == 0 {
		return nil
	}
	for _, stmt := range []string{
		"UPDATE chats SET contact_id = %s WHERE id IN %s",
		"UPDATE messages SET author_id = %s WHERE author_kind = 'contact' AND chat_id IN %s",
		"UPDATE files SET uploader_id = %s WHERE uploader_kind = 'contact' AND chat_id IN %s",
	} {
		var w where
		q := fmt.Sprintf(stmt, w.arg(to), in(&w, chats))
		if _, err := t.q.exec(ctx, q, w.args...); err != nil {
			return fmt.Errorf("sqlstore: move a merged contact's records: %w", err)
		}
	}
	return nil
}

// UndoMerge moves back what m moved, with the chats its identities started
// since, restores the contact merged into as it was in the fields the merge
// filled, and lets m's contact stand again.
func (t *tx) UndoMerge(ctx context.Context, m parley.Merge, by int64, at time.Time) error {
	n, err := t.q.exec(ctx, "UPDATE contacts SET merged_into = 0 WHERE id = $1 AND merged_into = $2", m.FromID, m.IntoID)
	if err != nil {
		return fmt.Errorf("sqlstore: undo merge: %w", err)
	}
	if n != 1 {
		return parley.Errorf(parley.CodeConflict, "contact %d is no longer merged into %d", m.FromID, m.IntoID)
	}
	chats := m.Moved.Chats
	if len(m.Moved.Identities) > 0 {
		var w where
		since, err := list(ctx, t.q, "chats since the merge", scanInt64, "SELECT id FROM chats WHERE identity_id IN "+
			in(&w, m.Moved.Identities)+" AND contact_id = "+w.arg(m.IntoID), w.args...)
		if err != nil {
			return err
		}
		chats = slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(chats), since...))))
	}
	back := m.Moved
	back.Chats = chats
	if err := t.moveContact(ctx, m.FromID, back); err != nil {
		return err
	}
	n, err = t.q.exec(ctx, "UPDATE contact_merges SET undone_at = $1, undone_by = $2 WHERE id = $3 AND undone_at IS NULL",
		micros(at), by, m.ID)
	if err == nil && n != 1 {
		return parley.Errorf(parley.CodeConflict, "merge %d was undone already", m.ID)
	}
	return err
}

// NotDuplicates remembers that two contacts are different people.
func (t *tx) NotDuplicates(ctx context.Context, a, b, by int64, at time.Time) error {
	a, b = min(a, b), max(a, b)
	return t.change(ctx, false, failure("not duplicates"), `INSERT INTO not_duplicates (contact_a, contact_b, by_agent, at)
		VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, a, b, by, micros(at))
}
