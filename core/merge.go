package core

import (
	"context"
	"slices"
	"strconv"
	"time"

	"parley"
)

// similarOf returns the standing contacts like c by the rules that are on.
func (s *Service) similarOf(ctx context.Context, c parley.Contact) ([]parley.Similar, error) {
	rules, err := duplicateRules(ctx, s.store)
	if err != nil {
		return nil, err
	}
	return s.store.SimilarContacts(ctx, parley.SimilarQuery{Contact: c, Rules: rules, Limit: 200})
}

// SimilarContacts lists a contact and the contacts like it, the contact itself
// first and marked Current (R3.3).
func (s *Service) SimilarContacts(ctx context.Context, id int64) ([]parley.Similar, error) {
	c, err := s.store.Contact(ctx, id)
	if err != nil {
		return nil, err
	}
	similar, err := s.similarOf(ctx, c)
	return append([]parley.Similar{{Contact: c, Current: true, Rules: []string{}}}, similar...), err
}

// suggestMerge reports whether a contact like c shares its phone or e-mail,
// whatever rules are on: such a merge is suggested unasked (R3.3).
func (s *Service) suggestMerge(ctx context.Context, c parley.Contact) (bool, error) {
	if c.PhoneKey == "" && c.EmailKey == "" {
		return false, nil
	}
	found, err := s.store.SimilarContacts(ctx, parley.SimilarQuery{Contact: c, Rules: parley.DuplicateRules{Phone: true, Email: true}, Limit: 1})
	return len(found) > 0, err
}

// MergeInput names the contacts to merge into the chosen one.
type MergeInput struct {
	From []int64 `json:"from"`
}

// MergeContacts merges each contact of in.From into the chosen contact (R3.3):
// their identities and chats move to it, the empty fields of the chosen one
// take their values, and each merge is recorded so that it can be undone. All
// or none: a contact merged meanwhile fails the whole request.
func (s *Service) MergeContacts(ctx context.Context, by parley.Agent, intoID int64, in MergeInput) ([]parley.Merge, error) {
	if len(in.From) == 0 || len(in.From) > 50 {
		return nil, parley.Errorf(parley.CodeInvalid, "from must name 1 to 50 contacts")
	}
	if slices.Contains(in.From, intoID) {
		return nil, parley.Errorf(parley.CodeInvalid, "a contact cannot be merged into itself")
	}
	var out []parley.Merge
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		out = out[:0]
		for _, from := range uniqueIDs(in.From) {
			m, err := s.mergeOne(ctx, tx, now, by, intoID, from)
			if err != nil {
				return err
			}
			out = append(out, m)
		}
		return nil
	})
	return out, err
}

// mergeOne merges contact fromID into intoID.
func (s *Service) mergeOne(ctx context.Context, tx parley.Tx, now time.Time, by parley.Agent, intoID, fromID int64) (parley.Merge, error) {
	into, err := standingContact(ctx, tx, intoID)
	if err != nil {
		return parley.Merge{}, err
	}
	from, err := standingContact(ctx, tx, fromID)
	if err != nil {
		return parley.Merge{}, err
	}
	if err := refuseBlocked(ctx, tx, from); err != nil {
		return parley.Merge{}, err
	}
	m := parley.Merge{IntoID: intoID, FromID: fromID, By: by.ID, At: now, Moved: parley.Moved{Into: into}}
	m.Moved.Filled = fillEmpty(&into, from)
	if len(m.Moved.Filled) > 0 {
		rules, err := duplicateRules(ctx, tx)
		if err != nil {
			return m, err
		}
		into.MatchKeys(rules.PhoneRegion)
		into.UpdatedAt = now
		if err := tx.UpdateContact(ctx, into); err != nil {
			return m, err
		}
		emit(tx, now, parley.NewEvent(parley.EventContactUpdated, parley.AudienceStaff, into))
	}
	if err := tx.MergeContacts(ctx, &m); err != nil {
		return m, err
	}
	emit(tx, now, parley.NewEvent(parley.EventContactMerged, parley.AudienceStaff, m))
	return m, s.chatsMoved(ctx, tx, now, m.IntoID, m.Moved.Chats)
}

// standingContact loads a contact that was not merged into another.
func standingContact(ctx context.Context, tx parley.Tx, id int64) (parley.Contact, error) {
	c, err := tx.Contact(ctx, id)
	if err != nil {
		return c, err
	}
	if c.MergedInto != 0 {
		return c, parley.Errorf(parley.CodeConflict, "contact %d was merged into %d already", id, c.MergedInto)
	}
	return c, nil
}

// refuseBlocked refuses to merge away a contact blocked as a whole: the block
// would stop holding its identities once they belong to the other contact.
func refuseBlocked(ctx context.Context, tx parley.Tx, c parley.Contact) error {
	blocks, err := tx.ContactBlocks(ctx, c.ID)
	if err != nil {
		return err
	}
	for _, b := range blocks {
		if b.State == parley.BlockActive && b.IdentityID == 0 {
			return parley.Errorf(parley.CodeConflict, "contact %d is blocked (block %d): lift the block, or merge the other contact into this one", c.ID, b.ID)
		}
	}
	return nil
}

