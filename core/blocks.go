package core

import (
	"context"
	"time"

	"parley"
)

// Blocks (R3.5). Supervisors and admins place and lift them: a block is a
// judgement on a customer, as completing another's chat is, which plain agents
// leave to them. Every agent may read a contact's blocks, as every agent is told
// of them.
//
// A block completes the open chats it stops. From then on the blocked identity
// has no open chat, so the inbound hot path (a message into an open chat) never
// looks for a block: only receive's path towards a new chat does, with one read.

// BlockInput places a block: on the whole contact, or on one identity of it.
type BlockInput struct {
	// Until is when the block ends by itself: in the future, at most ten years ahead.
	Until *time.Time `json:"until"`
	// UntilFurtherNotice, instead of Until, holds the block until it is lifted.
	UntilFurtherNotice bool   `json:"until_further_notice,omitempty"`
	Reason             string `json:"reason"`
	// IdentityID blocks one identity of the contact; 0 blocks the contact.
	IdentityID int64 `json:"identity_id,omitempty"`
}

// LiftInput ends a block early, with an optional reason.
type LiftInput struct {
	Reason string `json:"reason,omitempty"`
}

// BlockedPage is a page of a contact's blocked messages, newest first; Next is
// the cursor of the next page (0 at the end).
type BlockedPage struct {
	Items []parley.BlockedMessage `json:"items"`
	Next  int64                   `json:"next,omitempty"`
}

// mayBlock refuses plain agents.
func mayBlock(by parley.Agent) error {
	if !by.Role.SeesAll() {
		return parley.Errorf(parley.CodeForbidden, "only supervisors and admins may block, unblock or read what blocked contacts wrote")
	}
	return nil
}

// check validates the input at the time and returns the block's end (nil: none).
func (in BlockInput) check(now time.Time) (*time.Time, error) {
	switch {
	case in.Until == nil && !in.UntilFurtherNotice:
		return nil, parley.Errorf(parley.CodeInvalid, "until is required; or until_further_notice true for a block that holds until lifted")
	case in.Until != nil && in.UntilFurtherNotice:
		return nil, parley.Errorf(parley.CodeInvalid, "give until or until_further_notice, not both")
	case in.IdentityID < 0:
		return nil, parley.Errorf(parley.CodeInvalid, "identity_id %d does not exist", in.IdentityID)
	case in.Until == nil:
		return nil, nil
	}
	until := in.Until.UTC().Truncate(time.Microsecond) // what the store keeps
	switch {
	case !until.After(now):
		return nil, parley.Errorf(parley.CodeInvalid, "until %s is not in the future", until.Format(time.RFC3339))
	case until.After(now.AddDate(parley.MaxBlockYears, 0, 0)):
		return nil, parley.Errorf(parley.CodeInvalid, "until %s is more than ten years ahead", until.Format(time.RFC3339))
	}
	return &until, nil
}

// BlockContact blocks a contact, or one identity of it (R3.5), and completes the
// open chats it stops.
func (s *Service) BlockContact(ctx context.Context, by parley.Agent, contactID int64, in BlockInput) (parley.Block, error) {
	if err := mayBlock(by); err != nil {
		return parley.Block{}, err
	}
	reason, err := parley.CheckBlockReason(in.Reason, true)
	if err != nil {
		return parley.Block{}, err
	}
	var out parley.Block
	err = s.write(ctx, func(tx parley.Tx, now time.Time) error {
		until, err := in.check(now)
		if err != nil {
			return err
		}
		if _, err := tx.Contact(ctx, contactID); err != nil {
			return err
		}
		if err := checkBlockedIdentity(ctx, tx, contactID, in.IdentityID); err != nil {
			return err
		}
		if err := s.endLapsedBlocks(ctx, tx, now, contactID); err != nil {
			return err
		}
		b := parley.Block{ContactID: contactID, IdentityID: in.IdentityID, Reason: reason, Until: until,
			State: parley.BlockActive, CreatedAt: now, CreatedBy: by.ID}
		if err := tx.CreateBlock(ctx, &b); err != nil {
			return err
		}
		if until != nil {
			t := parley.Timer{Kind: parley.TimerBlockExpiry, Ref: b.ID, DueAt: *until}
			if err := tx.AddTimer(ctx, &t); err != nil {
				return err
			}
		}
		out = b
		emit(tx, now, parley.NewEvent(parley.EventContactBlocked, parley.AudienceStaff, b))
		return s.completeBlocked(ctx, tx, now, b, by)
	})
	return out, err
}

