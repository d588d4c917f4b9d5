package core

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"parley"
)

// channelKeyPrefix begins the dedupe key of every message a channel's provider
// delivered; the rest is the provider's own id of the message (DESIGN 3).
func channelKeyPrefix(channelID int64) string { return "ch:" + strconv.FormatInt(channelID, 10) + ":" }

// TakeWebhook stores what one provider delivery carries, in one transaction:
// messages and edits, delivery statuses and changes of reachability. A
// repeated delivery changes nothing. Media are fetched afterwards by jobs.
func (s *Service) TakeWebhook(ctx context.Context, ch parley.Channel, res parley.WebhookResult) error {
	if len(res.Inbound)+len(res.Statuses)+len(res.Reachable) == 0 {
		return nil
	}
	// The sender's identity is read once, before the write, to name the chat
	// the write reads (which a store may read for many writes at once).
	var ahead parley.ReadAhead
	var known *parley.Identity
	if len(res.Inbound) == 1 && !res.Inbound[0].Edit {
		if ident, err := s.store.IdentityByExternal(ctx, ch.ID, res.Inbound[0].Sender.ExternalID); err == nil {
			ahead.OpenChatOf, known = ident.ID, &ident
		}
	}
	return s.write(parley.WithReadAhead(ctx, ahead), func(tx parley.Tx, now time.Time) error {
		for _, in := range res.Inbound {
			if _, _, err := s.receiveInbound(ctx, tx, now, ch, in, known); err != nil {
				return err
			}
		}
		for _, u := range res.Statuses {
			if err := s.takeStatus(ctx, tx, now, ch, u); err != nil {
				return err
			}
		}
		for _, r := range res.Reachable {
			if err := s.takeReach(ctx, tx, now, ch, r); err != nil {
				return err
			}
		}
		return nil
	})
}

// ChannelReceive stores one message read from a polled channel (a mailbox).
func (s *Service) ChannelReceive(ctx context.Context, ch parley.Channel, in parley.Inbound) (parley.Message, bool, error) {
	var m parley.Message
	var created bool
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		var err error
		m, created, err = s.receiveInbound(ctx, tx, now, ch, in, nil)
		return err
	})
	return m, created, err
}

// receiveInbound stores one inbound message, or an edit of one, from its
// sender's identity, which is created with its contact on first contact (R3.1).
// known, when set, is the sender's identity as read before the write.
func (s *Service) receiveInbound(ctx context.Context, tx parley.Tx, now time.Time, ch parley.Channel, in parley.Inbound, known *parley.Identity) (parley.Message, bool, error) {
	if in.ExternalID == "" || in.Sender.ExternalID == "" {
		return parley.Message{}, false, parley.Errorf(parley.CodeInvalid, "a message without its id or its sender's")
	}
	key := channelKeyPrefix(ch.ID) + in.ExternalID
	if in.Edit {
		if m, found, err := s.editInbound(ctx, tx, now, key, in); err != nil || found {
			return m, false, err
		}
		// An edit of a message never seen is kept as the message it now is.
	}
	ident, isNew, err := s.senderIdentity(ctx, tx, now, ch, in.Sender, known)
	if err != nil {
		return parley.Message{}, false, err
	}
	m := parley.Message{Author: parley.Actor{Kind: parley.ActorContact}, Kind: parley.MessageText, Text: inboundText(in),
		DedupeKey: key, MessageExtra: parley.MessageExtra{Location: in.Location, Card: in.Card, Subject: in.Subject}}
	m, created, err := s.receive(ctx, tx, now, ident.ID, m)
	if err != nil || !created {
		return m, created, err
	}
	if len(in.Media) > 0 && m.ChatID != 0 {
		if err := addFetchJob(ctx, tx, now, parley.JobFetch, ch.ID, m, 0, in.Media); err != nil {
			return m, created, err
		}
	}
	if isNew {
		return m, created, s.askAboutSender(ctx, tx, now, ch, ident, in.Sender)
	}
	return m, created, nil
}

// askAboutSender queues the jobs that complete a new contact after the
// commit: their photo, and their name where the message did not carry it.
func (s *Service) askAboutSender(ctx context.Context, tx parley.Tx, now time.Time, ch parley.Channel, ident parley.Identity, who parley.Sender) error {
	if who.Avatar != nil {
		if err := addFetchJob(ctx, tx, now, parley.JobAvatar, ch.ID, parley.Message{}, ident.ContactID, *who.Avatar); err != nil {
			return err
		}
	}
	if _, asks := s.cfg.Providers[ch.Type].(parley.ProfileReader); asks && who.Name == "" {
		return addFetchJob(ctx, tx, now, parley.JobProfile, ch.ID, parley.Message{}, ident.ContactID, who.ExternalID)
	}
	return nil
}

