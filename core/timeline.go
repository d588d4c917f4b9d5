package core

import (
	"cmp"
	"context"
	"slices"
	"time"

	"parley"
)

// TimelineQuery filters a contact's history (R3.4).
type TimelineQuery struct {
	IdentityID int64     // only what concerns this identity
	From, To   time.Time // From <= at < To, when set
	Kinds      []string  // chat, merge; every kind when empty
	Limit      int
}

// TimelineItem is one thing that happened to a contact: a chat of theirs, or a
// merge into or from them.
type TimelineItem struct {
	Kind  string        `json:"kind"`
	At    time.Time     `json:"at"`
	Chat  *parley.Chat  `json:"chat,omitempty"`
	Merge *parley.Merge `json:"merge,omitempty"`
}

// timelineKinds are the kinds of timeline item.
var timelineKinds = []string{"chat", "merge"}

// Timeline returns the history of a contact across their chats and channels,
// or of one identity of theirs, newest first, as far as the viewer may see.
func (s *Service) Timeline(ctx context.Context, v parley.Viewer, contactID int64, q TimelineQuery) ([]TimelineItem, error) {
	for _, k := range q.Kinds {
		if !slices.Contains(timelineKinds, k) {
			return nil, parley.Errorf(parley.CodeInvalid, "kind %.20q is not one of chat, merge", k)
		}
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		return nil, parley.Errorf(parley.CodeInvalid, "from must be before to")
	}
	if _, err := s.store.Contact(ctx, contactID); err != nil {
		return nil, err
	}
	q.Limit = clampLimit(q.Limit, 100, 500)
	want := func(kind string) bool { return len(q.Kinds) == 0 || slices.Contains(q.Kinds, kind) }
	var items []TimelineItem
	if want("chat") {
		chats, err := s.store.Chats(ctx, parley.ChatFilter{ContactID: contactID, IdentityID: q.IdentityID, Scope: &v, Limit: q.Limit})
		if err != nil {
			return nil, err
		}
		for i := range chats {
			items = append(items, TimelineItem{Kind: "chat", At: chats[i].CreatedAt, Chat: &chats[i]})
		}
	}
	if want("merge") && q.IdentityID == 0 {
		merges, err := s.store.Merges(ctx, contactID)
		if err != nil {
			return nil, err
		}
		for i := range merges {
			items = append(items, TimelineItem{Kind: "merge", At: merges[i].At, Merge: &merges[i]})
		}
	}
	items = slices.DeleteFunc(items, func(it TimelineItem) bool {
		return !q.From.IsZero() && it.At.Before(q.From) || !q.To.IsZero() && !it.At.Before(q.To)
	})
	slices.SortStableFunc(items, func(a, b TimelineItem) int { return b.At.Compare(a.At) })
	return items[:min(len(items), cmp.Or(q.Limit, len(items)))], nil
}