// checkBlockedIdentity checks that identityID, when set, is one of the contact's.
func checkBlockedIdentity(ctx context.Context, tx parley.Tx, contactID, identityID int64) error {
	if identityID == 0 {
		return nil
	}
	ident, err := tx.Identity(ctx, identityID)
	switch {
	case parley.IsCode(err, parley.CodeNotFound):
		return parley.Errorf(parley.CodeInvalid, "identity %d does not exist", identityID)
	case err != nil:
		return err
	case ident.ContactID != contactID:
		return parley.Errorf(parley.CodeInvalid, "identity %d is not one of contact %d's", identityID, contactID)
	}
	return nil
}

// endLapsedBlocks expires the contact's blocks past their end whose timer has
// not fired yet, so that they do not stand in the way of a new block.
func (s *Service) endLapsedBlocks(ctx context.Context, tx parley.Tx, now time.Time, contactID int64) error {
	blocks, err := tx.ContactBlocks(ctx, contactID)
	if err != nil {
		return err
	}
	for _, b := range blocks {
		if b.State == parley.BlockActive && !b.HoldsAt(now) {
			if _, err := s.endBlock(ctx, tx, now, b, (*parley.Block).Expire); err != nil {
				return err
			}
		}
	}
	return nil
}

// completeBlocked completes the open chats the block stops: the identity's, or
// those of every identity of the contact. An internal note tells agents why;
// the contact sees only that the chat was completed.
func (s *Service) completeBlocked(ctx context.Context, tx parley.Tx, now time.Time, b parley.Block, by parley.Agent) error {
	var open []parley.Chat
	if b.IdentityID != 0 {
		c, err := tx.OpenChat(ctx, b.IdentityID)
		if err == nil {
			open = append(open, c)
		} else if !parley.IsCode(err, parley.CodeNotFound) {
			return err
		}
	} else {
		chats, err := tx.Chats(ctx, parley.ChatFilter{ContactID: b.ContactID,
			States: []parley.ChatState{parley.ChatWaiting, parley.ChatInProgress}, Limit: 500})
		if err != nil {
			return err
		}
		open = chats
	}
	actor := parley.Actor{Kind: parley.ActorAgent, ID: by.ID}
	for i := range open {
		c := &open[i]
		note := systemMessage(parley.SystemContactBlocked, "The contact was blocked: "+b.Reason)
		note.Internal = true
		if err := s.addMessage(ctx, tx, now, c, &note); err != nil {
			return err
		}
		if err := s.complete(ctx, tx, now, c, actor); err != nil {
			return err
		}
	}
	return nil
}

// LiftBlock ends a block early.
func (s *Service) LiftBlock(ctx context.Context, by parley.Agent, blockID int64, in LiftInput) (parley.Block, error) {
	if err := mayBlock(by); err != nil {
		return parley.Block{}, err
	}
	reason, err := parley.CheckBlockReason(in.Reason, false)
	if err != nil {
		return parley.Block{}, err
	}
	var out parley.Block
	err = s.write(ctx, func(tx parley.Tx, now time.Time) error {
		b, err := tx.Block(ctx, blockID)
		if err != nil {
			return err
		}
		if b.State == parley.BlockActive && !b.HoldsAt(now) {
			return parley.Errorf(parley.CodeConflict, "block %d expired at %s", b.ID, b.Until.Format(time.RFC3339))
		}
		out, err = s.endBlock(ctx, tx, now, b, func(b *parley.Block) error { return b.Lift(by.ID, reason, now) })
		return err
	})
	return out, err
}

