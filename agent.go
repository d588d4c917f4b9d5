package parley

import (
	"net/mail"
	"strings"
	"time"
)

// Role decides what an agent may do.
type Role string

// The roles, from least to most rights.
const (
	RoleAgent      Role = "agent"
	RoleSupervisor Role = "supervisor"
	RoleAdmin      Role = "admin"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleAgent || r == RoleSupervisor || r == RoleAdmin }

// SeesAll reports whether the role sees every chat and every agent's events.
func (r Role) SeesAll() bool { return r == RoleSupervisor || r == RoleAdmin }

// AgentStatus decides whether chats are distributed to an agent (R1.1).
type AgentStatus string

// The statuses of R1.1 and R1.3. Only an active agent is distributed to; a paused
// one, like an inactive one, keeps the chats already received.
const (
	StatusActive   AgentStatus = "active"
	StatusInactive AgentStatus = "inactive"
	StatusPaused   AgentStatus = "paused" // with a pause reason
)

// Valid reports whether s is a known status.
func (s AgentStatus) Valid() bool {
	return s == StatusActive || s == StatusInactive || s == StatusPaused
}

// Agent is an employee who answers chats.
type Agent struct {
	ID     int64       `json:"id"`
	Email  string      `json:"email"`
	Name   string      `json:"name"`
	Role   Role        `json:"role"`
	Status AgentStatus `json:"status"`
	// PauseReasonID names the pause reason while Status is paused, else 0.
	PauseReasonID int64         `json:"pause_reason_id,omitempty"`
	Disabled      bool          `json:"disabled"` // deactivated by an admin: cannot log in, gets no chats
	Language      string        `json:"language"`
	Settings      AgentSettings `json:"settings"`
	Rights        AgentRights   `json:"rights"`
	// ChatLimit is the agent's own simultaneous-chats limit; nil follows the queues (R1.4).
	ChatLimit *int `json:"chat_limit"`
	// StatusBeforeLogout is restored at the next login (R1.2).
	StatusBeforeLogout AgentStatus `json:"-"`
	// PauseReasonBeforeLogout is the pause reason restored with StatusBeforeLogout.
	PauseReasonBeforeLogout int64 `json:"-"`
	// ConsoleSeenAt is when a node last saw one of the agent's consoles connected
	// (zero when none is awaited); ConsoleOnline is whether the agent counts as
	// connected. Neither is written by UpdateAgent: presence has its own writes.
	ConsoleSeenAt time.Time `json:"-"`
	ConsoleOnline bool      `json:"-"`
	PasswordHash  string    `json:"-"`
	// LastAssignedAt orders equally busy agents: the longest idle is offered first.
	LastAssignedAt  time.Time `json:"-"`
	StatusChangedAt time.Time `json:"status_changed_at"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
}

// AgentSettings are an agent's console preferences (R1.5).
type AgentSettings struct {
	SoundNewMessage      bool `json:"sound_new_message"`
	SoundNewChat         bool `json:"sound_new_chat"`
	DesktopNotifications bool `json:"desktop_notifications"`
}

// DefaultAgentSettings are a new agent's: every signal on, so nothing is missed.
func DefaultAgentSettings() AgentSettings {
	return AgentSettings{SoundNewMessage: true, SoundNewChat: true, DesktopNotifications: true}
}

// Languages the console speaks.
var consoleLanguages = map[string]bool{"en": true, "ru": true}

// ValidLanguage reports whether the console speaks lang.
func ValidLanguage(lang string) bool { return consoleLanguages[lang] }

// NormalizeEmail lowercases and trims an address and checks its form.
func NormalizeEmail(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s {
		return "", Errorf(CodeInvalid, "%q is not an e-mail address", s)
	}
	return s, nil
}

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 8

// Session is a logged-in console or API client. Only the hash of its token is kept.
type Session struct {
	TokenHash string    `json:"-"`
	AgentID   int64     `json:"agent_id"`
	CSRFToken string    `json:"-"` // required in X-CSRF-Token on cookie-authenticated writes
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}
