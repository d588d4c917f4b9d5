package core

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"parley"
)

// CommentInput is a new comment's text.
type CommentInput struct {
	Text string `json:"text"`
}

// Following says whether the caller follows a chat.
type Following struct {
	Following bool `json:"following"`
}

// Comments lists a chat's comment feed, oldest first (R2.23).
func (s *Service) Comments(ctx context.Context, v parley.Viewer, chatID int64) ([]parley.Comment, error) {
	if _, err := s.visibleChat(ctx, s.store, v, chatID); err != nil {
		return nil, err
	}
	return s.store.Comments(ctx, chatID)
}

// AddComment adds the agent's comment to a chat they see; the author then
// follows the chat, and its other followers are told.
func (s *Service) AddComment(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64, in CommentInput) (parley.Comment, error) {
	text := strings.TrimSpace(in.Text)
	switch n := utf8.RuneCountInString(text); {
	case n == 0:
		return parley.Comment{}, parley.Errorf(parley.CodeInvalid, "text is required")
	case n > parley.MaxCommentText:
		return parley.Comment{}, parley.Errorf(parley.CodeTooLarge, "a comment may have at most %d characters", parley.MaxCommentText)
	case !utf8.ValidString(text):
		return parley.Comment{}, parley.Errorf(parley.CodeInvalid, "text is not valid UTF-8")
	}
	var out parley.Comment
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.visibleChat(ctx, tx, v, chatID)
		if err != nil {
			return err
		}
		out = parley.Comment{ChatID: c.ID, AuthorID: by.ID, Text: text, CreatedAt: now}
		if err := tx.AddComment(ctx, &out); err != nil {
			return err
		}
		if err := tx.Follow(ctx, c.ID, by.ID, true); err != nil {
			return err
		}
		emit(tx, now, parley.ChatEvent(parley.EventChatComment, parley.AudienceQueue|parley.AudienceAgent, c, chatAgent(c), out))
		return s.tellFollowers(ctx, tx, now, c, parley.FollowedChange{Change: parley.ChangeComment, ByAgentID: by.ID, CommentID: out.ID})
	})
	return out, err
}

// IsFollowing says whether the agent follows a chat they see.
func (s *Service) IsFollowing(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64) (Following, error) {
	if _, err := s.visibleChat(ctx, s.store, v, chatID); err != nil {
		return Following{}, err
	}
	followers, err := s.store.Followers(ctx, chatID)
	return Following{Following: slices.Contains(followers, by.ID)}, err
}

// SetFollowing makes the agent follow a chat they see, or stop.
func (s *Service) SetFollowing(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64, on bool) (Following, error) {
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		if _, err := s.visibleChat(ctx, tx, v, chatID); err != nil {
			return err
		}
		return tx.Follow(ctx, chatID, by.ID, on)
	})
	return Following{Following: on}, err
}

// tellFollowers sends each follower of the chat but the one who made the
// change a chat.followed event saying what changed.
func (s *Service) tellFollowers(ctx context.Context, tx parley.Tx, now time.Time, c parley.Chat, change parley.FollowedChange) error {
	followers, err := tx.Followers(ctx, c.ID)
	if err != nil {
		return err
	}
	change.ChatID = c.ID
	for _, id := range followers {
		if id != change.ByAgentID {
			emit(tx, now, parley.ChatEvent(parley.EventChatFollowed, parley.AudienceAgent, c, id, change))
		}
	}
	return nil
}

// followedBy is the change of kind made by actor, for tellFollowers.
func followedBy(kind string, by parley.Actor) parley.FollowedChange {
	ch := parley.FollowedChange{Change: kind}
	if by.Kind == parley.ActorAgent {
		ch.ByAgentID = by.ID
	}
	return ch
}