// fillEmpty gives into's empty fields from's values and names them.
func fillEmpty(into *parley.Contact, from parley.Contact) []string {
	var filled []string
	for _, name := range contactTexts {
		if dst, src := contactText(into, name), *contactText(&from, name); *dst == "" && src != "" {
			*dst = src
			filled = append(filled, name)
		}
	}
	if into.AccountID == 0 && from.AccountID != 0 {
		into.AccountID = from.AccountID
		filled = append(filled, "account_id")
	}
	if into.OwnerID == 0 && from.OwnerID != 0 {
		into.OwnerID = from.OwnerID
		filled = append(filled, "owner_id")
	}
	for key, v := range from.Fields {
		if into.Fields[key] == "" {
			if into.Fields == nil {
				into.Fields = map[string]string{}
			}
			into.Fields[key] = v
			filled = append(filled, "fields."+key)
		}
	}
	slices.Sort(filled)
	return filled
}

// chatsMoved tells those who follow the open chats that moved to contactID
// that their contact changed; one read finds them among the contact's open chats.
func (s *Service) chatsMoved(ctx context.Context, tx parley.Tx, now time.Time, contactID int64, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	open, err := tx.Chats(ctx, parley.ChatFilter{ContactID: contactID,
		States: []parley.ChatState{parley.ChatWaiting, parley.ChatInProgress}, Limit: 500})
	if err != nil {
		return err
	}
	for _, c := range open {
		if slices.Contains(ids, c.ID) {
			emit(tx, now, parley.ChatEvent(parley.EventChatUpdated, parley.AudienceQueue|parley.AudienceAgent, c, chatAgent(c), c))
		}
	}
	return nil
}

// UndoMerge moves back what a merge moved (R3.3): the merged contact stands
// again with its identities and chats, and the fields the merge filled in the
// other are emptied again unless changed since.
func (s *Service) UndoMerge(ctx context.Context, by parley.Agent, mergeID int64) (parley.Merge, error) {
	var out parley.Merge
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		m, err := tx.Merge(ctx, mergeID)
		if err != nil {
			return err
		}
		if m.UndoneAt != nil {
			return parley.Errorf(parley.CodeConflict, "merge %d was undone already", m.ID)
		}
		if m.By != by.ID && !by.Role.SeesAll() {
			return parley.Errorf(parley.CodeForbidden, "only who merged, a supervisor or an admin may undo a merge")
		}
		if err := tx.UndoMerge(ctx, m, by.ID, now); err != nil {
			return err
		}
		if err := s.unfill(ctx, tx, now, m); err != nil {
			return err
		}
		m.UndoneAt, m.UndoneBy = &now, by.ID
		out = m
		emit(tx, now, parley.NewEvent(parley.EventContactMerged, parley.AudienceStaff, m))
		return s.chatsMoved(ctx, tx, now, m.FromID, m.Moved.Chats)
	})
	return out, err
}

// unfill gives back the merged-into contact's fields the merge filled, where
// they still hold what the merge put there.
func (s *Service) unfill(ctx context.Context, tx parley.Tx, now time.Time, m parley.Merge) error {
	if len(m.Moved.Filled) == 0 {
		return nil
	}
	into, err := tx.Contact(ctx, m.IntoID)
	if err != nil {
		return err
	}
	from, err := tx.Contact(ctx, m.FromID)
	if err != nil {
		return err
	}
	was := m.Moved.Into
	for _, name := range m.Moved.Filled {
		restoreField(&into, from, was, name)
	}
	rules, err := duplicateRules(ctx, tx)
	if err != nil {
		return err
	}
	into.MatchKeys(rules.PhoneRegion)
	into.UpdatedAt = now
	if err := tx.UpdateContact(ctx, into); err != nil {
		return err
	}
	emit(tx, now, parley.NewEvent(parley.EventContactUpdated, parley.AudienceStaff, into))
	return nil
}

// contactTexts are the text fields a merge may fill.
var contactTexts = []string{"name", "email", "phone"}

// contactText is c's text field of the name (one of contactTexts).
func contactText(c *parley.Contact, name string) *string {
	switch name {
	case "email":
		return &c.Email
	case "phone":
		return &c.Phone
	}
	return &c.Name
}

// restoreField sets field name of c back to was's when it still equals from's.
func restoreField(c *parley.Contact, from, was parley.Contact, name string) {
	switch name {
	case "name", "email", "phone":
		if dst := contactText(c, name); *dst == *contactText(&from, name) {
			*dst = *contactText(&was, name)
		}
	case "account_id":
		if c.AccountID == from.AccountID {
			c.AccountID = was.AccountID
		}
	case "owner_id":
		if c.OwnerID == from.OwnerID {
			c.OwnerID = was.OwnerID
		}
	default:
		key := name[len("fields."):]
		if c.Fields[key] == from.Fields[key] {
			delete(c.Fields, key)
		}
	}
}

// NotDuplicatesInput names a contact that is not a duplicate of another.
type NotDuplicatesInput struct {
	ContactID int64 `json:"contact_id"`
}

// NotDuplicates remembers that two contacts are different people, so that
// neither lists the other as similar again (R3.3).
func (s *Service) NotDuplicates(ctx context.Context, by parley.Agent, id int64, in NotDuplicatesInput) error {
	if in.ContactID == id || in.ContactID <= 0 {
		return parley.Errorf(parley.CodeInvalid, "contact_id must name another contact")
	}
	return s.write(ctx, func(tx parley.Tx, now time.Time) error {
		for _, c := range []int64{id, in.ContactID} {
			if _, err := tx.Contact(ctx, c); err != nil {
				return parley.Errorf(parley.CodeNotFound, "contact %s does not exist", strconv.FormatInt(c, 10))
			}
		}
		return tx.NotDuplicates(ctx, id, in.ContactID, by.ID, now)
	})
}

// Merges lists the merges into or from a contact, newest first.
func (s *Service) Merges(ctx context.Context, contactID int64) ([]parley.Merge, error) {
	return s.store.Merges(ctx, contactID)
}

func uniqueIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}
