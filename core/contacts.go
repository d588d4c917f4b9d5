package core

import (
	"context"

	"parley"
)

// ChatContact is the contact of a chat and the identity it wrote from (R3.6).
type ChatContact struct {
	Contact  parley.Contact  `json:"contact"`
	Identity parley.Identity `json:"identity"`
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
	return ChatContact{Contact: contact, Identity: ident}, err
}
