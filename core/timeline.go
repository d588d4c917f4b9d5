package core

import (
	"context"
	"slices"
	"time"

	"parley"
)

// TimelineQuery filters a contact's history (R3.4).
type TimelineQuery struct {
	IdentityID int64     // only what concerns this identity
	From, To   time.Time // From <= at < To, when set
	Kinds      []string  // chat, merge, block, case; every kind when empty
	Limit      int
}

// TimelineItem is one thing that happened to a contact: a chat of theirs, a
// merge into or from them, a block placed on them, or a case opened for them.
type TimelineItem struct {
	Kind  string        `json:"kind"`
	At    time.Time     `json:"at"`
	Chat  *parley.Chat  `json:"chat,omitempty"`
	Merge *parley.Merge `json:"merge,omitempty"`
	Block *parley.Block `json:"block,omitempty"`
	Case  *parley.Case  `json:"case,omitempty"`
}

// timelineKinds are the kinds of timeline item.
var timelineKinds = []string{"chat", "merge", "block", "case"}

// Timeline returns the history of a contact across their chats and channels,
// or of one identity of theirs, newest first, as far as the viewer may see.
func (s *Service) Timeline(ctx context.Context, v parley.Viewer, contactID int64, q TimelineQuery) ([]TimelineItem, error) {
	for _, k := range q.Kinds {
		if !slices.Contains(timelineKinds, k) {
			return nil, parley.Errorf(parley.CodeInvalid, "kind %.20q is not one of chat, merge, block, case", k)
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
	more, err := s.recordItems(ctx, v, contactID, q, want)
	return finishTimeline(append(items, more...), q), err
}

// recordItems are the contact's blocks, those of one identity with the
// contact's own when q names it, and the cases the viewer may see.
func (s *Service) recordItems(ctx context.Context, v parley.Viewer, contactID int64, q TimelineQuery, want func(string) bool) ([]TimelineItem, error) {
	var items []TimelineItem
	if want("block") {
		blocks, err := s.store.ContactBlocks(ctx, contactID)
		if err != nil {
			return nil, err
		}
		for i, b := range blocks {
			if q.IdentityID == 0 || b.IdentityID == 0 || b.IdentityID == q.IdentityID {
				items = append(items, TimelineItem{Kind: "block", At: b.CreatedAt, Block: &blocks[i]})
			}
		}
	}
	if want("case") && q.IdentityID == 0 {
		cases, err := s.store.Cases(ctx, parley.CaseFilter{ContactID: contactID, Scope: &v, Limit: q.Limit})
		if err != nil {
			return nil, err
		}
		for i := range cases {
			items = append(items, TimelineItem{Kind: "case", At: cases[i].RegisteredAt, Case: &cases[i]})
		}
	}
	return items, nil
}

// finishTimeline keeps the items of q's period, newest first, up to its limit.
func finishTimeline(items []TimelineItem, q TimelineQuery) []TimelineItem {
	items = slices.DeleteFunc(items, func(it TimelineItem) bool {
		return !q.From.IsZero() && it.At.Before(q.From) || !q.To.IsZero() && !it.At.Before(q.To)
	})
	slices.SortStableFunc(items, func(a, b TimelineItem) int { return b.At.Compare(a.At) })
	return items[:min(len(items), q.Limit)]
}
