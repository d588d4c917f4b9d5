package core

import (
	"context"
	"time"

	"parley"
)

// ParticipantInput names an agent to add to a chat.
type ParticipantInput struct {
	AgentID int64 `json:"agent_id"`
}

// Participants lists the chat's participants (R2.14).
func (s *Service) Participants(ctx context.Context, v parley.Viewer, chatID int64) ([]parley.Participant, error) {
	if _, err := s.visibleChat(ctx, s.store, v, chatID); err != nil {
		return nil, err
	}
	return s.store.Participants(ctx, chatID)
}

// mayManageParticipants says whether by may add or remove others: the owner, a
// supervisor or an admin.
func mayManageParticipants(c parley.Chat, by parley.Agent) error {
	if c.OwnerID != by.ID && !by.Role.SeesAll() {
		return parley.Errorf(parley.CodeForbidden, "only the chat's owner or a supervisor may change its participants")
	}
	return nil
}

// AddParticipant adds an agent to an open chat (R2.14).
func (s *Service) AddParticipant(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64, in ParticipantInput) ([]parley.Participant, error) {
	if in.AgentID <= 0 {
		return nil, parley.Errorf(parley.CodeInvalid, "agent_id must name an agent")
	}
	var out []parley.Participant
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.visibleChat(ctx, tx, v, chatID)
		if err != nil {
			return err
		}
		if err := mayManageParticipants(c, by); err != nil {
			return err
		}
		if err := s.checkUnlocked(ctx, tx, c, "add participants"); err != nil {
			return err
		}
		if !c.Open() {
			return parley.Errorf(parley.CodeConflict, "chat %d is completed", c.ID)
		}
		if in.AgentID == c.OwnerID {
			return parley.Errorf(parley.CodeConflict, "agent %d owns the chat", in.AgentID)
		}
		a, err := tx.Agent(ctx, in.AgentID)
		if err != nil || a.Disabled {
			return parley.Errorf(parley.CodeInvalid, "agent %d does not exist or is deactivated", in.AgentID)
		}
		if err := tx.AddParticipant(ctx, parley.Participant{ChatID: c.ID, AgentID: a.ID, AddedBy: by.ID, AddedAt: now}); err != nil {
			return err
		}
		out, err = s.participantsChanged(ctx, tx, now, c, a.ID)
		return err
	})
	return out, err
}

// RemoveParticipant takes an agent out of a chat: the owner or a supervisor
// removes anyone, and a participant may leave (R2.14).
func (s *Service) RemoveParticipant(ctx context.Context, by parley.Agent, v parley.Viewer, chatID, agentID int64) ([]parley.Participant, error) {
	var out []parley.Participant
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.visibleChat(ctx, tx, v, chatID)
		if err != nil {
			return err
		}
		if agentID != by.ID {
			if err := mayManageParticipants(c, by); err != nil {
				return err
			}
		}
		if err := tx.RemoveParticipant(ctx, c.ID, agentID); err != nil {
			return err
		}
		out, err = s.participantsChanged(ctx, tx, now, c, agentID)
		return err
	})
	return out, err
}

// participantsChanged tells the chat's followers, the agent added or removed and
// the owner of the chat's participants now, and returns them.
func (s *Service) participantsChanged(ctx context.Context, tx parley.Tx, now time.Time, c parley.Chat, agentID int64) ([]parley.Participant, error) {
	list, err := tx.Participants(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	data := parley.Participants{ChatID: c.ID, Participants: make([]int64, len(list))}
	for i, p := range list {
		data.Participants[i] = p.AgentID
	}
	emit(tx, now, parley.ChatEvent(parley.EventChatParticipants, parley.AudienceQueue|parley.AudienceAgent, c, agentID, data))
	if owner := chatAgent(c); owner != 0 && owner != agentID {
		// The owner follows the chat by agent, not always by queue.
		emit(tx, now, parley.ChatEvent(parley.EventChatParticipants, parley.AudienceAgent, c, owner, data))
	}
	return list, nil
}