// inboundText is what a message says in words: its text, else a line for
// what it carries, so lists and search show something.
func inboundText(in parley.Inbound) string {
	text := strings.TrimSpace(in.Text)
	switch {
	case text != "":
	case in.Location != nil:
		text = fmt.Sprintf("📍 %.6f, %.6f %s", in.Location.Latitude, in.Location.Longitude, in.Location.Name)
	case in.Card != nil:
		text = "👤 " + in.Card.Name + " " + strings.Join(in.Card.Phones, ", ")
	}
	return clip(strings.TrimSpace(text), parley.MaxMessageText)
}

// addFetchJob adds the job that downloads media into the file store.
func addFetchJob(ctx context.Context, tx parley.Tx, now time.Time, kind parley.JobKind, channelID int64, m parley.Message, contactID int64, payload any) error {
	b, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("fetch job payload: %w", err)
	}
	return tx.AddJob(ctx, &parley.ChannelJob{Kind: kind, ChannelID: channelID, ChatID: m.ChatID, MessageID: m.ID,
		ContactID: contactID, Payload: string(b), DueAt: now, CreatedAt: now})
}

// editInbound records a new version of a message the contact sent.
func (s *Service) editInbound(ctx context.Context, tx parley.Tx, now time.Time, key string, in parley.Inbound) (parley.Message, bool, error) {
	m, found, err := s.firstDelivery(ctx, tx, key)
	if err != nil || !found {
		return m, false, err
	}
	text := inboundText(in)
	if text == m.Text {
		return m, true, nil // a repeated delivery of the edit
	}
	if err := tx.EditMessage(ctx, m.ID, text, now); err != nil {
		return m, true, err
	}
	m.Text, m.EditedAt = text, now
	return m, true, s.emitMessageUpdated(ctx, tx, now, m)
}

// senderIdentity is channelIdentity, skipping its read when the identity was
// read before the write. Only the identity's id and reachability are used
// from it, which a merge meanwhile does not change.
func (s *Service) senderIdentity(ctx context.Context, tx parley.Tx, now time.Time, ch parley.Channel, who parley.Sender, known *parley.Identity) (parley.Identity, bool, error) {
	if known != nil && known.ExternalID == who.ExternalID && known.Unreachable == "" {
		return *known, false, nil
	}
	return s.channelIdentity(ctx, tx, now, ch, who)
}

// channelIdentity finds the sender's identity on the channel, or creates it
// with a contact made of what the provider told: name, phone, e-mail (R3.1).
func (s *Service) channelIdentity(ctx context.Context, tx parley.Tx, now time.Time, ch parley.Channel, who parley.Sender) (parley.Identity, bool, error) {
	ident, err := tx.IdentityByExternal(ctx, ch.ID, who.ExternalID)
	if err == nil {
		if ident.Unreachable != "" { // they wrote, so they can be written to again
			return ident, false, s.setReach(ctx, tx, now, ident.ID, true, "")
		}
		return ident, false, nil
	}
	if !parley.IsCode(err, parley.CodeNotFound) {
		return ident, false, err
	}
	contact := parley.Contact{Name: clip(strings.TrimSpace(who.Name), 200), Phone: who.Phone, Email: strings.ToLower(who.Email),
		CreatedAt: now, UpdatedAt: now}
	if contact.Name == "" {
		contact.Name = cmp.Or(who.Phone, who.Email, placeholderName(ch, who.ExternalID))
	}
	rules, err := duplicateRules(ctx, tx)
	if err != nil {
		return ident, false, err
	}
	contact.MatchKeys(rules.PhoneRegion)
	if err := tx.CreateContact(ctx, &contact); err != nil {
		return ident, false, err
	}
	ident = parley.Identity{ContactID: contact.ID, ChannelID: ch.ID, ExternalID: who.ExternalID, Name: contact.Name,
		CreatedAt: now, UpdatedAt: now}
	return ident, true, tx.CreateIdentity(ctx, &ident)
}

