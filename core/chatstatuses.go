package core

import (
	"context"
	"time"

	"parley"
)

// ChatStatusInput creates or changes a custom status; nil fields are left as they are.
type ChatStatusInput struct {
	RoomID   *int64             `json:"room_id,omitempty"`
	Name     *string            `json:"name,omitempty"`
	Kind     *parley.StatusKind `json:"kind,omitempty"`
	Position *int               `json:"position,omitempty"`
}

// ChatStatuses lists every room's custom statuses (R2.17).
func (s *Service) ChatStatuses(ctx context.Context) ([]parley.ChatStatus, error) {
	return s.store.ChatStatuses(ctx)
}

func (in ChatStatusInput) apply(ctx context.Context, tx parley.Tx, st *parley.ChatStatus) error {
	if st.ID == 0 {
		if in.RoomID == nil || in.Kind == nil {
			return parley.Errorf(parley.CodeInvalid, "room_id, name and kind are required")
		}
		if _, err := tx.Room(ctx, *in.RoomID); err != nil {
			return parley.Errorf(parley.CodeInvalid, "room %d does not exist", *in.RoomID)
		}
		st.RoomID = *in.RoomID
	} else if in.RoomID != nil && *in.RoomID != st.RoomID {
		return parley.Errorf(parley.CodeInvalid, "a status stays in its room; create one in the other room instead")
	}
	if in.Name != nil || st.ID == 0 {
		name, err := checkName(deref(in.Name))
		if err != nil {
			return err
		}
		st.Name = name
	}
	if in.Kind != nil {
		if !in.Kind.Valid() {
			return parley.Errorf(parley.CodeInvalid, "kind must be %q or %q", parley.StatusOpenKind, parley.StatusClosedKind)
		}
		st.Kind = *in.Kind
	}
	if in.Position != nil {
		st.Position = *in.Position
	}
	return nil
}

// CreateChatStatus adds a custom status to a room (admins only).
func (s *Service) CreateChatStatus(ctx context.Context, by parley.Agent, in ChatStatusInput) (parley.ChatStatus, error) {
	if err := requireAdmin(by); err != nil {
		return parley.ChatStatus{}, err
	}
	var out parley.ChatStatus
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		st := parley.ChatStatus{CreatedAt: now}
		if err := in.apply(ctx, tx, &st); err != nil {
			return err
		}
		out = st
		return tx.CreateChatStatus(ctx, &out)
	})
	return out, err
}

// UpdateChatStatus changes a custom status (admins only).
func (s *Service) UpdateChatStatus(ctx context.Context, by parley.Agent, id int64, in ChatStatusInput) (parley.ChatStatus, error) {
	if err := requireAdmin(by); err != nil {
		return parley.ChatStatus{}, err
	}
	var out parley.ChatStatus
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		st, err := tx.ChatStatus(ctx, id)
		if err != nil {
			return err
		}
		if err := in.apply(ctx, tx, &st); err != nil {
			return err
		}
		out = st
		return tx.UpdateChatStatus(ctx, st)
	})
	return out, err
}

// DeleteChatStatus removes a custom status (admins only); its chats have none after.
func (s *Service) DeleteChatStatus(ctx context.Context, by parley.Agent, id int64) error {
	if err := requireAdmin(by); err != nil {
		return err
	}
	return s.write(ctx, func(tx parley.Tx, now time.Time) error { return tx.DeleteChatStatus(ctx, id) })
}

// SetChatStatusInput names the custom status to put a chat in; 0 clears it.
type SetChatStatusInput struct {
	StatusID int64 `json:"status_id"`
}

// SetChatStatus puts a chat in one of its room's custom statuses (R2.17).
func (s *Service) SetChatStatus(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64, in SetChatStatusInput) (parley.Chat, error) {
	if in.StatusID < 0 {
		return parley.Chat{}, parley.Errorf(parley.CodeInvalid, "status_id must name a status, or be 0 to clear it")
	}
	var out parley.Chat
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.visibleChat(ctx, tx, v, chatID)
		if err != nil {
			return err
		}
		// The status itself stays changeable under a closed-kind status: that is how one reopens a chat.
		if err := mayEditRecord(c, by, v, "change the status"); err != nil {
			return err
		}
		if in.StatusID != 0 {
			if err := s.checkStatusRoom(ctx, tx, c, in.StatusID); err != nil {
				return err
			}
		}
		c.StatusID, c.UpdatedAt = in.StatusID, now
		if err := tx.SaveChat(ctx, &c); err != nil {
			return err
		}
		out = c
		emit(tx, now, parley.ChatEvent(parley.EventChatUpdated, parley.AudienceQueue|parley.AudienceAgent, c, chatAgent(c), c))
		return s.tellFollowers(ctx, tx, now, c, parley.FollowedChange{Change: parley.ChangeStatus, ByAgentID: by.ID})
	})
	return out, err
}

// checkStatusRoom refuses a status that is not of the chat's room.
func (s *Service) checkStatusRoom(ctx context.Context, tx parley.Tx, c parley.Chat, statusID int64) error {
	st, err := tx.ChatStatus(ctx, statusID)
	if err != nil {
		return parley.Errorf(parley.CodeInvalid, "status %d does not exist", statusID)
	}
	q, err := tx.Queue(ctx, c.QueueID)
	if err != nil {
		return err
	}
	if st.RoomID != q.RoomID {
		return parley.Errorf(parley.CodeInvalid, "status %q belongs to another room", st.Name)
	}
	return nil
}

// checkUnlocked refuses doing something to a chat whose custom status is closed
// in kind (R2.17).
func (s *Service) checkUnlocked(ctx context.Context, tx parley.Tx, c parley.Chat, doing string) error {
	if c.StatusID == 0 {
		return nil
	}
	st, err := tx.ChatStatus(ctx, c.StatusID)
	if err != nil {
		return err
	}
	if st.Kind == parley.StatusClosedKind {
		return parley.Errorf(parley.CodeConflict, "the chat's status %q is closed; set an open status before you %s", st.Name, doing)
	}
	return nil
}
