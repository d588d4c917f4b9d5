package httpapi

import (
	"fmt"
	"net/http"
	"testing"

	"parley"
	"parley/core"
)

// contactCases are the refused requests of contacts, accounts, fields and merges.
func contactCases(t *testing.T, e *env, f badFixture, admin string) []badCase {
	var a, b parley.Contact
	e.must(t, req{method: "POST", path: "/api/v1/contacts", token: f.bToken, body: map[string]any{"name": "Ann One", "phone": "+79123456789"}}, http.StatusCreated, &a)
	e.must(t, req{method: "POST", path: "/api/v1/contacts", token: f.bToken, body: map[string]any{"name": "Ann Two", "phone": "+79123456789"}}, http.StatusCreated, &b)
	var tier parley.ContactField
	e.must(t, req{method: "POST", path: "/api/v1/contact-fields", token: admin, body: map[string]any{"key": "tier", "label": "Tier", "kind": "choice",
		"choices": []string{"gold"}}}, http.StatusCreated, &tier)
	var merges MergeList
	e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/contacts/%d/merge", a.ID), token: f.bToken, body: core.MergeInput{From: []int64{b.ID}}}, http.StatusOK, &merges)
	contact := fmt.Sprintf("/api/v1/contacts/%d", a.ID)
	merged := fmt.Sprintf("/api/v1/contacts/%d", b.ID)
	undo := fmt.Sprintf("/api/v1/merges/%d/undo", merges.Items[0].ID)
	c := f.cToken
	return []badCase{
		{"contact without a name", req{method: "POST", path: "/api/v1/contacts", token: c, body: map[string]any{"email": "x@example.com"}}, 422, parley.CodeInvalid, "name"},
		{"contact of an unknown account", req{method: "PATCH", path: contact, token: c, body: map[string]any{"account_id": 999999}}, 422, parley.CodeInvalid, "account"},
		{"contact with an unknown field", req{method: "PATCH", path: contact, token: c, body: map[string]any{"fields": map[string]string{"mood": "ok"}}}, 422, parley.CodeInvalid, "mood"},
		{"contact with a choice not offered", req{method: "PATCH", path: contact, token: c, body: map[string]any{"fields": map[string]string{"tier": "tin"}}}, 422, parley.CodeInvalid, "gold"},
		{"change a merged contact", req{method: "PATCH", path: merged, token: c, body: map[string]any{"name": "x"}}, 409, parley.CodeConflict, "merged"},
		{"merge into itself", req{method: "POST", path: contact + "/merge", token: c, body: core.MergeInput{From: []int64{a.ID}}}, 422, parley.CodeInvalid, "itself"},
		{"merge nothing", req{method: "POST", path: contact + "/merge", token: c, body: core.MergeInput{}}, 422, parley.CodeInvalid, "from"},
		{"merge an unknown contact", req{method: "POST", path: contact + "/merge", token: c, body: core.MergeInput{From: []int64{999999}}}, 404, parley.CodeNotFound, ""},
		{"merge a merged contact again", req{method: "POST", path: contact + "/merge", token: c, body: core.MergeInput{From: []int64{b.ID}}}, 409, parley.CodeConflict, "merged"},
		{"merge into a merged contact", req{method: "POST", path: merged + "/merge", token: c, body: core.MergeInput{From: []int64{a.ID}}}, 409, parley.CodeConflict, "merged"},
		{"undo another's merge", req{method: "POST", path: undo, token: c}, 403, parley.CodeForbidden, "merged"},
		{"undo an unknown merge", req{method: "POST", path: "/api/v1/merges/999999/undo", token: c}, 404, parley.CodeNotFound, ""},
		{"not duplicates of itself", req{method: "POST", path: contact + "/not-duplicates", token: c, body: map[string]any{"contact_id": a.ID}}, 422, parley.CodeInvalid, "another"},
		{"an agent sets the duplicate rules", req{method: "PUT", path: "/api/v1/duplicate-rules", token: c, body: map[string]any{"phone": false}}, 403, parley.CodeForbidden, ""},
		{"duplicate rules with an unknown region", req{method: "PUT", path: "/api/v1/duplicate-rules", token: admin, body: map[string]any{"phone": true, "phone_region": "XX"}}, 422, parley.CodeInvalid, "phone_region"},
		{"an agent defines a field", req{method: "POST", path: "/api/v1/contact-fields", token: c, body: map[string]any{"key": "x", "label": "X", "kind": "text"}}, 403, parley.CodeForbidden, ""},
		{"a field of an unknown kind", req{method: "POST", path: "/api/v1/contact-fields", token: admin, body: map[string]any{"key": "x", "label": "X", "kind": "colour"}}, 422, parley.CodeInvalid, "kind"},
		{"a field with a taken key", req{method: "POST", path: "/api/v1/contact-fields", token: admin, body: map[string]any{"key": "tier", "label": "X", "kind": "text"}}, 409, parley.CodeConflict, "tier"},
		{"an account without a name", req{method: "POST", path: "/api/v1/accounts", token: c, body: map[string]any{"name": " "}}, 422, parley.CodeInvalid, "name"},
	}
}

// TestContactRoutes walks a contact's life over the API: created, found,
// similar to another, merged, and the merge undone.
func TestContactRoutes(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		_, token := e.agent(t, "bee@example.com", parley.RoleAgent)
		e.must(t, req{method: "PUT", path: "/api/v1/duplicate-rules", token: e.adminToken,
			body: parley.DuplicateRules{Phone: true, Email: true, Name: true, PhoneRegion: "RU"}}, http.StatusOK, nil)
		var a, b parley.Contact
		e.must(t, req{method: "POST", path: "/api/v1/contacts", token: token, body: map[string]any{"name": "Вера Орлова", "phone": "8 912 345 67 89"}}, http.StatusCreated, &a)
		e.must(t, req{method: "POST", path: "/api/v1/contacts", token: token, body: map[string]any{"name": "Vera Orlova"}}, http.StatusCreated, &b)
		var similar SimilarList
		e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/contacts/%d/similar", a.ID), token: token}, http.StatusOK, &similar)
		if len(similar.Items) != 2 || !similar.Items[0].Current || similar.Items[1].Contact.ID != b.ID || similar.Items[1].Rules[0] != "name" {
			t.Fatalf("similar = %+v", similar.Items)
		}
		var found ContactList
		e.must(t, req{method: "GET", path: "/api/v1/contacts?q=vera", token: token}, http.StatusOK, &found)
		if len(found.Items) != 1 || found.Items[0].ID != b.ID {
			t.Fatalf("quick search found %+v", found.Items)
		}
		var merges MergeList
		e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/contacts/%d/merge", a.ID), token: token, body: core.MergeInput{From: []int64{b.ID}}}, http.StatusOK, &merges)
		var rec core.ContactRecord
		e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/contacts/%d", a.ID), token: token}, http.StatusOK, &rec)
		if rec.Similar != 0 || rec.Contact.Phone != "8 912 345 67 89" {
			t.Fatalf("after the merge: %+v", rec)
		}
		e.must(t, req{method: "GET", path: "/api/v1/contacts?q=vera", token: token}, http.StatusOK, &found)
		if len(found.Items) != 0 {
			t.Fatalf("a merged contact is still found: %+v", found.Items)
		}
		e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/merges/%d/undo", merges.Items[0].ID), token: token}, http.StatusOK, nil)
		e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/contacts/%d", a.ID), token: token}, http.StatusOK, &rec)
		if rec.Similar != 1 {
			t.Fatalf("after the undo the two are not similar again: %+v", rec)
		}
	})
}