// takeStatus applies a provider's delivery status to the message it names, or
// keeps it until the send that it is about is recorded.
func (s *Service) takeStatus(ctx context.Context, tx parley.Tx, now time.Time, ch parley.Channel, u parley.StatusUpdate) error {
	if !u.Status.Valid() || u.ExternalID == "" {
		return nil
	}
	if psid, ok := strings.CutPrefix(u.ExternalID, watermarkPrefix); ok {
		return s.readUpTo(ctx, tx, now, ch, psid, u.At)
	}
	m, err := tx.MessageByRef(ctx, ch.ID, u.ExternalID)
	if parley.IsCode(err, parley.CodeNotFound) {
		return tx.AddEarlyStatus(ctx, ch.ID, u)
	}
	if err != nil {
		return err
	}
	_, err = s.applyStatuses(ctx, tx, now, m, u)
	return err
}

// watermarkPrefix marks a read receipt that names no message but a time
// (Messenger): everything sent to the user up to then is read.
const watermarkPrefix = "watermark:"

// readUpTo marks as read the messages sent to the user's open chat up to at.
func (s *Service) readUpTo(ctx context.Context, tx parley.Tx, now time.Time, ch parley.Channel, externalID string, at time.Time) error {
	ident, err := tx.IdentityByExternal(ctx, ch.ID, externalID)
	if parley.IsCode(err, parley.CodeNotFound) {
		return nil // a read receipt of someone never seen tells nothing
	}
	if err != nil {
		return err
	}
	c, err := tx.OpenChat(ctx, ident.ID)
	if parley.IsCode(err, parley.CodeNotFound) {
		return nil // nothing open to have read
	}
	if err != nil {
		return err
	}
	msgs, err := tx.Messages(ctx, parley.MessageFilter{ChatID: c.ID, BeforeSeq: c.LastSeq + 1, Limit: 100})
	if err != nil {
		return err
	}
	for _, m := range msgs {
		if m.Delivery != "" && m.Delivery != parley.DeliveryQueued && !m.CreatedAt.After(at) {
			if err := advanceDelivery(ctx, tx, now, c, m, parley.StatusUpdate{Status: parley.DeliveryRead, At: at}); err != nil {
				return err
			}
		}
	}
	return nil
}

// takeReach records that a user can, or cannot, be written to.
func (s *Service) takeReach(ctx context.Context, tx parley.Tx, now time.Time, ch parley.Channel, r parley.ReachChange) error {
	ident, err := tx.IdentityByExternal(ctx, ch.ID, r.ExternalID)
	if parley.IsCode(err, parley.CodeNotFound) {
		if !r.Reachable {
			return nil
		}
		sender := r.Sender
		sender.ExternalID = r.ExternalID
		_, _, err = s.channelIdentity(ctx, tx, now, ch, sender) // subscribed: known from now on
		return err
	}
	if err != nil {
		return err
	}
	return s.setReach(ctx, tx, now, ident.ID, r.Reachable, r.Reason)
}

// setReach marks the identity reachable or not, and tells the staff.
func (s *Service) setReach(ctx context.Context, tx parley.Tx, now time.Time, identityID int64, reachable bool, reason string) error {
	ident, err := tx.Identity(ctx, identityID)
	if err != nil {
		return err
	}
	want := ""
	if !reachable {
		want = cmp.Or(reason, "the provider says the user cannot be reached")
	}
	if ident.Unreachable == want {
		return nil
	}
	ident.Unreachable, ident.UpdatedAt = want, now
	if err := tx.UpdateIdentity(ctx, ident); err != nil {
		return err
	}
	emit(tx, now, parley.NewEvent(parley.EventIdentityUpdated, parley.AudienceStaff, ident))
	return nil
}

// Webhook takes one delivery to the channel whose webhook key it names: the
// provider checks it and reads it, and what it carries is stored before the
// answer, so that an answer of 200 means nothing of it can be lost.
func (s *Service) Webhook(ctx context.Context, key string, req parley.WebhookRequest) (parley.WebhookResult, error) {
	ch, err := s.hookChannel(ctx, key)
	if err != nil || ch.HookPath() == "" {
		return parley.WebhookResult{}, parley.NotFound("webhook")
	}
	prov, err := s.provider(ch.Type)
	if err != nil {
		return parley.WebhookResult{}, parley.NotFound("webhook")
	}
	res, err := prov.Webhook(ctx, ch, req)
	if err != nil {
		return res, err
	}
	if !ch.Active {
		return res, parley.Errorf(parley.CodeForbidden, "the channel is switched off")
	}
	return res, s.TakeWebhook(ctx, ch, res)
}
