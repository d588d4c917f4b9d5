package core

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"parley"
)

// chatAudience is who follows a chat's changes: its visitor, its queue and its agent.
const chatAudience = parley.AudienceVisitor | parley.AudienceQueue | parley.AudienceAgent

// chatAgent is the agent a chat event is addressed to: the owner, else the invited one.
func chatAgent(c parley.Chat) int64 {
	if c.OwnerID != 0 {
		return c.OwnerID
	}
	return c.OfferedTo
}

func chatEvent(kind parley.EventKind, c parley.Chat) parley.Event {
	return parley.ChatEvent(kind, chatAudience, c, chatAgent(c), c)
}

// visibleChat loads a chat the viewer may see; any other chat is not found for them.
func (s *Service) visibleChat(ctx context.Context, r parley.ChatReader, v parley.Viewer, id int64) (parley.Chat, error) {
	c, err := r.Chat(ctx, id)
	if err != nil {
		return c, err
	}
	if !v.CanSeeChat(c) {
		return parley.Chat{}, parley.NotFound("chat")
	}
	return c, nil
}

// Chat returns one chat the viewer may see.
func (s *Service) Chat(ctx context.Context, v parley.Viewer, id int64) (parley.Chat, error) {
	return s.visibleChat(ctx, s.store, v, id)
}

// ChatQuery selects a page of chats.
type ChatQuery struct {
	States  []parley.ChatState
	QueueID int64
	OwnerID int64
	// ContactID lists one contact's chats, every channel's (R2.19).
	ContactID int64
	// Deleted lists the deleted chats instead (R2.18).
	Deleted bool
	// Unread keeps the chats with contact messages the viewer has not read (R2.7).
	Unread bool
	Before int64 // cursor: chats with a smaller id
	Limit  int
}

// ChatPage is one page of chats, newest first; Next is the cursor of the next page (0 at the end).
type ChatPage struct {
	Chats []parley.Chat `json:"chats"`
	Next  int64         `json:"next,omitempty"`
	// Unread counts, for an agent, the contact's messages past their read marker
	// in each chat of the page that has any.
	Unread map[int64]int `json:"unread,omitempty"`
	// Participating lists the chats of the page the agent takes part in (R2.14),
	// which their My list holds beside those they own.
	Participating []int64 `json:"participating,omitempty"`
}

// check refuses a query of an unknown state, or of deleted chats without a right over them.
func (q ChatQuery) check(v parley.Viewer) error {
	for _, s := range q.States {
		if !s.Valid() {
			return parley.Errorf(parley.CodeInvalid, "state %q is not one of waiting, in_progress, completed", s)
		}
	}
	if q.Deleted && !v.SeesDeleted {
		return parley.Errorf(parley.CodeForbidden, "listing deleted chats needs a right over them")
	}
	return nil
}

// filter is the store's filter for q, within what v may see.
func (q ChatQuery) filter(v parley.Viewer) parley.ChatFilter {
	f := parley.ChatFilter{States: q.States, OwnerID: q.OwnerID, ContactID: q.ContactID, BeforeID: q.Before,
		Limit: q.Limit, Scope: &v, Deleted: q.Deleted}
	if q.Unread {
		f.UnreadBy = v.AgentID
	}
	if q.QueueID != 0 {
		f.QueueIDs = []int64{q.QueueID}
	}
	return f
}

// Chats lists the chats the viewer may see.
func (s *Service) Chats(ctx context.Context, v parley.Viewer, q ChatQuery) (ChatPage, error) {
	if err := q.check(v); err != nil {
		return ChatPage{}, err
	}
	q.Limit = clampLimit(q.Limit, 50, 500)
	chats, err := s.store.Chats(ctx, q.filter(v))
	if err != nil {
		return ChatPage{}, err
	}
	page := ChatPage{Chats: chats}
	for _, c := range chats {
		if v.InChat(c.ID) {
			page.Participating = append(page.Participating, c.ID)
		}
	}
	if page.Unread, err = s.unreadOf(ctx, v, chats); err != nil {
		return ChatPage{}, err
	}
	if len(chats) == q.Limit {
		page.Next = chats[len(chats)-1].ID
	}
	return page, nil
}

func clampLimit(n, def, max int) int {
	if n <= 0 {
		return def
	}
	return min(n, max)
}

// MessagePage is one page of a chat's messages in seq order.
type MessagePage struct {
	Messages []parley.Message `json:"messages"`
}

// Messages lists a chat's messages for the viewer; visitors never see internal ones.
func (s *Service) Messages(ctx context.Context, v parley.Viewer, f parley.MessageFilter) (MessagePage, error) {
	if _, err := s.visibleChat(ctx, s.store, v, f.ChatID); err != nil {
		return MessagePage{}, err
	}
	f.Limit = clampLimit(f.Limit, 100, 1000)
	f.IncludeInternal = !v.IsVisitor()
	msgs, err := s.store.Messages(ctx, f)
	return MessagePage{Messages: msgs}, err
}

