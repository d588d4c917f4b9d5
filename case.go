package parley

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// EventCaseUpdated says a case was created or changed, or a chat was linked to
// it or unlinked, for consoles to read it again. It goes to every agent, so its
// data is only the case's id (CaseRef): what the case says is read through the
// API, which applies who may see it.
const EventCaseUpdated EventKind = "case.updated"

// CaseStatus is where a case stands (R4.1). The set is closed: new (just
// registered), in_progress (someone works on it), resolved (an answer was
// given, the contact may still come back) and closed (nothing more to do). A
// case may move from any status to any other: reopening is a status change too.
type CaseStatus string

// The case statuses.
const (
	CaseNew        CaseStatus = "new"
	CaseInProgress CaseStatus = "in_progress"
	CaseResolved   CaseStatus = "resolved"
	CaseClosed     CaseStatus = "closed"
)

// Valid reports whether s is one of the case statuses.
func (s CaseStatus) Valid() bool {
	return s == CaseNew || s == CaseInProgress || s == CaseResolved || s == CaseClosed
}

// CaseSource says how a case came to be.
type CaseSource string

// The case sources: made from a chat (R4.1), or entered by an agent.
const (
	CaseFromChat CaseSource = "chat"
	CaseManual   CaseSource = "manual"
)

// Bounds of a case's texts, in characters.
const (
	MaxCaseSubject     = 200
	MaxCaseDescription = 20000
)

// Case is a customer's matter that one or more chats are about (R4).
type Case struct {
	ID          int64      `json:"id"`
	Subject     string     `json:"subject"`
	Description string     `json:"description"`
	Source      CaseSource `json:"source"`
	Status      CaseStatus `json:"status"`
	ContactID   int64      `json:"contact_id"`
	// ContactName is the contact's name, read with the case for lists; not stored with it.
	ContactName string `json:"contact_name"`
	AccountID   int64  `json:"account_id"`  // the contact's account (R3.7) when the case was made, 0 for none
	AssigneeID  int64  `json:"assignee_id"` // 0 for nobody
	// RegisteredAt is the case's registration date (R4.1).
	RegisteredAt time.Time `json:"registered_at"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
	CreatedBy    int64     `json:"created_by"`
	// Version guards every update: a save succeeds only on the version it read.
	Version int64 `json:"version"`
}

// CaseRef is the data of EventCaseUpdated.
type CaseRef struct {
	CaseID int64 `json:"case_id"`
}

// CaseOfChat makes the case R4.1 describes of chat c, whose contact is contact,
// created by agent by at now. msgs are the chat's first messages in seq order,
// at least up to its first reply by an agent (or all of them when there is none):
//
//   - subject: the text of the contact's first message with text, cut to
//     MaxCaseSubject characters (the whole text is in the description anyway);
//   - description: the texts of every contact message before the first agent
//     reply, one per line, cut to MaxCaseDescription characters; system,
//     welcome and internal messages are no one's words and are left out;
//   - source chat, status new, registered now; contact the chat's, account the
//     contact's, assignee the chat's agent.
func CaseOfChat(c Chat, contact Contact, msgs []Message, by int64, now time.Time) Case {
	var said []string
	for _, m := range msgs {
		if m.Internal {
			continue
		}
		if m.Author.Kind == ActorAgent {
			break
		}
		if m.Author.Kind != ActorContact {
			continue
		}
		if text := strings.TrimSpace(m.Text); text != "" {
			said = append(said, text)
		}
	}
	k := Case{Source: CaseFromChat, Status: CaseNew, ContactID: c.ContactID, ContactName: contact.Name, AccountID: contact.AccountID,
		AssigneeID: c.OwnerID, RegisteredAt: now, CreatedAt: now, UpdatedAt: now, CreatedBy: by}
	if len(said) > 0 {
		k.Subject = cutText(said[0], MaxCaseSubject)
		k.Description = cutText(strings.Join(said, "\n"), MaxCaseDescription)
	}
	return k
}

// cutText returns s with at most n characters; a cut text ends with an ellipsis.
func cutText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	return strings.TrimRight(string(r), " \t\n") + "…"
}

// SeesAllCases reports whether the viewer sees every case: admins, and
// supervisors whom no room or topic right limits. Anyone else sees the cases
// assigned to them and those linked to a chat they may see.
func (v Viewer) SeesAllCases() bool {
	return v.Role == RoleAdmin || v.Role == RoleSupervisor && v.Rooms == nil && v.Topics == nil
}

// CanSeeCase reports whether the viewer may see case k, whose linked chats are linked.
func (v Viewer) CanSeeCase(k Case, linked []Chat) bool {
	if v.IsVisitor() {
		return false
	}
	if v.SeesAllCases() || k.AssigneeID != 0 && k.AssigneeID == v.AgentID {
		return true
	}
	for _, c := range linked {
		if v.CanSeeChat(c) {
			return true
		}
	}
	return false
}

// CaseFilter selects cases for a list. Zero fields select everything.
type CaseFilter struct {
	ContactID  int64
	Statuses   []CaseStatus
	AssigneeID int64
	// Scope, when set, limits the list to the cases that agent may see.
	Scope *Viewer
	// BeforeID is the cursor: only cases with a smaller id, newest first.
	BeforeID int64
	Limit    int
}

// CaseReader reads cases.
type CaseReader interface {
	Case(ctx context.Context, id int64) (Case, error)
	// Cases returns the cases f selects, newest first.
	Cases(ctx context.Context, f CaseFilter) ([]Case, error)
	// CaseChats returns the chats linked to the case, by id.
	CaseChats(ctx context.Context, caseID int64) ([]Chat, error)
}

// CaseWriter creates and changes cases; a chat's link to its case is the
// chat's CaseID, saved with SaveChat.
type CaseWriter interface {
	// CreateCase stores k with version 1 and sets its ID and Version.
	CreateCase(ctx context.Context, k *Case) error
	// UpdateCase stores k if its version is still k.Version, and increments
	// k.Version; Conflict when another change came first.
	UpdateCase(ctx context.Context, k *Case) error
}
