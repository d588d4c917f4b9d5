package core

import (
	"context"
	"slices"
	"time"

	"parley"
)

// Who may change a quick reply (R2.11), kept simple on purpose:
//   - admins: any;
//   - supervisors: those of a room or a queue (they see every room and queue),
//     and their own;
//   - agents: their own (scope agent naming themselves).
//
// Templates of scope all are for admins to keep.

// QuickReplyPatch creates or changes a quick reply; fields left out stay as they
// are. On creation, scope defaults to agent and an agent scope without scope_id
// to the caller.
type QuickReplyPatch struct {
	Name    *string                 `json:"name,omitempty"`
	Text    *string                 `json:"text,omitempty"`
	Scope   *parley.QuickReplyScope `json:"scope,omitempty"`
	ScopeID *int64                  `json:"scope_id,omitempty"`
}

// QuickReplyQuery selects the quick replies an agent is shown.
type QuickReplyQuery struct {
	Q string // part of the name or text, any case
	// ChatID, when set, adds the templates of that chat's queue and room and
	// renders each text for the chat's contact.
	ChatID int64
	// Editable lists every template the caller may change instead of those
	// that apply to them (for the admin screen).
	Editable bool
}

// canManageQuickReply says whether the agent may create, change or delete r.
func canManageQuickReply(by parley.Agent, r parley.QuickReply) bool {
	switch {
	case by.Role == parley.RoleAdmin:
		return true
	case r.Scope == parley.ScopeAgent:
		return r.ScopeID == by.ID
	case by.Role == parley.RoleSupervisor:
		return r.Scope == parley.ScopeRoom || r.Scope == parley.ScopeQueue
	}
	return false
}

// QuickReplies lists the templates that apply to the agent: of scope all, of the
// rooms of their queues, of their queues, and their own; with q, only those whose
// name or text holds it. With a chat, the texts come rendered for it.
func (s *Service) QuickReplies(ctx context.Context, by parley.Agent, v parley.Viewer, q QuickReplyQuery) ([]parley.QuickReply, error) {
	if q.Editable {
		all, err := s.store.QuickReplies(ctx, parley.QuickReplyFilter{All: true})
		if err != nil {
			return nil, err
		}
		return slices.DeleteFunc(all, func(r parley.QuickReply) bool { return !canManageQuickReply(by, r) || !r.Matches(q.Q) }), nil
	}
	queueIDs := slices.Clone(v.Queues)
	var chat parley.Chat
	if q.ChatID != 0 {
		var err error
		if chat, err = s.visibleChat(ctx, s.store, v, q.ChatID); err != nil {
			return nil, err
		}
		queueIDs = append(queueIDs, chat.QueueID)
	}
	queues, err := s.store.Queues(ctx)
	if err != nil {
		return nil, err
	}
	var roomIDs []int64
	for _, qu := range queues {
		if slices.Contains(queueIDs, qu.ID) && !slices.Contains(roomIDs, qu.RoomID) {
			roomIDs = append(roomIDs, qu.RoomID)
		}
	}
	list, err := s.store.QuickReplies(ctx, parley.QuickReplyFilter{RoomIDs: roomIDs, QueueIDs: queueIDs, AgentID: by.ID})
	if err != nil {
		return nil, err
	}
	list = slices.DeleteFunc(list, func(r parley.QuickReply) bool { return !r.Matches(q.Q) })
	if q.ChatID == 0 || len(list) == 0 {
		return list, nil
	}
	contactName, err := s.contactName(ctx, chat)
	if err != nil {
		return nil, err
	}
	for i := range list {
		list[i].Text = parley.Render(list[i].Text, contactName, by.Name)
	}
	return list, nil
}

// contactName is what {contact.name} becomes: the contact's name, else the
// chat's (what the visitor gave or the channel knows them by).
func (s *Service) contactName(ctx context.Context, c parley.Chat) (string, error) {
	if c.ContactID != 0 {
		contact, err := s.store.Contact(ctx, c.ContactID)
		if err != nil && !parley.IsCode(err, parley.CodeNotFound) {
			return "", err
		}
		if contact.Name != "" {
			return contact.Name, nil
		}
	}
	return c.Name, nil
}

