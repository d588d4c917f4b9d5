package core

import (
	"context"
	"time"

	"parley"
)

// MarkRead records that the agent has read the chat up to seq, or to its last
// message when seq is 0, and tells the agent's other consoles. A marker never
// moves back, so a late request from another device changes nothing.
func (s *Service) MarkRead(ctx context.Context, by parley.Agent, v parley.Viewer, chatID, seq int64) (parley.ReadMark, error) {
	if seq < 0 {
		return parley.ReadMark{}, parley.Errorf(parley.CodeInvalid, "seq must not be negative")
	}
	var out parley.ReadMark
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.visibleChat(ctx, tx, v, chatID)
		if err != nil {
			return err
		}
		if seq == 0 || seq > c.LastSeq {
			seq = c.LastSeq
		}
		out = parley.ReadMark{AgentID: by.ID, ChatID: c.ID, Seq: seq}
		if err := tx.MarkRead(ctx, by.ID, c.ID, seq); err != nil {
			return err
		}
		emit(tx, now, parley.ChatEvent(parley.EventChatRead, parley.AudienceAgent, c, by.ID, out))
		return nil
	})
	return out, err
}

// ListCounts counts the agent's chat lists, all rooms together and per room (R2.7).
func (s *Service) ListCounts(ctx context.Context, v parley.Viewer) (parley.ListCounts, error) {
	if v.IsVisitor() {
		return parley.ListCounts{}, parley.Errorf(parley.CodeForbidden, "only agents have chat lists")
	}
	return s.store.ListCounts(ctx, v)
}

// unreadOf counts, for an agent's page of chats, the contact's messages each holds
// past the agent's read marker; visitors read their own chats and get none.
func (s *Service) unreadOf(ctx context.Context, v parley.Viewer, chats []parley.Chat) (map[int64]int, error) {
	if v.IsVisitor() {
		return nil, nil
	}
	ids := make([]int64, 0, len(chats))
	for _, c := range chats {
		if c.LastContactSeq > 0 {
			ids = append(ids, c.ID)
		}
	}
	return s.store.UnreadCounts(ctx, v.AgentID, ids)
}
