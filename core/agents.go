package core

import (
	"context"
	"strings"
	"time"

	"parley"
)

// AgentInput creates an agent.
type AgentInput struct {
	Email    string      `json:"email"`
	Name     string      `json:"name"`
	Password string      `json:"password"`
	Role     parley.Role `json:"role"`
	Language string      `json:"language"`
}

// AgentPatch changes the fields that are set.
type AgentPatch struct {
	Email    *string      `json:"email,omitempty"`
	Name     *string      `json:"name,omitempty"`
	Password *string      `json:"password,omitempty"`
	Role     *parley.Role `json:"role,omitempty"`
	Language *string      `json:"language,omitempty"`
	Disabled *bool        `json:"disabled,omitempty"`
	// ChatLimit sets the agent's own simultaneous-chats limit (1 to 100); 0 removes it (R1.4).
	ChatLimit *int `json:"chat_limit,omitempty"`
	// Rights replaces the agent's rights over rooms, topics and deleted chats.
	Rights *parley.AgentRights `json:"rights,omitempty"`
}

func requireAdmin(by parley.Agent) error {
	if by.Role != parley.RoleAdmin {
		return parley.Errorf(parley.CodeForbidden, "only an admin may do this")
	}
	return nil
}

func checkName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", parley.Errorf(parley.CodeInvalid, "name is required")
	}
	if len(name) > 200 {
		return "", parley.Errorf(parley.CodeInvalid, "name is longer than 200 bytes")
	}
	return name, nil
}

// CreateAgent adds an agent (admins only). New agents start inactive (R1.1).
func (s *Service) CreateAgent(ctx context.Context, by parley.Agent, in AgentInput) (parley.Agent, error) {
	if err := requireAdmin(by); err != nil {
		return parley.Agent{}, err
	}
	return s.addAgent(ctx, in, false)
}

// Bootstrap adds an agent from the command line; the first agent is always an admin.
func (s *Service) Bootstrap(ctx context.Context, in AgentInput) (parley.Agent, error) {
	return s.addAgent(ctx, in, true)
}

func (s *Service) addAgent(ctx context.Context, in AgentInput, firstIsAdmin bool) (parley.Agent, error) {
	a, err := s.newAgent(in)
	if err != nil {
		return parley.Agent{}, err
	}
	err = s.write(ctx, func(tx parley.Tx, now time.Time) error {
		if firstIsAdmin {
			n, err := tx.CountAgents(ctx)
			if err != nil {
				return err
			}
			if n == 0 {
				a.Role = parley.RoleAdmin
			}
		}
		a.CreatedAt, a.UpdatedAt, a.StatusChangedAt = now, now, now
		if err := tx.CreateAgent(ctx, &a); err != nil {
			return err
		}
		if err := tx.StartStatusInterval(ctx, parley.StatusInterval{AgentID: a.ID, Status: a.Status, StartedAt: now}); err != nil {
			return err
		}
		emit(tx, now, agentEvent(a))
		return nil
	})
	return a, err
}

func (s *Service) newAgent(in AgentInput) (parley.Agent, error) {
	email, err := parley.NormalizeEmail(in.Email)
	if err != nil {
		return parley.Agent{}, err
	}
	name, err := checkName(in.Name)
	if err != nil {
		return parley.Agent{}, err
	}
	if in.Role == "" {
		in.Role = parley.RoleAgent
	}
	if !in.Role.Valid() {
		return parley.Agent{}, parley.Errorf(parley.CodeInvalid, "role must be agent, supervisor or admin")
	}
	if in.Language == "" {
		in.Language = "en"
	}
	if !parley.ValidLanguage(in.Language) {
		return parley.Agent{}, parley.Errorf(parley.CodeInvalid, "language must be en or ru")
	}
	hash, err := s.hashPassword(in.Password)
	if err != nil {
		return parley.Agent{}, err
	}
	return parley.Agent{Email: email, Name: name, Role: in.Role, Status: parley.StatusInactive,
		Language: in.Language, Settings: parley.DefaultAgentSettings(), PasswordHash: hash}, nil
}

func agentEvent(a parley.Agent) parley.Event {
	e := parley.NewEvent(parley.EventAgentUpdated, parley.AudienceStaff, a)
	e.AgentID = a.ID
	return e
}

// Agent returns one agent.
func (s *Service) Agent(ctx context.Context, id int64) (parley.Agent, error) {
	return s.store.Agent(ctx, id)
}

// UpdateAgent changes an agent. Admins may change anyone; an agent may change
// their own name, password and language.
func (s *Service) UpdateAgent(ctx context.Context, by parley.Agent, id int64, p AgentPatch) (parley.Agent, error) {
	self := by.ID == id && p.Email == nil && p.Role == nil && p.Disabled == nil && p.ChatLimit == nil && p.Rights == nil
	if !self {
		if err := requireAdmin(by); err != nil {
			return parley.Agent{}, err
		}
	}
	if by.ID == id && p.Disabled != nil && *p.Disabled {
		return parley.Agent{}, parley.Errorf(parley.CodeInvalid, "you cannot deactivate yourself")
	}
	var out parley.Agent
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		a, err := tx.Agent(ctx, id)
		if err != nil {
			return err
		}
		if err := s.applyAgentPatch(&a, p); err != nil {
			return err
		}
		if p.Rights != nil {
			if a.Rights, err = checkRights(ctx, tx, *p.Rights); err != nil {
				return err
			}
		}
		next := StatusInput{Status: a.Status, PauseReasonID: a.PauseReasonID}
		if a.Disabled {
			if err := tx.DeleteAgentSessions(ctx, a.ID); err != nil {
				return err
			}
			a.StatusBeforeLogout, a.PauseReasonBeforeLogout, next = "", 0, StatusInput{Status: parley.StatusInactive}
		}
		if err := s.changeStatus(ctx, tx, now, &a, next); err != nil {
			return err
		}
		out = a
		if p.ChatLimit != nil && !a.Disabled { // a higher limit may leave room now
			return s.routeAgentQueues(ctx, tx, now, a.ID)
		}
		return nil
	})
	return out, err
}