// CreateQuickReply adds a template (see canManageQuickReply for who may).
func (s *Service) CreateQuickReply(ctx context.Context, by parley.Agent, in QuickReplyPatch) (parley.QuickReply, error) {
	r := parley.QuickReply{Scope: parley.ScopeAgent, CreatedBy: by.ID}
	if in.Name == nil || in.Text == nil {
		return parley.QuickReply{}, parley.Errorf(parley.CodeInvalid, "name and text are required")
	}
	applyQuickReply(&r, in)
	if r.Scope == parley.ScopeAgent && r.ScopeID == 0 {
		r.ScopeID = by.ID
	}
	if err := r.Check(); err != nil {
		return parley.QuickReply{}, err
	}
	if !canManageQuickReply(by, r) {
		return parley.QuickReply{}, quickReplyRefusal(by, r)
	}
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		if err := scopeExists(ctx, tx, r); err != nil {
			return err
		}
		r.CreatedAt, r.UpdatedAt = now, now
		if err := tx.CreateQuickReply(ctx, &r); err != nil {
			return err
		}
		emit(tx, now, parley.QuickReplyEvent(parley.EventQuickReplyUpdated, r, r))
		return nil
	})
	return r, err
}

// UpdateQuickReply changes a template the agent may manage, before and after the change.
func (s *Service) UpdateQuickReply(ctx context.Context, by parley.Agent, id int64, in QuickReplyPatch) (parley.QuickReply, error) {
	var out parley.QuickReply
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		r, err := s.managedQuickReply(ctx, tx, by, id)
		if err != nil {
			return err
		}
		applyQuickReply(&r, in)
		if err := r.Check(); err != nil {
			return err
		}
		if !canManageQuickReply(by, r) {
			return quickReplyRefusal(by, r)
		}
		if err := scopeExists(ctx, tx, r); err != nil {
			return err
		}
		r.UpdatedAt = now
		if err := tx.UpdateQuickReply(ctx, r); err != nil {
			return err
		}
		out = r
		emit(tx, now, parley.QuickReplyEvent(parley.EventQuickReplyUpdated, r, r))
		return nil
	})
	return out, err
}

// DeleteQuickReply removes a template the agent may manage.
func (s *Service) DeleteQuickReply(ctx context.Context, by parley.Agent, id int64) error {
	return s.write(ctx, func(tx parley.Tx, now time.Time) error {
		r, err := s.managedQuickReply(ctx, tx, by, id)
		if err != nil {
			return err
		}
		if err := tx.DeleteQuickReply(ctx, id); err != nil {
			return err
		}
		emit(tx, now, parley.QuickReplyEvent(parley.EventQuickReplyDeleted, r, map[string]int64{"id": id}))
		return nil
	})
}

// managedQuickReply loads a template the agent may change. Another agent's own
// templates are private: for anyone but an admin they do not exist.
func (s *Service) managedQuickReply(ctx context.Context, tx parley.Tx, by parley.Agent, id int64) (parley.QuickReply, error) {
	r, err := tx.QuickReply(ctx, id)
	if err != nil {
		return r, err
	}
	if !canManageQuickReply(by, r) {
		return parley.QuickReply{}, quickReplyRefusal(by, r)
	}
	return r, nil
}

func quickReplyRefusal(by parley.Agent, r parley.QuickReply) error {
	if r.Scope == parley.ScopeAgent && r.ScopeID != by.ID && r.ID != 0 {
		return parley.NotFound("quick reply")
	}
	if by.Role == parley.RoleSupervisor {
		return parley.Errorf(parley.CodeForbidden, "a supervisor may change quick replies of a room, of a queue and their own only")
	}
	return parley.Errorf(parley.CodeForbidden, "an agent may change their own quick replies only (scope agent)")
}

func applyQuickReply(r *parley.QuickReply, in QuickReplyPatch) {
	if in.Name != nil {
		r.Name = *in.Name
	}
	if in.Text != nil {
		r.Text = *in.Text
	}
	if in.Scope != nil {
		r.Scope = *in.Scope
		if in.ScopeID == nil {
			r.ScopeID = 0
		}
	}
	if in.ScopeID != nil {
		r.ScopeID = *in.ScopeID
	}
}

// scopeExists refuses a template for a room, queue or agent that does not exist.
func scopeExists(ctx context.Context, tx parley.Tx, r parley.QuickReply) error {
	var err error
	switch r.Scope {
	case parley.ScopeRoom:
		_, err = tx.Room(ctx, r.ScopeID)
	case parley.ScopeQueue:
		_, err = tx.Queue(ctx, r.ScopeID)
	case parley.ScopeAgent:
		_, err = tx.Agent(ctx, r.ScopeID)
	}
	if parley.IsCode(err, parley.CodeNotFound) {
		return parley.Errorf(parley.CodeInvalid, "%s %d does not exist", r.Scope, r.ScopeID)
	}
	return err
}
