package core

import (
	"context"
	"time"

	"parley"
)

// VisitorSend takes a widget visitor's message: into their open chat, or a new one (R2.1).
func (s *Service) VisitorSend(ctx context.Context, v VisitorAuth, in SendInput) (SendResult, error) {
	if err := in.check(); err != nil {
		return SendResult{}, err
	}
	var res SendResult
	ctx = parley.WithReadAhead(ctx, parley.ReadAhead{OpenChatOf: v.IdentityID})
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		m := parley.Message{Author: parley.Actor{Kind: parley.ActorContact}, Kind: parley.MessageText,
			Text: in.Text, ClientID: in.ClientID, DedupeKey: dedupeKey(parley.ActorContact, v.IdentityID, in.ClientID)}
		files, err := s.visitorFiles(ctx, tx, v, in.FileIDs)
		if err != nil {
			res, err = s.retried(ctx, tx, m.DedupeKey, err)
			return err
		}
		m.Files = files
		res.Message, res.Created, err = s.receive(ctx, tx, now, v.IdentityID, m)
		return err
	})
	return res, err
}

// visitorFiles checks the files a visitor sends, which are uploads of their contact.
func (s *Service) visitorFiles(ctx context.Context, tx parley.Tx, v VisitorAuth, ids []string) ([]parley.Attachment, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	ident, err := tx.Identity(ctx, v.IdentityID)
	if err != nil {
		return nil, err
	}
	return sendFiles(ctx, tx, parley.Actor{Kind: parley.ActorContact, ID: ident.ContactID}, ids)
}

// receive stores a message from a contact identity into its open chat, or creates a
// new chat, greets it and routes it (R2.1, R5.1). A repeated delivery returns the first
// message and changes nothing. This is the hot path of every inbound message, so the
// common case, an open chat, costs three statements: find the chat, insert, update it.
func (s *Service) receive(ctx context.Context, tx parley.Tx, now time.Time, identityID int64, m parley.Message) (parley.Message, bool, error) {
	c, err := tx.OpenChat(ctx, identityID)
	if err == nil {
		m.Author.ID = c.ContactID
		return s.appendOnce(ctx, tx, now, &c, m)
	}
	if !parley.IsCode(err, parley.CodeNotFound) {
		return m, false, err
	}
	// Before creating a chat, look for a first delivery that went into a chat completed since.
	if first, found, err := s.firstDelivery(ctx, tx, m.DedupeKey); err != nil || found {
		return first, false, err
	}
	ident, err := tx.Identity(ctx, identityID)
	if err != nil {
		return m, false, err
	}
	// A block completes the open chats it stops, so it is looked for only here (R3.5).
	if kept, created, held, err := s.withhold(ctx, tx, now, ident, m); err != nil || held {
		return kept, created, err
	}
	if c, err = s.newChat(ctx, tx, now, ident); err != nil {
		return m, false, err
	}
	m.Author.ID = c.ContactID
	if err := s.addMessage(ctx, tx, now, &c, &m); err != nil {
		return m, false, err
	}
	return m, true, s.route(ctx, tx, now, c.QueueID)
}

// appendOnce adds m to the chat unless its dedupe key is taken, in which case the
// insert does nothing and the first delivery is returned instead.
func (s *Service) appendOnce(ctx context.Context, tx parley.Tx, now time.Time, c *parley.Chat, m parley.Message) (parley.Message, bool, error) {
	err := s.addMessage(ctx, tx, now, c, &m)
	if parley.IsCode(err, parley.CodeConflict) {
		if first, found, ferr := s.firstDelivery(ctx, tx, m.DedupeKey); ferr != nil || found {
			return first, false, ferr
		}
	}
	return m, err == nil, err
}

// firstDelivery finds the message already stored under a dedupe key.
func (s *Service) firstDelivery(ctx context.Context, tx parley.Tx, key string) (parley.Message, bool, error) {
	if key == "" {
		return parley.Message{}, false, nil
	}
	m, err := tx.MessageByDedupeKey(ctx, key)
	if parley.IsCode(err, parley.CodeNotFound) {
		return m, false, nil
	}
	return m, err == nil, err
}

// newChat creates a waiting chat for the identity in its channel's queue, with the
// channel's welcome message.
func (s *Service) newChat(ctx context.Context, tx parley.Tx, now time.Time, ident parley.Identity) (parley.Chat, error) {
	ch, err := tx.Channel(ctx, ident.ChannelID)
	if err != nil {
		return parley.Chat{}, err
	}
	if !ch.Active {
		return parley.Chat{}, parley.Errorf(parley.CodeForbidden, "this chat channel is switched off")
	}
	c, err := s.createChat(ctx, tx, now, ident, ch, parley.Actor{Kind: parley.ActorContact, ID: ident.ContactID})
	if err != nil {
		return c, err
	}
	if ch.WelcomeMessage != "" {
		w := parley.Message{Author: parley.SystemActor, Kind: parley.MessageWelcome, Text: ch.WelcomeMessage}
		if err := s.addMessage(ctx, tx, now, &c, &w); err != nil {
			return c, err
		}
	}
	return c, nil
}

// createChat stores a waiting chat of the identity on the channel, with its
// queue's time limits, and emits chat.created.
func (s *Service) createChat(ctx context.Context, tx parley.Tx, now time.Time, ident parley.Identity, ch parley.Channel, by parley.Actor) (parley.Chat, error) {
	contact, err := tx.Contact(ctx, ident.ContactID)
	if err != nil {
		return parley.Chat{}, err
	}
	q, err := tx.Queue(ctx, ch.QueueID)
	if err != nil {
		return parley.Chat{}, err
	}
	c := parley.Chat{ChannelID: ch.ID, ChannelType: ch.Type, IdentityID: ident.ID, ContactID: contact.ID, QueueID: ch.QueueID,
		State: parley.ChatWaiting, Name: contact.Name, CreatedAt: now, StateChangedAt: now, StateChangedBy: by, UpdatedAt: now}
	startChatLimits(q, &c, now)
	if err := tx.CreateChat(ctx, &c); err != nil {
		return c, err
	}
	if err := startChatTimers(ctx, tx, q, c); err != nil {
		return c, err
	}
	emit(tx, now, chatEvent(parley.EventChatCreated, c))
	return c, nil
}

// VisitorComplete ends the visitor's open chat (R2.5).
func (s *Service) VisitorComplete(ctx context.Context, v VisitorAuth) (parley.Chat, error) {
	var out parley.Chat
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := tx.OpenChat(ctx, v.IdentityID)
		if parley.IsCode(err, parley.CodeNotFound) {
			return parley.Errorf(parley.CodeConflict, "there is no open chat to complete")
		}
		if err != nil {
			return err
		}
		ident, err := tx.Identity(ctx, v.IdentityID)
		if err != nil {
			return err
		}
		out = c
		return s.complete(ctx, tx, now, &out, parley.Actor{Kind: parley.ActorContact, ID: ident.ContactID})
	})
	return out, err
}

// VisitorChats lists the visitor's own chats, newest first.
func (s *Service) VisitorChats(ctx context.Context, v VisitorAuth, before int64, limit int) (ChatPage, error) {
	return s.Chats(ctx, v.Viewer(), ChatQuery{Before: before, Limit: limit})
}

// VisitorTyping tells the team the visitor is typing in their open chat.
func (s *Service) VisitorTyping(ctx context.Context, v VisitorAuth) error {
	c, err := s.store.OpenChat(ctx, v.IdentityID)
	if err != nil {
		return err
	}
	return s.Typing(ctx, v.Viewer(), c.ID)
}