// SendInput is a message a client sends, with the client's own id for idempotency.
type SendInput struct {
	ClientID string `json:"client_id"`
	Text     string `json:"text"`
	// FileIDs are the sender's own uploads, not sent yet; with files, the text may be empty.
	FileIDs []string `json:"file_ids,omitempty"`
	// Template is an approved template to send instead of free text (WhatsApp
	// outside its 24-hour window); the text is then the filled template.
	Template *parley.TemplateUse `json:"template,omitempty"`
}

func (in *SendInput) check() error {
	if err := parley.CheckClientID(in.ClientID); err != nil {
		return err
	}
	if err := checkFileIDs(in.FileIDs); err != nil {
		return err
	}
	if in.Template != nil {
		if in.Template.Name == "" || len(in.Template.Params) > 20 {
			return parley.Errorf(parley.CodeInvalid, "a template needs its name and at most 20 parameters")
		}
		in.Text = ""
		return nil
	}
	if len(in.FileIDs) > 0 && strings.TrimSpace(in.Text) == "" {
		in.Text = ""
		return nil
	}
	text, err := parley.CheckText(in.Text)
	in.Text = text
	return err
}

func checkFileIDs(ids []string) error {
	if len(ids) > parley.MaxMessageFiles {
		return parley.Errorf(parley.CodeInvalid, "a message carries at most %d files, not %d", parley.MaxMessageFiles, len(ids))
	}
	for i, id := range ids {
		if slices.Contains(ids[:i], id) {
			return parley.Errorf(parley.CodeInvalid, "file %.40q is named twice", id)
		}
	}
	return nil
}

// dedupeKey scopes a client's message id to its sender (and, for agents, who write
// into many chats, to the chat), so that one sender's retry never matches another's message.
func dedupeKey(kind parley.ActorKind, id int64, clientID string) string {
	return string(kind) + ":" + strconv.FormatInt(id, 10) + ":" + clientID
}

// SendResult is a stored message; Created is false when it was a repeated delivery.
type SendResult struct {
	Message parley.Message `json:"message"`
	Created bool           `json:"created"`
}

// AgentSend sends the owner's message into an open chat.
func (s *Service) AgentSend(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64, in SendInput) (SendResult, error) {
	if err := in.check(); err != nil {
		return SendResult{}, err
	}
	author := parley.Actor{Kind: parley.ActorAgent, ID: by.ID}
	key := dedupeKey(author.Kind, by.ID, strconv.FormatInt(chatID, 10)+":"+in.ClientID)
	var res SendResult
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.visibleChat(ctx, tx, v, chatID)
		if err == nil {
			err = canWrite(c, by, v)
		}
		var files []parley.Attachment
		if err == nil {
			files, err = sendFiles(ctx, tx, author, in.FileIDs)
		}
		if err != nil {
			res, err = s.retried(ctx, tx, key, err)
			return err
		}
		m := parley.Message{Author: author, Kind: parley.MessageText, Text: in.Text, ClientID: in.ClientID, DedupeKey: key, Files: files,
			MessageExtra: parley.MessageExtra{Template: in.Template}}
		if err := s.checkWindow(ctx, tx, now, c, &m); err != nil {
			res, err = s.retried(ctx, tx, key, err)
			return err
		}
		if res.Message, res.Created, err = s.appendOnce(ctx, tx, now, &c, m); err != nil {
			return err
		}
		return tx.DeleteDraft(ctx, by.ID, chatID) // what was typed is sent now (R2.10)
	})
	return res, err
}

// retried answers a refused message with its first delivery, when it is a retry
// of one stored before the chat changed (or before its files counted as sent);
// otherwise with the refusal.
func (s *Service) retried(ctx context.Context, tx parley.Tx, key string, refusal error) (SendResult, error) {
	first, found, err := s.firstDelivery(ctx, tx, key)
	if err == nil && found {
		return SendResult{Message: first}, nil
	}
	return SendResult{}, refusal
}

// canWrite says whether the agent may write into the chat now: its owner or a
// participant (R2.14).
func canWrite(c parley.Chat, by parley.Agent, v parley.Viewer) error {
	if !c.Open() {
		return parley.Errorf(parley.CodeConflict, "the chat is completed")
	}
	if c.OwnerID != by.ID && !v.InChat(c.ID) {
		return parley.Errorf(parley.CodeForbidden, "only the chat's owner or a participant may write in it; accept it first")
	}
	return nil
}

// addMessage appends m to the chat with the next sequence number.
func (s *Service) addMessage(ctx context.Context, tx parley.Tx, now time.Time, c *parley.Chat, m *parley.Message) error {
	c.LastSeq++
	c.UpdatedAt = now
	m.ChatID, m.Seq, m.CreatedAt = c.ID, c.LastSeq, now
	if m.Author.Kind == parley.ActorContact {
		c.LastContactSeq = m.Seq
	}
	deliver := needsDelivery(*c, *m)
	if deliver {
		m.Delivery = parley.DeliveryQueued
	}
	if err := tx.AddMessage(ctx, m); err != nil {
		return err
	}
	if deliver {
		if err := enqueueSend(ctx, tx, now, *c, *m); err != nil {
			return err
		}
	}
	dueChanged, err := s.trackReplies(ctx, tx, now, c, m)
	if err != nil {
		return err
	}
	if err := tx.AttachFiles(ctx, c.ID, m.ID, attachmentIDs(m.Files)); err != nil {
		return err
	}
	if err := tx.SaveChat(ctx, c); err != nil {
		return err
	}
	aud := chatAudience
	if m.Internal {
		aud &^= parley.AudienceVisitor
	}
	emit(tx, now, parley.ChatEvent(parley.EventMessageCreated, aud, *c, chatAgent(*c), m))
	if dueChanged {
		emit(tx, now, parley.ChatEvent(parley.EventChatSLAChanged, parley.AudienceQueue|parley.AudienceAgent, *c, chatAgent(*c), *c))
	}
	return nil
}

