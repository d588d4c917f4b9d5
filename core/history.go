package core

import (
	"context"
	"slices"

	"parley"
)

// maxHistoryDepth bounds how many parents a chat's history follows.
const maxHistoryDepth = 50

// historyMessages is how many of each parent's last messages the history holds
// at first; the rest comes a page at a time (HistoryQuery).
const historyMessages = 200

// maxHistoryPage bounds a page of one parent's earlier messages.
const maxHistoryPage = 1000

// ChatHistory is the parents of a chat, oldest first, each with its messages,
// so that a chat made by a transfer shows what came before it (R2.13).
type ChatHistory struct {
	Chats []HistoryChat `json:"chats"`
}

// HistoryChat is one parent and its messages in seq order, with the name of the
// agent who owned it, for "transferred from …". More says that earlier messages
// of that parent remain to be read.
type HistoryChat struct {
	Chat      parley.Chat      `json:"chat"`
	OwnerName string           `json:"owner_name,omitempty"`
	Messages  []parley.Message `json:"messages"`
	More      bool             `json:"more"`
}

// HistoryQuery asks for one parent's messages before a seq, instead of the whole
// chain's last ones: the next page of a parent whose More was true.
type HistoryQuery struct {
	Parent int64 // a chat in the chain; 0 for the whole chain
	Before int64 // only messages with a smaller seq; 0 for its last ones
	Limit  int
}

// History returns the parent chain of a chat the viewer may see, or a page of one
// parent of it. Whoever may see the chat may read its parents, which were in
// other queues and owned by other agents.
func (s *Service) History(ctx context.Context, v parley.Viewer, chatID int64, q HistoryQuery) (ChatHistory, error) {
	c, err := s.visibleChat(ctx, s.store, v, chatID)
	if err != nil {
		return ChatHistory{}, err
	}
	out := ChatHistory{Chats: []HistoryChat{}}
	for depth := 0; c.ParentID != 0 && depth < maxHistoryDepth; depth++ {
		if c, err = s.store.Chat(ctx, c.ParentID); err != nil {
			return ChatHistory{}, err
		}
		if q.Parent != 0 && c.ID != q.Parent {
			continue
		}
		before, limit := c.LastSeq+1, historyMessages
		if q.Parent != 0 && q.Before > 0 {
			before = min(q.Before, before)
		}
		if q.Parent != 0 {
			limit = clampLimit(q.Limit, historyMessages, maxHistoryPage)
		}
		h, err := s.historyChat(ctx, v, c, before, limit)
		if err != nil {
			return ChatHistory{}, err
		}
		out.Chats = append(out.Chats, h)
	}
	if q.Parent != 0 && len(out.Chats) == 0 {
		return out, parley.Errorf(parley.CodeNotFound, "chat %d did not come from chat %d", chatID, q.Parent)
	}
	slices.Reverse(out.Chats)
	return out, nil
}

func (s *Service) historyChat(ctx context.Context, v parley.Viewer, c parley.Chat, before int64, limit int) (HistoryChat, error) {
	msgs, err := s.store.Messages(ctx, parley.MessageFilter{ChatID: c.ID, BeforeSeq: before,
		Limit: limit, IncludeInternal: !v.IsVisitor()})
	if err != nil {
		return HistoryChat{}, err
	}
	h := HistoryChat{Chat: c, Messages: nonNilMessages(msgs), More: len(msgs) > 0 && msgs[0].Seq > 1}
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
