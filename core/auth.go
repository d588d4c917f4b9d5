package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"time"

	"golang.org/x/crypto/bcrypt"

	"parley"
)

const defaultBcryptCost = 11

// Principal is an authenticated agent and the session that authenticated them.
type Principal struct {
	Agent   parley.Agent
	Session parley.Session
}

// LoginResult is what a successful login gives: the agent, the session token
// (a bearer token, and the console's cookie value) and the CSRF token for cookie use.
type LoginResult struct {
	Agent     parley.Agent `json:"agent"`
	Token     string       `json:"token"`
	CSRFToken string       `json:"csrf_token"`
	ExpiresAt time.Time    `json:"expires_at"`
}

// hashToken is how session tokens are kept: only their SHA-256.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func errBadCredentials() error {
	return parley.Errorf(parley.CodeUnauthorized, "wrong e-mail or password")
}

// Login checks an e-mail and password, opens a session and restores the status
// held before the last logout (R1.2).
func (s *Service) Login(ctx context.Context, email, password string) (LoginResult, error) {
	email, err := parley.NormalizeEmail(email)
	if err != nil {
		return LoginResult{}, errBadCredentials()
	}
	agent, err := s.store.AgentByEmail(ctx, email)
	if parley.IsCode(err, parley.CodeNotFound) {
		_ = bcrypt.CompareHashAndPassword(s.unknownAgentHash, []byte(password))
		return LoginResult{}, errBadCredentials()
	}
	if err != nil {
		return LoginResult{}, err
	}
	if bcrypt.CompareHashAndPassword([]byte(agent.PasswordHash), []byte(password)) != nil {
		return LoginResult{}, errBadCredentials()
	}
	if agent.Disabled {
		return LoginResult{}, parley.Errorf(parley.CodeForbidden, "this account is deactivated")
	}
	res := LoginResult{Token: randomToken(32), CSRFToken: randomToken(24)}
	err = s.write(ctx, func(tx parley.Tx, now time.Time) error {
		res.ExpiresAt = now.Add(s.cfg.SessionTTL)
		sess := parley.Session{TokenHash: hashToken(res.Token), AgentID: agent.ID, CSRFToken: res.CSRFToken, CreatedAt: now, ExpiresAt: res.ExpiresAt}
		if err := tx.CreateSession(ctx, sess); err != nil {
			return err
		}
		a, err := tx.Agent(ctx, agent.ID)
		if err != nil {
			return err
		}
		if err := s.restoreStatus(ctx, tx, now, &a); err != nil {
			return err
		}
		res.Agent = a
		return nil
	})
	return res, err
}

// Logout ends the session and makes the agent inactive, remembering the status
// they held so that the next login restores it (R1.2).
func (s *Service) Logout(ctx context.Context, p Principal) error {
	return s.write(ctx, func(tx parley.Tx, now time.Time) error {
		if err := tx.DeleteSession(ctx, p.Session.TokenHash); err != nil {
			return err
		}
		a, err := tx.Agent(ctx, p.Agent.ID)
		if err != nil {
			return err
		}
		return s.logOut(ctx, tx, now, &a)
	})
}

// logOut makes a inactive, remembering the status held for the next login (R1.2).
func (s *Service) logOut(ctx context.Context, tx parley.Tx, now time.Time, a *parley.Agent) error {
	a.StatusBeforeLogout, a.PauseReasonBeforeLogout = a.Status, a.PauseReasonID
	return s.changeStatus(ctx, tx, now, a, StatusInput{Status: parley.StatusInactive})
}

// restoreStatus gives a back the status held before logging out, if any (R1.2).
// A pause whose reason was deactivated since comes back as inactive.
func (s *Service) restoreStatus(ctx context.Context, tx parley.Tx, now time.Time, a *parley.Agent) error {
	if a.StatusBeforeLogout == "" {
		return nil
	}
	next := StatusInput{Status: a.StatusBeforeLogout, PauseReasonID: a.PauseReasonBeforeLogout}
	a.StatusBeforeLogout, a.PauseReasonBeforeLogout = "", 0
	if next.Status == parley.StatusPaused {
		r, err := tx.PauseReason(ctx, next.PauseReasonID)
		if err != nil && !parley.IsCode(err, parley.CodeNotFound) {
			return err
		}
		if err != nil || !r.Active {
			next = StatusInput{Status: parley.StatusInactive}
		}
	}
	return s.changeStatus(ctx, tx, now, a, next)
}

// Authenticate finds the live session of a token and its agent.
func (s *Service) Authenticate(ctx context.Context, token string) (Principal, error) {
	if token == "" {
		return Principal{}, parley.Errorf(parley.CodeUnauthorized, "not logged in")
	}
	sess, err := s.store.Session(ctx, hashToken(token))
	if parley.IsCode(err, parley.CodeNotFound) || (err == nil && !s.clock.Now().Before(sess.ExpiresAt)) {
		return Principal{}, parley.Errorf(parley.CodeUnauthorized, "the session has ended; log in again")
	}
	if err != nil {
		return Principal{}, err
	}
	agent, err := s.store.Agent(ctx, sess.AgentID)
	if err != nil {
		return Principal{}, err
	}
	if agent.Disabled {
		return Principal{}, parley.Errorf(parley.CodeUnauthorized, "this account is deactivated")
	}
	return Principal{Agent: agent, Session: sess}, nil
}

// ViewerOf returns what an agent may see: their role, the queues of the rooms
// their rights allow (R7.1), the topics allowed (R2.16) and the open chats they
// take part in (R2.14).
func (s *Service) ViewerOf(ctx context.Context, a parley.Agent) (parley.Viewer, error) {
	v := parley.Viewer{AgentID: a.ID, Role: a.Role, SeesDeleted: a.SeesDeleted()}
	if a.Role != parley.RoleAdmin {
		rights := a.Rights.Normalized()
		v.Rooms, v.Topics = rights.Rooms, rights.Topics
	}
	member, err := s.store.AgentQueues(ctx, a.ID)
	if err != nil {
		return v, err
	}
	v.Queues = member
	if v.Rooms != nil {
		inRooms, err := s.store.QueueIDsOfRooms(ctx, v.Rooms)
		if err != nil {
			return v, err
		}
		// A supervisor limited to some rooms sees all their queues; an agent,
		// the queues they belong to among them.
		if a.Role == parley.RoleSupervisor {
			v.Queues = inRooms
		} else {
			v.Queues = slices.DeleteFunc(member, func(id int64) bool {
				_, ok := slices.BinarySearch(inRooms, id)
				return !ok
			})
		}
	}
	v.Chats, err = s.store.ParticipantChats(ctx, a.ID)
	return v, err
}

func (s *Service) hashPassword(password string) (string, error) {
	if len(password) < parley.MinPasswordLen {
		return "", parley.Errorf(parley.CodeInvalid, "the password needs at least %d characters", parley.MinPasswordLen)
	}
	if len(password) > 72 { // bcrypt reads no further
		return "", parley.Errorf(parley.CodeInvalid, "the password may have at most 72 bytes")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), s.cfg.BcryptCost)
	return string(h), err
}