// systemMessage records a change of the chat in it, for both sides to see.
func systemMessage(code, text string) parley.Message {
	return parley.Message{Author: parley.SystemActor, Kind: parley.MessageSystem, Code: code, Text: text}
}

// Accept makes the agent the owner of a chat offered to them (R2.3).
func (s *Service) Accept(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64) (parley.Chat, error) {
	var out parley.Chat
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.visibleChat(ctx, tx, v, chatID)
		if err != nil {
			return err
		}
		if c.OpenOffer {
			err = s.acceptOpenOffer(ctx, tx, now, &c, by.ID)
		} else if err = c.Accept(by.ID, now); err == nil {
			err = s.takeChat(ctx, tx, now, &c, by.ID)
		}
		out = c
		return err
	})
	return out, err
}

// Decline passes on an invitation; the chat goes to the next available agent (R2.3).
func (s *Service) Decline(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64) error {
	return s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.visibleChat(ctx, tx, v, chatID)
		if err != nil {
			return err
		}
		if c.OpenOffer {
			return s.declineOpenOffer(ctx, tx, now, c, by.ID, "declined")
		}
		return s.endOffer(ctx, tx, now, &c, by.ID, "declined")
	})
}

// Complete ends a chat (R2.5): its owner, or a supervisor or admin, may do it.
func (s *Service) Complete(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64) (parley.Chat, error) {
	var out parley.Chat
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.visibleChat(ctx, tx, v, chatID)
		if err != nil {
			return err
		}
		if c.Open() && c.OwnerID != by.ID && !by.Role.SeesAll() {
			return parley.Errorf(parley.CodeForbidden, "only the chat's owner or a supervisor may complete it")
		}
		out = c
		return s.complete(ctx, tx, now, &out, parley.Actor{Kind: parley.ActorAgent, ID: by.ID})
	})
	return out, err
}

// complete ends the chat and gives the freed places to waiting chats.
func (s *Service) complete(ctx context.Context, tx parley.Tx, now time.Time, c *parley.Chat, by parley.Actor) error {
	owner, invited := c.OwnerID, c.OfferedTo
	if c.OpenOffer && c.Open() {
		if err := s.endOpenOffer(ctx, tx, now, c, 0, "withdrawn"); err != nil {
			return err
		}
	}
	if err := c.Complete(by, now); err != nil {
		return err
	}
	note := systemMessage(parley.SystemChatCompleted, "The chat was completed.")
	if err := s.addMessage(ctx, tx, now, c, &note); err != nil { // saves the chat too
		return err
	}
	emit(tx, now, chatEvent(parley.EventChatCompleted, *c))
	if err := s.tellFollowers(ctx, tx, now, *c, followedBy(parley.ChangeCompleted, by)); err != nil {
		return err
	}
	for _, agent := range []int64{owner, invited} {
		if agent != 0 {
			if err := s.routeAgentQueues(ctx, tx, now, agent); err != nil {
				return err
			}
		}
	}
	return nil
}

// typingData is what a typing indicator says.
type typingData struct {
	ChatID int64        `json:"chat_id"`
	Actor  parley.Actor `json:"actor"`
}

// Typing tells the other side of a chat that someone is typing. It is never stored.
func (s *Service) Typing(ctx context.Context, v parley.Viewer, chatID int64) error {
	c, err := s.visibleChat(ctx, s.store, v, chatID)
	if err != nil {
		return err
	}
	if !c.Open() {
		return parley.Errorf(parley.CodeConflict, "the chat is completed")
	}
	actor, aud := parley.Actor{Kind: parley.ActorAgent, ID: v.AgentID}, parley.AudienceVisitor
	if v.IsVisitor() {
		actor, aud = parley.Actor{Kind: parley.ActorContact, ID: c.ContactID}, parley.AudienceQueue|parley.AudienceAgent
	}
	e := parley.ChatEvent(parley.EventTyping, aud, c, chatAgent(c), typingData{ChatID: c.ID, Actor: actor})
	e.At = s.clock.Now()
	return s.bus.Publish(ctx, []parley.Event{e})
}

// Events returns the logged events after an id that the viewer may see.
func (s *Service) Events(ctx context.Context, v parley.Viewer, after int64, limit int) ([]parley.Event, error) {
	return s.store.Events(ctx, parley.EventFilter{After: after, Limit: clampLimit(limit, 1000, 10000), Viewer: v})
}