// endBlock ends b as end says, stores it, tells the agents and returns it ended.
func (s *Service) endBlock(ctx context.Context, tx parley.Tx, now time.Time, b parley.Block, end func(*parley.Block) error) (parley.Block, error) {
	if err := end(&b); err != nil {
		return b, err
	}
	if err := tx.EndBlock(ctx, b); err != nil {
		return b, err
	}
	emit(tx, now, parley.NewEvent(parley.EventContactUnblocked, parley.AudienceStaff, b))
	return b, nil
}

// fireBlockExpiry ends a block at its until, unless it was lifted since.
func (s *Service) fireBlockExpiry(ctx context.Context, tx parley.Tx, now time.Time, t parley.Timer) error {
	b, err := tx.Block(ctx, t.Ref)
	if parley.IsCode(err, parley.CodeNotFound) {
		return nil
	}
	if err != nil || b.State != parley.BlockActive || b.Until == nil || !b.Until.Equal(t.DueAt) {
		return err
	}
	_, err = s.endBlock(ctx, tx, now, b, (*parley.Block).Expire)
	return err
}

// Blocks lists a contact's blocks and its identities', newest first, active
// and ended. A block past its end whose timer is late is shown expired.
func (s *Service) Blocks(ctx context.Context, contactID int64) ([]parley.Block, error) {
	if _, err := s.store.Contact(ctx, contactID); err != nil {
		return nil, err
	}
	blocks, err := s.store.ContactBlocks(ctx, contactID)
	now := s.clock.Now()
	for i := range blocks {
		if blocks[i].State == parley.BlockActive && !blocks[i].HoldsAt(now) {
			_ = blocks[i].Expire() // active with an end: cannot fail
		}
	}
	return blocks, err
}

// BlockedMessages lists what a contact wrote while blocked, newest first
// (supervisors and admins).
func (s *Service) BlockedMessages(ctx context.Context, by parley.Agent, contactID, before int64, limit int) (BlockedPage, error) {
	if err := mayBlock(by); err != nil {
		return BlockedPage{}, err
	}
	if _, err := s.store.Contact(ctx, contactID); err != nil {
		return BlockedPage{}, err
	}
	limit = clampLimit(limit, 100, 1000)
	items, err := s.store.BlockedMessages(ctx, contactID, before, limit)
	if err != nil {
		return BlockedPage{}, err
	}
	page := BlockedPage{Items: items}
	if len(items) == limit {
		page.Next = items[len(items)-1].ID
	}
	return page, nil
}

// withhold keeps m as a blocked message when a block stops the identity, and
// reports whether it did (held). receive calls it only where a chat would start.
// The sender is answered as if the message were taken, so that the block does
// not show: the message they get back has no chat. A repeated delivery is kept
// once and answered with the first.
func (s *Service) withhold(ctx context.Context, tx parley.Tx, now time.Time, ident parley.Identity, m parley.Message) (out parley.Message, created, held bool, err error) {
	b, err := tx.HoldingBlock(ctx, ident.ID, ident.ContactID, now)
	if parley.IsCode(err, parley.CodeNotFound) {
		return m, false, false, nil
	}
	if err != nil {
		return m, false, false, err
	}
	bm := parley.BlockedMessage{BlockID: b.ID, ContactID: ident.ContactID, IdentityID: ident.ID, Text: m.Text,
		Files: m.Files, ClientID: m.ClientID, DedupeKey: m.DedupeKey, CreatedAt: now}
	err = tx.AddBlockedMessage(ctx, &bm)
	created = err == nil
	if parley.IsCode(err, parley.CodeConflict) {
		bm, err = tx.BlockedMessageByDedupeKey(ctx, bm.DedupeKey)
	}
	if err != nil {
		return m, false, true, err
	}
	return parley.Message{Author: parley.Actor{Kind: parley.ActorContact, ID: bm.ContactID}, Kind: parley.MessageText,
		Text: bm.Text, ClientID: bm.ClientID, CreatedAt: bm.CreatedAt, Files: bm.Files}, created, true, nil
}
