package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"parley"
)

// Page sizes of Cases.
const (
	defaultCaseLimit = 50
	maxCaseLimit     = 500
)

// caseSelect reads cases under the alias k with their contact's name.
const caseSelect = `SELECT k.id, k.subject, k.description, k.source, k.status, k.contact_id, COALESCE(ct.name, ''),
	k.account_id, k.assignee_id, k.registered_at, k.created_at, k.updated_at, k.created_by, k.version
	FROM cases k LEFT JOIN contacts ct ON ct.id = k.contact_id`

func scanCase(s scanner) (parley.Case, error) {
	var k parley.Case
	var assignee sql.NullInt64
	var registered, created, updated int64
	err := s.Scan(&k.ID, &k.Subject, &k.Description, &k.Source, &k.Status, &k.ContactID, &k.ContactName,
		&k.AccountID, &assignee, &registered, &created, &updated, &k.CreatedBy, &k.Version)
	k.AssigneeID = assignee.Int64
	k.RegisteredAt, k.CreatedAt, k.UpdatedAt = fromMicros(registered), fromMicros(created), fromMicros(updated)
	return k, err
}

// Case returns the case with the id.
func (r queries) Case(ctx context.Context, id int64) (parley.Case, error) {
	return one(ctx, r.q, "case", scanCase, caseSelect+" WHERE k.id = $1", id)
}

// Cases returns the cases f selects, newest first.
func (r queries) Cases(ctx context.Context, f parley.CaseFilter) ([]parley.Case, error) {
	var w where
	if f.ContactID != 0 {
		w.add("k.contact_id = " + w.arg(f.ContactID))
	}
	if len(f.Statuses) > 0 {
		statuses := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			statuses[i] = string(s)
		}
		w.add("k.status IN " + in(&w, statuses))
	}
	if f.AssigneeID != 0 {
		w.add("k.assignee_id = " + w.arg(f.AssigneeID))
	}
	if f.BeforeID != 0 {
		w.add("k.id < " + w.arg(f.BeforeID))
	}
	if f.Scope != nil {
		scopeCases(&w, *f.Scope)
	}
	limit := clamp(f.Limit, defaultCaseLimit, maxCaseLimit)
	return list(ctx, r.q, "cases", scanCase, caseSelect+w.sql()+" ORDER BY k.id DESC LIMIT "+strconv.Itoa(limit), w.args...)
}

// scopeCases limits w to the cases v may see, as parley.Viewer.CanSeeCase says:
// those assigned to v and those linked to a chat v may see (scopeChats).
func scopeCases(w *where, v parley.Viewer) {
	switch {
	case v.IsVisitor():
		w.add("1 = 0")
		return
	case v.SeesAllCases():
		return
	}
	me := w.arg(v.AgentID)
	linked := "EXISTS (SELECT 1 FROM chats c WHERE c.case_id = k.id"
	// scopeChats adds its condition to w; it is taken back to go inside the EXISTS.
	n := len(w.conds)
	scopeChats(w, v)
	if len(w.conds) > n {
		linked += " AND " + w.conds[n]
		w.conds = w.conds[:n]
	}
	w.add("(k.assignee_id = " + me + " OR " + linked + "))")
}

// CaseChats returns the chats linked to the case, by id.
func (r queries) CaseChats(ctx context.Context, caseID int64) ([]parley.Chat, error) {
	return list(ctx, r.q, "case chats", scanChat, "SELECT "+chatColumns+" FROM chats WHERE case_id = $1 ORDER BY id", caseID)
}

// CreateCase stores k with version 1 and sets its ID and Version.
func (t *tx) CreateCase(ctx context.Context, k *parley.Case) error {
	err := t.q.queryRow(ctx, `INSERT INTO cases (subject, description, source, status, contact_id, account_id,
		assignee_id, registered_at, created_at, updated_at, created_by, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1) RETURNING id`,
		k.Subject, k.Description, string(k.Source), string(k.Status), k.ContactID, k.AccountID, nullID(k.AssigneeID),
		micros(k.RegisteredAt), micros(k.CreatedAt), micros(k.UpdatedAt), k.CreatedBy).Scan(&k.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: create case: %w", err)
	}
	k.Version = 1
	return nil
}

// UpdateCase stores the case's changeable fields if its version is still
// k.Version, and increments k.Version; Conflict when another change came first.
func (t *tx) UpdateCase(ctx context.Context, k *parley.Case) error {
	n, err := t.q.exec(ctx, `UPDATE cases SET subject = $1, description = $2, status = $3, assignee_id = $4,
		updated_at = $5, version = version + 1 WHERE id = $6 AND version = $7`,
		k.Subject, k.Description, string(k.Status), nullID(k.AssigneeID), micros(k.UpdatedAt), k.ID, k.Version)
	switch {
	case err != nil:
		return fmt.Errorf("sqlstore: update case: %w", err)
	case n == 0:
		return parley.Errorf(parley.CodeConflict, "case %d was changed by someone else", k.ID)
	}
	k.Version++
	return nil
}
