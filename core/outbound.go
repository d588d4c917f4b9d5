package core

import (
	"context"
	"strconv"
	"time"

	"parley"
)

// OutboundInput starts a chat with a contact on one of its identities: the
// agent picks the channel to write through (R2.21, R3.8).
type OutboundInput struct {
	IdentityID int64  `json:"identity_id"`
	ClientID   string `json:"client_id"`
	Text       string `json:"text"`
}

// OutboundResult is the chat started and its first message.
type OutboundResult struct {
	Chat    parley.Chat    `json:"chat"`
	Message parley.Message `json:"message"`
}

// StartChat starts a chat with a contact on an identity, in progress and the
// agent's, with the agent's first message, when the channel is active, the
// contact has written through it before, and, on Messenger and WhatsApp, their
// last message there is under 24 hours old. Otherwise the error says which
// condition fails.
func (s *Service) StartChat(ctx context.Context, by parley.Agent, contactID int64, in OutboundInput) (OutboundResult, error) {
	send := SendInput{ClientID: in.ClientID, Text: in.Text}
	if err := send.check(); err != nil {
		return OutboundResult{}, err
	}
	in.Text = send.Text // as checked: trimmed like any message
	var out OutboundResult
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		ident, ch, err := s.outboundIdentity(ctx, tx, now, contactID, in.IdentityID)
		if err != nil {
			return err
		}
		c, err := s.createChat(ctx, tx, now, ident, ch, parley.Actor{Kind: parley.ActorAgent, ID: by.ID})
		if err != nil {
			return err
		}
		if err := s.assign(ctx, tx, now, &c, by.ID, parley.Actor{Kind: parley.ActorAgent, ID: by.ID}); err != nil {
			return err
		}
		author := parley.Actor{Kind: parley.ActorAgent, ID: by.ID}
		m := parley.Message{Author: author, Kind: parley.MessageText, Text: in.Text, ClientID: in.ClientID,
			DedupeKey: dedupeKey(author.Kind, by.ID, "outbound:"+strconv.FormatInt(ident.ID, 10)+":"+in.ClientID)}
		if err := s.addMessage(ctx, tx, now, &c, &m); err != nil {
			return err
		}
		out = OutboundResult{Chat: c, Message: m}
		return nil
	})
	return out, err
}

// outboundIdentity loads the contact's identity and its channel, and checks the
// conditions of R2.21 in their order.
func (s *Service) outboundIdentity(ctx context.Context, tx parley.Tx, now time.Time, contactID, identityID int64) (parley.Identity, parley.Channel, error) {
	ident, err := tx.Identity(ctx, identityID)
	if err != nil || ident.ContactID != contactID {
		return ident, parley.Channel{}, parley.Errorf(parley.CodeInvalid, "identity_id must name an identity of contact %d", contactID)
	}
	ch, err := tx.Channel(ctx, ident.ChannelID)
	if err != nil {
		return ident, ch, err
	}
	if !ch.Active {
		return ident, ch, parley.Errorf(parley.CodeConflict, "the channel %q is not active", ch.Name)
	}
	if b, err := tx.HoldingBlock(ctx, ident.ID, ident.ContactID, now); err == nil {
		return ident, ch, parley.Errorf(parley.CodeConflict, "the contact is blocked on this channel (block %d): lift the block first", b.ID)
	} else if !parley.IsCode(err, parley.CodeNotFound) {
		return ident, ch, err
	}
	if open, err := tx.OpenChat(ctx, ident.ID); err == nil {
		return ident, ch, parley.Errorf(parley.CodeConflict, "the contact already has chat %d open on this channel: write there", open.ID)
	} else if !parley.IsCode(err, parley.CodeNotFound) {
		return ident, ch, err
	}
	last, err := s.lastContactMessage(ctx, tx, ident.ID)
	if err != nil {
		return ident, ch, err
	}
	if last.IsZero() {
		return ident, ch, parley.Errorf(parley.CodeConflict, "the contact has never written through %q", ch.Name)
	}
	if w, _ := ch.Type.ReplyWindows(); w > 0 && now.Sub(last) >= w {
		return ident, ch, parley.Errorf(parley.CodeConflict, "the contact's last message on %q is over %d hours old", ch.Name, int(w.Hours()))
	}
	if ident.Unreachable != "" {
		return ident, ch, parley.Errorf(parley.CodeConflict, "the contact cannot be written to on %q: %s", ch.Name, ident.Unreachable)
	}
	return ident, ch, nil
}

// lastContactMessage is when the identity last wrote, zero when it never did.
func (s *Service) lastContactMessage(ctx context.Context, tx parley.ChatReader, identityID int64) (time.Time, error) {
	chats, err := tx.Chats(ctx, parley.ChatFilter{IdentityID: identityID, Limit: 50})
	if err != nil {
		return time.Time{}, err
	}
	for _, c := range chats { // newest first: the first with a contact message holds the last
		if c.LastContactSeq == 0 {
			continue
		}
		msgs, err := tx.Messages(ctx, parley.MessageFilter{ChatID: c.ID, AfterSeq: c.LastContactSeq - 1, Limit: 1})
		if err != nil || len(msgs) == 0 {
			return time.Time{}, err
		}
		return msgs[0].CreatedAt, nil
	}
	return time.Time{}, nil
}