func (s *Service) applyAgentPatch(a *parley.Agent, p AgentPatch) error {
	var err error
	if p.Email != nil {
		if a.Email, err = parley.NormalizeEmail(*p.Email); err != nil {
			return err
		}
	}
	if p.Name != nil {
		if a.Name, err = checkName(*p.Name); err != nil {
			return err
		}
	}
	if p.Password != nil {
		if a.PasswordHash, err = s.hashPassword(*p.Password); err != nil {
			return err
		}
	}
	if p.Role != nil {
		if !p.Role.Valid() {
			return parley.Errorf(parley.CodeInvalid, "role must be agent, supervisor or admin")
		}
		a.Role = *p.Role
	}
	if p.Language != nil {
		if !parley.ValidLanguage(*p.Language) {
			return parley.Errorf(parley.CodeInvalid, "language must be en or ru")
		}
		a.Language = *p.Language
	}
	if p.Disabled != nil {
		a.Disabled = *p.Disabled
	}
	if p.ChatLimit != nil {
		return applyAgentChatLimit(a, *p.ChatLimit)
	}
	return nil
}

// StatusInput is a status to set: paused needs the id of an active pause reason (R1.3).
type StatusInput struct {
	Status        parley.AgentStatus `json:"status"`
	PauseReasonID int64              `json:"pause_reason_id,omitempty"`
}

// SetStatus sets an agent's status without a pause reason; see ChangeStatus.
func (s *Service) SetStatus(ctx context.Context, by parley.Agent, id int64, status parley.AgentStatus) (parley.Agent, error) {
	return s.ChangeStatus(ctx, by, id, StatusInput{Status: status})
}

// ChangeStatus sets an agent's status: their own, or anyone's for a supervisor or admin.
func (s *Service) ChangeStatus(ctx context.Context, by parley.Agent, id int64, in StatusInput) (parley.Agent, error) {
	if !in.Status.Valid() {
		return parley.Agent{}, parley.Errorf(parley.CodeInvalid, "status must be active, inactive or paused")
	}
	if in.Status == parley.StatusPaused && in.PauseReasonID == 0 {
		return parley.Agent{}, parley.Errorf(parley.CodeInvalid, "a pause needs a pause_reason_id")
	}
	if in.Status != parley.StatusPaused && in.PauseReasonID != 0 {
		return parley.Agent{}, parley.Errorf(parley.CodeInvalid, "pause_reason_id goes only with the paused status")
	}
	if by.ID != id && !by.Role.SeesAll() {
		return parley.Agent{}, parley.Errorf(parley.CodeForbidden, "only a supervisor may set another agent's status")
	}
	var out parley.Agent
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		a, err := tx.Agent(ctx, id)
		if err != nil {
			return err
		}
		if a.Disabled && in.Status != parley.StatusInactive {
			return parley.Errorf(parley.CodeConflict, "a deactivated agent can only be inactive")
		}
		if in.PauseReasonID != 0 {
			r, err := tx.PauseReason(ctx, in.PauseReasonID)
			if parley.IsCode(err, parley.CodeNotFound) {
				return parley.Errorf(parley.CodeInvalid, "pause reason %d does not exist", in.PauseReasonID)
			}
			if err != nil {
				return err
			}
			if !r.Active {
				return parley.Errorf(parley.CodeInvalid, "pause reason %q is not active", r.Name)
			}
		}
		if err := s.changeStatus(ctx, tx, now, &a, in); err != nil {
			return err
		}
		out = a
		return nil
	})
	return out, err
}

// changeStatus stores a's new status and its consequences: the status interval
// it opens (R1.3); an agent who becomes active is offered waiting chats; one who
// stops being active (inactive or paused) loses pending invitations, which go to
// others, but keeps the chats already owned (R1.1).
func (s *Service) changeStatus(ctx context.Context, tx parley.Tx, now time.Time, a *parley.Agent, in StatusInput) error {
	changed := a.Status != in.Status || a.PauseReasonID != in.PauseReasonID
	if changed {
		a.Status, a.PauseReasonID, a.StatusChangedAt = in.Status, in.PauseReasonID, now
	}
	a.UpdatedAt = now
	if err := tx.UpdateAgent(ctx, *a); err != nil {
		return err
	}
	emit(tx, now, agentEvent(*a))
	if !changed {
		return nil
	}
	iv := parley.StatusInterval{AgentID: a.ID, Status: a.Status, PauseReasonID: a.PauseReasonID, StartedAt: now}
	if err := tx.StartStatusInterval(ctx, iv); err != nil {
		return err
	}
	if a.Status != parley.StatusActive {
		if err := s.withdrawOffers(ctx, tx, now, a.ID); err != nil {
			return err
		}
	}
	return s.routeAgentQueues(ctx, tx, now, a.ID)
}

// checkRights returns the rights normalized, or an error naming a room or topic
// that does not exist.
func checkRights(ctx context.Context, tx parley.Tx, r parley.AgentRights) (parley.AgentRights, error) {
	r = r.Normalized()
	for _, id := range r.Rooms {
		if _, err := tx.Room(ctx, id); err != nil {
			return r, parley.Errorf(parley.CodeInvalid, "room %d does not exist", id)
		}
	}
	for _, id := range r.Topics {
		if _, err := tx.Topic(ctx, id); err != nil {
			return r, parley.Errorf(parley.CodeInvalid, "topic %d does not exist", id)
		}
	}
	return r, nil
}
