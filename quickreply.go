package parley

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Events that keep consoles' quick replies and drafts current.
const (
	EventQuickReplyUpdated EventKind = "quick_reply.updated" // data: QuickReply
	EventQuickReplyDeleted EventKind = "quick_reply.deleted" // data: {"id"}
	// EventDraftUpdated goes to the draft's agent alone, so that their other
	// devices follow. Data: Draft, with empty text when it was deleted.
	EventDraftUpdated EventKind = "draft.updated"
)

// QuickReplyEvent builds kind's event for r, addressed to whom r's scope concerns:
// its agent, the members of its queue, or every agent.
func QuickReplyEvent(kind EventKind, r QuickReply, data any) Event {
	switch r.Scope {
	case ScopeAgent:
		e := NewEvent(kind, AudienceAgent, data)
		e.AgentID = r.ScopeID
		return e
	case ScopeQueue:
		e := NewEvent(kind, AudienceQueue, data)
		e.QueueID = r.ScopeID
		return e
	}
	return NewEvent(kind, AudienceStaff, data)
}

// Limits of a quick reply, in characters.
const (
	MaxQuickReplyName = 100
	MaxQuickReplyText = 4000
)

// QuickReplyScope says to whom a quick reply applies (R2.11).
type QuickReplyScope string

// The scopes of quick replies; ScopeID names the room, queue or agent.
const (
	ScopeAll   QuickReplyScope = "all"   // every agent; ScopeID is 0
	ScopeRoom  QuickReplyScope = "room"  // agents of the room's queues
	ScopeQueue QuickReplyScope = "queue" // the queue's members
	ScopeAgent QuickReplyScope = "agent" // one agent's own
)

// Valid reports whether s is a known scope.
func (s QuickReplyScope) Valid() bool {
	return s == ScopeAll || s == ScopeRoom || s == ScopeQueue || s == ScopeAgent
}

// QuickReply is a reply template an agent picks instead of typing (R2.11).
// Its text may hold the placeholders that Render fills.
type QuickReply struct {
	ID        int64           `json:"id"`
	Name      string          `json:"name"`
	Text      string          `json:"text"`
	Scope     QuickReplyScope `json:"scope"`
	ScopeID   int64           `json:"scope_id"`
	CreatedBy int64           `json:"created_by"`
	CreatedAt time.Time       `json:"created_at"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// Check validates a quick reply's fields, trimming its name and text.
func (r *QuickReply) Check() error {
	r.Name = strings.TrimSpace(r.Name)
	r.Text = strings.TrimSpace(r.Text)
	switch {
	case r.Name == "":
		return Errorf(CodeInvalid, "name is required")
	case !utf8.ValidString(r.Name) || !utf8.ValidString(r.Text):
		return Errorf(CodeInvalid, "name and text must be valid UTF-8")
	case utf8.RuneCountInString(r.Name) > MaxQuickReplyName:
		return Errorf(CodeInvalid, "name has %d characters, at most %d are allowed", utf8.RuneCountInString(r.Name), MaxQuickReplyName)
	case r.Text == "":
		return Errorf(CodeInvalid, "text is required")
	case utf8.RuneCountInString(r.Text) > MaxQuickReplyText:
		return Errorf(CodeInvalid, "text has %d characters, at most %d are allowed", utf8.RuneCountInString(r.Text), MaxQuickReplyText)
	case !r.Scope.Valid():
		return Errorf(CodeInvalid, "scope must be all, room, queue or agent, not %.40q", r.Scope)
	case r.Scope == ScopeAll && r.ScopeID != 0:
		return Errorf(CodeInvalid, "scope_id must be 0 for scope all")
	case r.Scope != ScopeAll && r.ScopeID <= 0:
		return Errorf(CodeInvalid, "scope_id is required for scope %s", r.Scope)
	}
	return nil
}

// Matches reports whether the name or text holds q, ignoring case in any
// script (done here rather than in SQL: SQLite's lower() folds ASCII only).
func (r QuickReply) Matches(q string) bool {
	q = strings.ToLower(strings.TrimSpace(q))
	return q == "" || strings.Contains(strings.ToLower(r.Name), q) || strings.Contains(strings.ToLower(r.Text), q)
}

// The placeholders a quick reply's text may hold. Anything else in braces is
// left as typed, so that a template never loses text to a misspelt placeholder.
const (
	PlaceholderContactName = "{contact.name}"
	PlaceholderAgentName   = "{agent.name}"
)

// Render fills a template's placeholders with the contact's and the agent's names.
func Render(template, contactName, agentName string) string {
	return strings.NewReplacer(PlaceholderContactName, contactName, PlaceholderAgentName, agentName).Replace(template)
}

// QuickReplyFilter selects quick replies: with All, every one; otherwise those of
// scope all, of the rooms, of the queues, and of the agent.
type QuickReplyFilter struct {
	All      bool
	RoomIDs  []int64
	QueueIDs []int64
	AgentID  int64
}

// QuickReplyReader reads quick replies.
type QuickReplyReader interface {
	QuickReply(ctx context.Context, id int64) (QuickReply, error)
	// QuickReplies returns the quick replies f selects, by name.
	QuickReplies(ctx context.Context, f QuickReplyFilter) ([]QuickReply, error)
}

// QuickReplyWriter changes quick replies.
type QuickReplyWriter interface {
	CreateQuickReply(ctx context.Context, r *QuickReply) error
	UpdateQuickReply(ctx context.Context, r QuickReply) error
	DeleteQuickReply(ctx context.Context, id int64) error
}
