package core

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"parley"
)

// TopicInput creates or changes a topic; nil fields are left as they are.
type TopicInput struct {
	Name     *string `json:"name,omitempty"`
	Position *int    `json:"position,omitempty"`
}

// Topics lists the topics admins keep (R2.16).
func (s *Service) Topics(ctx context.Context) ([]parley.Topic, error) { return s.store.Topics(ctx) }

// CreateTopic adds a topic (admins only).
func (s *Service) CreateTopic(ctx context.Context, by parley.Agent, in TopicInput) (parley.Topic, error) {
	if err := requireAdmin(by); err != nil {
		return parley.Topic{}, err
	}
	var t parley.Topic
	if err := in.apply(&t); err != nil {
		return t, err
	}
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		t.CreatedAt = now
		return tx.CreateTopic(ctx, &t)
	})
	return t, err
}

func (in TopicInput) apply(t *parley.Topic) error {
	if in.Name != nil || t.ID == 0 {
		name, err := checkName(deref(in.Name))
		if err != nil {
			return err
		}
		t.Name = name
	}
	if in.Position != nil {
		t.Position = *in.Position
	}
	return nil
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// UpdateTopic changes a topic (admins only).
func (s *Service) UpdateTopic(ctx context.Context, by parley.Agent, id int64, in TopicInput) (parley.Topic, error) {
	if err := requireAdmin(by); err != nil {
		return parley.Topic{}, err
	}
	var out parley.Topic
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		t, err := tx.Topic(ctx, id)
		if err != nil {
			return err
		}
		if err := in.apply(&t); err != nil {
			return err
		}
		out = t
		return tx.UpdateTopic(ctx, t)
	})
	return out, err
}

// DeleteTopic removes a topic (admins only); its chats are no longer limited by it.
func (s *Service) DeleteTopic(ctx context.Context, by parley.Agent, id int64) error {
	if err := requireAdmin(by); err != nil {
		return err
	}
	return s.write(ctx, func(tx parley.Tx, now time.Time) error { return tx.DeleteTopic(ctx, id) })
}

// ChatTopicInput sets a chat's topic: a listed one by id, or words typed as
// Other with TopicID 0; both empty clear it.
type ChatTopicInput struct {
	TopicID int64  `json:"topic_id"`
	Other   string `json:"other"`
}

// maxOtherTopic bounds the words typed as Other.
const maxOtherTopic = 200

// SetTopic changes a chat's topic (R2.16). Agents no longer allowed the topic
// are told by a topic_changed event addressed under the old one, and their
// consoles drop the chat.
func (s *Service) SetTopic(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64, in ChatTopicInput) (parley.Chat, error) {
	in.Other = strings.TrimSpace(in.Other)
	switch {
	case in.TopicID < 0 || in.TopicID > 0 && in.Other != "":
		return parley.Chat{}, parley.Errorf(parley.CodeInvalid, "give topic_id for a listed topic, or other for words of your own, not both")
	case utf8.RuneCountInString(in.Other) > maxOtherTopic:
		return parley.Chat{}, parley.Errorf(parley.CodeInvalid, "other may have at most %d characters", maxOtherTopic)
	}
	var out parley.Chat
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.visibleChat(ctx, tx, v, chatID)
		if err != nil {
			return err
		}
		if err := mayEditRecord(c, by, v, "change the topic"); err != nil {
			return err
		}
		if err := s.checkUnlocked(ctx, tx, c, "change the topic"); err != nil {
			return err
		}
		old := c
		c.TopicID, c.Topic = in.TopicID, in.Other
		if in.TopicID != 0 {
			t, err := tx.Topic(ctx, in.TopicID)
			if err != nil {
				return parley.Errorf(parley.CodeInvalid, "topic %d does not exist", in.TopicID)
			}
			c.Topic = t.Name
		}
		c.UpdatedAt = now
		if err := tx.SaveChat(ctx, &c); err != nil {
			return err
		}
		out = c
		emit(tx, now, parley.ChatEvent(parley.EventChatUpdated, parley.AudienceQueue|parley.AudienceAgent, c, chatAgent(c), c))
		if old.TopicID != c.TopicID {
			change := parley.TopicChange{ChatID: c.ID, TopicID: c.TopicID, OldTopicID: old.TopicID}
			emit(tx, now, parley.ChatEvent(parley.EventChatTopicChanged, parley.AudienceQueue|parley.AudienceAgent, old, chatAgent(c), change))
		}
		return s.tellFollowers(ctx, tx, now, c, parley.FollowedChange{Change: parley.ChangeTopic, ByAgentID: by.ID})
	})
	return out, err
}

// mayEditRecord says whether by may change the chat's record (topic, custom
// status): its owner, a participant, or a supervisor, while it is not deleted.
// What a closed-kind status locks is checkUnlocked's to say.
func mayEditRecord(c parley.Chat, by parley.Agent, v parley.Viewer, doing string) error {
	if c.OwnerID != by.ID && !v.InChat(c.ID) && !by.Role.SeesAll() {
		return parley.Errorf(parley.CodeForbidden, "only the chat's owner, a participant or a supervisor may %s", doing)
	}
	if c.DeletedAt != nil {
		return parley.Errorf(parley.CodeConflict, "chat %d is deleted; restore it first", c.ID)
	}
	return nil
}
