package core

import (
	"context"

	"parley"
)

// ChatContact is the contact of a chat and the identity it wrote from (R3.6).
type ChatContact struct {
	Contact  parley.Contact  `json:"contact"`
	Identity parley.Identity `json:"identity"`
	// Similar counts the contacts like this one by the rules that are on, and
	// SuggestMerge says one of them shares its phone or e-mail (R3.3).
	Similar      int  `json:"similar"`
	SuggestMerge bool `json:"suggest_merge"`
}

// ContactOfChat returns who a chat the viewer may see is with.
func (s *Service) ContactOfChat(ctx context.Context, v parley.Viewer, chatID int64) (ChatContact, error) {
	c, err := s.visibleChat(ctx, s.store, v, chatID)
	if err != nil {
		return ChatContact{}, err
	}
	ident, err := s.store.Identity(ctx, c.IdentityID)
	if err != nil {
		return ChatContact{}, err
	}
	contact, err := s.store.Contact(ctx, c.ContactID)
	if err != nil {
		return ChatContact{}, err
	}
	out := ChatContact{Contact: contact, Identity: ident}
	similar, err := s.similarOf(ctx, contact)
	if err != nil {
		return out, err
	}
	out.Similar = len(similar)
	out.SuggestMerge, err = s.suggestMerge(ctx, contact)
	return out, err
}
