package core

import (
	"context"
	"strings"
	"time"

	"parley"
)

// ContactPatch creates or changes a contact; nil fields are left as they are.
// Fields replaces the custom fields' values when set.
type ContactPatch struct {
	Name      *string           `json:"name,omitempty"`
	Email     *string           `json:"email,omitempty"`
	Phone     *string           `json:"phone,omitempty"`
	AccountID *int64            `json:"account_id,omitempty"`
	OwnerID   *int64            `json:"owner_id,omitempty"`
	Fields    map[string]string `json:"fields,omitempty"`
}

// ContactRecord is a contact with its identities and the counts an agent needs.
type ContactRecord struct {
	Contact    parley.Contact    `json:"contact"`
	Identities []parley.Identity `json:"identities"`
	// Similar counts the contacts like this one by the rules that are on (R3.3).
	Similar int `json:"similar"`
}

// Contacts lists standing contacts, newest first: of an account or an owner,
// or, with text, those a quick search finds (R2.9).
func (s *Service) Contacts(ctx context.Context, v parley.Viewer, text string, f parley.ContactFilter) ([]parley.Contact, error) {
	if v.IsVisitor() {
		return nil, parley.Errorf(parley.CodeForbidden, "only agents list contacts")
	}
	if strings.TrimSpace(text) != "" {
		return s.SearchContacts(ctx, v, text, f.Limit)
	}
	return s.store.Contacts(ctx, f)
}

// ContactRecord returns a contact with its identities and similar count.
func (s *Service) ContactRecord(ctx context.Context, id int64) (ContactRecord, error) {
	c, err := s.store.Contact(ctx, id)
	if err != nil {
		return ContactRecord{}, err
	}
	rec := ContactRecord{Contact: c}
	if rec.Identities, err = s.store.Identities(ctx, id); err != nil {
		return rec, err
	}
	similar, err := s.similarOf(ctx, c)
	rec.Similar = len(similar)
	return rec, err
}

// CreateContact adds a contact by hand.
func (s *Service) CreateContact(ctx context.Context, by parley.Agent, in ContactPatch) (parley.Contact, error) {
	if in.Name == nil || strings.TrimSpace(*in.Name) == "" {
		return parley.Contact{}, parley.Errorf(parley.CodeInvalid, "name is required")
	}
	var out parley.Contact
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c := parley.Contact{CreatedAt: now, UpdatedAt: now}
		if err := s.applyContact(ctx, tx, &c, in); err != nil {
			return err
		}
		if err := tx.CreateContact(ctx, &c); err != nil {
			return err
		}
		out = c
		emit(tx, now, parley.NewEvent(parley.EventContactUpdated, parley.AudienceStaff, c))
		return nil
	})
	return out, err
}

// UpdateContact changes a standing contact: an agent fills in an unknown
// contact by hand from the chat (R3.2), or keeps a record current.
func (s *Service) UpdateContact(ctx context.Context, by parley.Agent, id int64, in ContactPatch) (parley.Contact, error) {
	var out parley.Contact
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := tx.Contact(ctx, id)
		if err != nil {
			return err
		}
		if c.MergedInto != 0 {
			return parley.Errorf(parley.CodeConflict, "contact %d was merged into %d; change that one", id, c.MergedInto)
		}
		oldName := c.Name
		if err := s.applyContact(ctx, tx, &c, in); err != nil {
			return err
		}
		c.UpdatedAt = now
		if err := tx.UpdateContact(ctx, c); err != nil {
			return err
		}
		out = c
		emit(tx, now, parley.NewEvent(parley.EventContactUpdated, parley.AudienceStaff, c))
		return s.renameChats(ctx, tx, now, c, oldName)
	})
	return out, err
}

// applyContact checks the patch and applies it to c, keying c for the rules.
func (s *Service) applyContact(ctx context.Context, tx parley.Tx, c *parley.Contact, in ContactPatch) error {
	texts := []struct {
		dst  *string
		src  *string
		name string
		max  int
	}{{&c.Name, in.Name, "name", 200}, {&c.Email, in.Email, "email", 320}, {&c.Phone, in.Phone, "phone", 50}}
	for _, t := range texts {
		if t.src == nil {
			continue
		}
		v := strings.TrimSpace(*t.src)
		if len(v) > t.max {
			return parley.Errorf(parley.CodeInvalid, "%s has at most %d bytes", t.name, t.max)
		}
		*t.dst = v // an e-mail or phone that does not parse is kept as typed, and matches nothing
	}
	if c.Name == "" {
		return parley.Errorf(parley.CodeInvalid, "name must not be empty")
	}
	if err := s.applyContactLinks(ctx, tx, c, in); err != nil {
		return err
	}
	rules, err := duplicateRules(ctx, tx)
	if err != nil {
		return err
	}
	c.MatchKeys(rules.PhoneRegion)
	return nil
}

// applyContactLinks sets the account, owner and custom fields of the patch.
func (s *Service) applyContactLinks(ctx context.Context, tx parley.Tx, c *parley.Contact, in ContactPatch) error {
	if in.AccountID != nil {
		if *in.AccountID != 0 {
			if _, err := tx.Account(ctx, *in.AccountID); err != nil {
				return parley.Errorf(parley.CodeInvalid, "account %d does not exist", *in.AccountID)
			}
		}
		c.AccountID = *in.AccountID
	}
	if in.OwnerID != nil {
		if *in.OwnerID != 0 {
			if _, err := tx.Agent(ctx, *in.OwnerID); err != nil {
				return parley.Errorf(parley.CodeInvalid, "agent %d does not exist", *in.OwnerID)
			}
		}
		c.OwnerID = *in.OwnerID
	}
	if in.Fields != nil {
		defs, err := tx.ContactFields(ctx)
		if err != nil {
			return err
		}
		if c.Fields, err = parley.CheckFields(in.Fields, defs); err != nil {
			return err
		}
	}
	return nil
}

// renameChats gives the contact's new name to their chats that bore the old
// one, as a chat is named after its contact when it starts.
func (s *Service) renameChats(ctx context.Context, tx parley.Tx, now time.Time, c parley.Contact, oldName string) error {
	if c.Name == oldName {
		return nil
	}
	chats, err := tx.Chats(ctx, parley.ChatFilter{ContactID: c.ID, Limit: 500})
	if err != nil {
		return err
	}
	for _, ch := range chats {
		if ch.Name != oldName {
			continue
		}
		ch.Name, ch.UpdatedAt = c.Name, now
		if err := tx.SaveChat(ctx, &ch); err != nil {
			return err
		}
		emit(tx, now, parley.ChatEvent(parley.EventChatUpdated, parley.AudienceQueue|parley.AudienceAgent, ch, chatAgent(ch), ch))
	}
	return nil
}
