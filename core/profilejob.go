package core

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"parley"
)

// profileJob asks the provider for a new contact's name and gives it to the
// contact, unless someone named the contact meanwhile (R3.1).
func (s *Service) profileJob(ctx context.Context, j parley.ChannelJob) error {
	ch, err := s.store.Channel(ctx, j.ChannelID)
	if err != nil {
		return s.retryJob(ctx, j, err)
	}
	reader, ok := s.cfg.Providers[ch.Type].(parley.ProfileReader)
	var externalID string
	if !ok || json.Unmarshal([]byte(j.Payload), &externalID) != nil {
		return s.dropJob(ctx, j, "no profile to ask for")
	}
	who, err := reader.Profile(ctx, ch, externalID)
	if err != nil && retryable(err) && j.Attempts < maxJobAttempts {
		return s.retryJob(ctx, j, err)
	}
	name := clip(strings.TrimSpace(who.Name), 200)
	if err != nil || name == "" {
		return s.dropJob(ctx, j, "the provider gives no name")
	}
	return s.write(ctx, func(tx parley.Tx, now time.Time) error {
		if err := tx.DeleteJob(ctx, j.ID); err != nil {
			return err
		}
		return s.nameContact(ctx, tx, now, ch, j.ContactID, externalID, name)
	})
}

// nameContact gives the contact and its identity the name the provider told,
// when the contact still bears the name made up for it on first contact.
func (s *Service) nameContact(ctx context.Context, tx parley.Tx, now time.Time, ch parley.Channel, contactID int64, externalID, name string) error {
	c, err := tx.Contact(ctx, contactID)
	if err != nil || c.Name != placeholderName(ch, externalID) {
		return err
	}
	rules, err := duplicateRules(ctx, tx)
	if err != nil {
		return err
	}
	oldName := c.Name
	c.Name, c.UpdatedAt = name, now
	c.MatchKeys(rules.PhoneRegion)
	if err := tx.UpdateContact(ctx, c); err != nil {
		return err
	}
	if err := s.renameChats(ctx, tx, now, c, oldName); err != nil {
		return err
	}
	if ident, err := tx.IdentityByExternal(ctx, ch.ID, externalID); err == nil && ident.Name != name {
		ident.Name, ident.UpdatedAt = name, now
		if err := tx.UpdateIdentity(ctx, ident); err != nil {
			return err
		}
	}
	emit(tx, now, parley.NewEvent(parley.EventContactUpdated, parley.AudienceStaff, c))
	return nil
}

// placeholderName is what a contact is called until its name is known.
func placeholderName(ch parley.Channel, externalID string) string {
	return string(ch.Type) + " " + externalID
}
