package core

import (
	"context"
	"slices"

	"parley"
)

// maxHistoryDepth bounds how many parents a chat's history follows.
const maxHistoryDepth = 50

// historyMessages is how many of each parent's last messages the history holds.
const historyMessages = 1000

// ChatHistory is the parents of a chat, oldest first, each with its messages,
// so that a chat made by a transfer shows what came before it (R2.13).
type ChatHistory struct {
	Chats []HistoryChat `json:"chats"`
}

// HistoryChat is one parent and its messages in seq order, with the name of the
// agent who owned it, for "transferred from …".
type HistoryChat struct {
	Chat      parley.Chat      `json:"chat"`
	OwnerName string           `json:"owner_name,omitempty"`
	Messages  []parley.Message `json:"messages"`
}

// History returns the parent chain of a chat the viewer may see. Whoever may see the
// chat may read its parents, which were in other queues and owned by other agents.
func (s *Service) History(ctx context.Context, v parley.Viewer, chatID int64) (ChatHistory, error) {
	c, err := s.visibleChat(ctx, s.store, v, chatID)
	if err != nil {
		return ChatHistory{}, err
	}
	out := ChatHistory{Chats: []HistoryChat{}}
	for depth := 0; c.ParentID != 0 && depth < maxHistoryDepth; depth++ {
		if c, err = s.store.Chat(ctx, c.ParentID); err != nil {
			return ChatHistory{}, err
		}
		h, err := s.historyChat(ctx, v, c)
		if err != nil {
			return ChatHistory{}, err
		}
		out.Chats = append(out.Chats, h)
	}
	slices.Reverse(out.Chats)
	return out, nil
}

func (s *Service) historyChat(ctx context.Context, v parley.Viewer, c parley.Chat) (HistoryChat, error) {
	msgs, err := s.store.Messages(ctx, parley.MessageFilter{ChatID: c.ID, BeforeSeq: c.LastSeq + 1,
		Limit: historyMessages, IncludeInternal: !v.IsVisitor()})
	if err != nil {
		return HistoryChat{}, err
	}
	h := HistoryChat{Chat: c, Messages: nonNilMessages(msgs)}
	if c.OwnerID != 0 {
		owner, err := s.store.Agent(ctx, c.OwnerID)
		if err != nil {
			return HistoryChat{}, err
		}
		h.OwnerName = owner.Name
	}
	return h, nil
}

func nonNilMessages(m []parley.Message) []parley.Message {
	if m == nil {
		return []parley.Message{}
	}
	return m
}
