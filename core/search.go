package core

import (
	"context"
	"unicode/utf8"

	"parley"
)

// Page sizes of searches.
const (
	defaultSearchLimit = 50
	maxSearchLimit     = 200
)

// SearchPage is one page of search hits, greatest key first; Next is the
// cursor of the next page (0 at the end).
type SearchPage struct {
	Hits []parley.ChatHit `json:"hits"`
	Next int64            `json:"next,omitempty"`
}

// checkSearchText refuses what no search should run with.
func checkSearchText(text string) error {
	if len(text) > parley.MaxSearchText {
		return parley.Errorf(parley.CodeInvalid, "q has %d bytes, at most %d are allowed", len(text), parley.MaxSearchText)
	}
	if !utf8.ValidString(text) {
		return parley.Errorf(parley.CodeInvalid, "q is not valid UTF-8")
	}
	return nil
}

// SearchChats finds the chats the viewer may see that q selects (R2.9). The
// viewer's rights are applied by the store, in the query, so that a page is
// always full when there are hits enough.
func (s *Service) SearchChats(ctx context.Context, v parley.Viewer, q parley.SearchQuery) (SearchPage, error) {
	if v.IsVisitor() {
		return SearchPage{}, parley.Errorf(parley.CodeForbidden, "only agents search chats")
	}
	if err := checkSearchText(q.Text); err != nil {
		return SearchPage{}, err
	}
	for _, st := range q.States {
		if !st.Valid() {
			return SearchPage{}, parley.Errorf(parley.CodeInvalid, "state %q is not one of waiting, in_progress, completed", st)
		}
	}
	switch {
	case q.Limit < 0 || q.Limit > maxSearchLimit:
		return SearchPage{}, parley.Errorf(parley.CodeInvalid, "limit must be between 1 and %d", maxSearchLimit)
	case q.Before < 0 || q.ContactID < 0 || q.ChannelID < 0 || q.QueueID < 0 || q.OwnerID < 0:
		return SearchPage{}, parley.Errorf(parley.CodeInvalid, "ids and cursors must not be negative")
	case !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To):
		return SearchPage{}, parley.Errorf(parley.CodeInvalid, "from must be before to")
	}
	q.Viewer = v
	q.Limit = clampLimit(q.Limit, defaultSearchLimit, maxSearchLimit)
	hits, err := s.store.SearchChats(ctx, q)
	if err != nil {
		return SearchPage{}, err
	}
	page := SearchPage{Hits: hits}
	if len(hits) == q.Limit {
		page.Next = hits[len(hits)-1].Key
	}
	return page, nil
}

// SearchContacts finds contacts by name, e-mail or phone for an agent's quick search.
func (s *Service) SearchContacts(ctx context.Context, v parley.Viewer, text string, limit int) ([]parley.Contact, error) {
	if v.IsVisitor() {
		return nil, parley.Errorf(parley.CodeForbidden, "only agents search contacts")
	}
	if err := checkSearchText(text); err != nil {
		return nil, err
	}
	if limit < 0 || limit > maxSearchLimit {
		return nil, parley.Errorf(parley.CodeInvalid, "limit must be between 1 and %d", maxSearchLimit)
	}
	return s.store.SearchContacts(ctx, text, clampLimit(limit, 20, maxSearchLimit))
}
