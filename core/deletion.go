package core

import (
	"context"
	"time"

	"parley"
)

// DeleteChat moves a chat to Deleted (R2.18). An open chat is completed first,
// so that it leaves routing and the contact's next message starts a new chat.
func (s *Service) DeleteChat(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64) (parley.Chat, error) {
	return s.moveChat(ctx, by, v, chatID, parley.RightDeleteChats, func(tx parley.Tx, now time.Time, c *parley.Chat) error {
		if c.DeletedAt != nil {
			return parley.Errorf(parley.CodeConflict, "chat %d is already deleted", c.ID)
		}
		if c.Open() {
			if err := s.complete(ctx, tx, now, c, parley.Actor{Kind: parley.ActorAgent, ID: by.ID}); err != nil {
				return err
			}
		}
		c.DeletedAt, c.DeletedBy, c.UpdatedAt = &now, by.ID, now
		return nil
	}, parley.EventChatDeleted, parley.ChangeDeleted)
}

// RestoreChat brings a deleted chat back to its lists (R2.18).
func (s *Service) RestoreChat(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64) (parley.Chat, error) {
	return s.moveChat(ctx, by, v, chatID, parley.RightRestoreChats, func(tx parley.Tx, now time.Time, c *parley.Chat) error {
		if c.DeletedAt == nil {
			return parley.Errorf(parley.CodeConflict, "chat %d is not deleted", c.ID)
		}
		c.DeletedAt, c.DeletedBy, c.UpdatedAt = nil, 0, now
		return nil
	}, parley.EventChatRestored, parley.ChangeRestored)
}

// moveChat checks the right, changes the chat as move says, saves it, emits
// kind and tells the chat's followers of the change.
func (s *Service) moveChat(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64, right parley.ChatRight,
	move func(tx parley.Tx, now time.Time, c *parley.Chat) error, kind parley.EventKind, change string) (parley.Chat, error) {
	if !by.Has(right) {
		return parley.Chat{}, parley.Errorf(parley.CodeForbidden, "you do not have the %s right", right)
	}
	var out parley.Chat
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.visibleChat(ctx, tx, v, chatID)
		if err != nil {
			return err
		}
		if err := move(tx, now, &c); err != nil {
			return err
		}
		if err := tx.SaveChat(ctx, &c); err != nil {
			return err
		}
		out = c
		emit(tx, now, parley.ChatEvent(kind, parley.AudienceQueue|parley.AudienceAgent, c, chatAgent(c), c))
		return s.tellFollowers(ctx, tx, now, c, parley.FollowedChange{Change: change, ByAgentID: by.ID})
	})
	return out, err
}

// purgedChat is the data of a chat.purged event.
type purgedChat struct {
	ChatID int64 `json:"chat_id"`
}

// PurgeChat deletes a deleted chat for good, with its messages, files, notes and
// the content of its events (R2.18).
func (s *Service) PurgeChat(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64) error {
	if !by.Has(parley.RightPurgeChats) {
		return parley.Errorf(parley.CodeForbidden, "you do not have the %s right", parley.RightPurgeChats)
	}
	var orphans []string
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.visibleChat(ctx, tx, v, chatID)
		if err != nil {
			return err
		}
		if c.DeletedAt == nil {
			return parley.Errorf(parley.CodeConflict, "chat %d is not deleted; delete it before deleting it for good", c.ID)
		}
		if orphans, err = tx.PurgeChat(ctx, c.ID); err != nil {
			return err
		}
		emit(tx, now, parley.ChatEvent(parley.EventChatPurged, parley.AudienceQueue|parley.AudienceAgent, c, chatAgent(c), purgedChat{c.ID}))
		return nil
	})
	if err != nil {
		return err
	}
	s.removeContent(ctx, orphans)
	return nil
}

// removeContent deletes file content no file refers to any more. A failure
// leaves content on disk that nothing reaches, which is logged, not returned:
// the chat is gone either way.
func (s *Service) removeContent(ctx context.Context, shas []string) {
	if s.cfg.Files == nil {
		return
	}
	for _, sha := range shas {
		if err := s.cfg.Files.Remove(ctx, sha); err != nil {
			s.log.Error("removing a purged chat's file content", "sha256", sha, "err", err)
		}
	}
}
