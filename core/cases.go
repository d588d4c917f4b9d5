package core

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"parley"
)

// CaseView is a case with the ids of its linked chats that the viewer may see.
type CaseView struct {
	parley.Case
	ChatIDs []int64 `json:"chat_ids"`
}

// CaseQuery selects a page of cases.
type CaseQuery struct {
	ContactID  int64
	Statuses   []parley.CaseStatus
	AssigneeID int64
	Before     int64 // cursor: cases with a smaller id
	Limit      int
}

// CasePage is one page of cases, newest first; Next is the cursor of the next page (0 at the end).
type CasePage struct {
	Cases []parley.Case `json:"cases"`
	Next  int64         `json:"next,omitempty"`
}

// NewCaseInput is a case an agent enters by hand. Status is new when empty;
// AssigneeID is the one who creates it when absent, and 0 leaves it to nobody.
type NewCaseInput struct {
	Subject     string            `json:"subject"`
	Description string            `json:"description"`
	Status      parley.CaseStatus `json:"status,omitempty"`
	ContactID   int64             `json:"contact_id"`
	AssigneeID  *int64            `json:"assignee_id,omitempty"`
}

// CasePatch changes a case; nil fields are left as they are. AssigneeID 0 leaves it to nobody.
type CasePatch struct {
	Subject     *string            `json:"subject,omitempty"`
	Description *string            `json:"description,omitempty"`
	Status      *parley.CaseStatus `json:"status,omitempty"`
	AssigneeID  *int64             `json:"assignee_id,omitempty"`
}

// CaseLinkInput names the case to link a chat to; 0 unlinks it.
type CaseLinkInput struct {
	CaseID int64 `json:"case_id"`
}

// Cases lists the cases the viewer may see, newest first.
func (s *Service) Cases(ctx context.Context, v parley.Viewer, q CaseQuery) (CasePage, error) {
	for _, st := range q.Statuses {
		if !st.Valid() {
			return CasePage{}, invalidStatus(st)
		}
	}
	q.Limit = clampLimit(q.Limit, 50, 500)
	cases, err := s.store.Cases(ctx, parley.CaseFilter{ContactID: q.ContactID, Statuses: q.Statuses,
		AssigneeID: q.AssigneeID, BeforeID: q.Before, Limit: q.Limit, Scope: &v})
	if err != nil {
		return CasePage{}, err
	}
	page := CasePage{Cases: cases}
	if len(cases) == q.Limit {
		page.Next = cases[len(cases)-1].ID
	}
	return page, nil
}

func invalidStatus(st parley.CaseStatus) error {
	return parley.Errorf(parley.CodeInvalid, "status %q is not one of new, in_progress, resolved, closed", st)
}

// Case returns one case the viewer may see, with its linked chats they may see.
func (s *Service) Case(ctx context.Context, v parley.Viewer, id int64) (CaseView, error) {
	return s.visibleCase(ctx, s.store, v, id)
}

// visibleCase loads a case the viewer may see; any other case is not found for them.
func (s *Service) visibleCase(ctx context.Context, r parley.Reader, v parley.Viewer, id int64) (CaseView, error) {
	k, err := r.Case(ctx, id)
	if err != nil {
		return CaseView{}, err
	}
	linked, err := r.CaseChats(ctx, id)
	if err != nil {
		return CaseView{}, err
	}
	if !v.CanSeeCase(k, linked) {
		return CaseView{}, parley.NotFound("case")
	}
	view := CaseView{Case: k, ChatIDs: []int64{}}
	for _, c := range linked {
		if v.CanSeeChat(c) {
			view.ChatIDs = append(view.ChatIDs, c.ID)
		}
	}
	return view, nil
}

// CreateCase registers a case an agent enters by hand for a contact. Any agent
// may; the case is then seen as any other, by its assignee and by who sees its chats.
func (s *Service) CreateCase(ctx context.Context, by parley.Agent, in NewCaseInput) (CaseView, error) {
	subject, err := checkCaseSubject(in.Subject)
	if err != nil {
		return CaseView{}, err
	}
	description, err := checkCaseDescription(in.Description)
	if err != nil {
		return CaseView{}, err
	}
	if in.Status == "" {
		in.Status = parley.CaseNew
	}
	if !in.Status.Valid() {
		return CaseView{}, invalidStatus(in.Status)
	}
	assignee := by.ID
	if in.AssigneeID != nil {
		assignee = *in.AssigneeID
	}
	var out CaseView
	err = s.write(ctx, func(tx parley.Tx, now time.Time) error {
		contact, err := tx.Contact(ctx, in.ContactID)
		if err != nil {
			if parley.IsCode(err, parley.CodeNotFound) {
				return parley.Errorf(parley.CodeInvalid, "contact_id must name a contact; contact %d does not exist", in.ContactID)
			}
			return err
		}
		if err := checkAssignee(ctx, tx, assignee); err != nil {
			return err
		}
		k := parley.Case{Subject: subject, Description: description, Source: parley.CaseManual, Status: in.Status,
			ContactID: contact.ID, ContactName: contact.Name, AccountID: contact.AccountID, AssigneeID: assignee,
			RegisteredAt: now, CreatedAt: now, UpdatedAt: now, CreatedBy: by.ID}
		if err := tx.CreateCase(ctx, &k); err != nil {
			return err
		}
		emitCase(tx, now, k.ID)
		// The creator gets the case back even when it goes to someone they cannot see it through.
		out = CaseView{Case: k, ChatIDs: []int64{}}
		return nil
	})
	return out, err
}

// UpdateCase changes a case the viewer may see.
func (s *Service) UpdateCase(ctx context.Context, by parley.Agent, v parley.Viewer, id int64, in CasePatch) (CaseView, error) {
	var out CaseView
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		view, err := s.visibleCase(ctx, tx, v, id)
		if err != nil {
			return err
		}
		k := view.Case
		if err := in.apply(ctx, tx, &k); err != nil {
			return err
		}
		k.UpdatedAt = now
		if err := tx.UpdateCase(ctx, &k); err != nil {
			return err
		}
		view.Case = k
		out = view
		emitCase(tx, now, k.ID)
		return nil
	})
	return out, err
}

func (in CasePatch) apply(ctx context.Context, tx parley.Tx, k *parley.Case) error {
	if in.Subject != nil {
		subject, err := checkCaseSubject(*in.Subject)
		if err != nil {
			return err
		}
		k.Subject = subject
	}
	if in.Description != nil {
		description, err := checkCaseDescription(*in.Description)
		if err != nil {
			return err
		}
		k.Description = description
	}
	if in.Status != nil {
		if !in.Status.Valid() {
			return invalidStatus(*in.Status)
		}
		k.Status = *in.Status
	}
	if in.AssigneeID != nil && *in.AssigneeID != k.AssigneeID {
		if err := checkAssignee(ctx, tx, *in.AssigneeID); err != nil {
			return err
		}
		k.AssigneeID = *in.AssigneeID
	}
	return nil
}

func checkCaseSubject(subject string) (string, error) {
	subject = strings.TrimSpace(subject)
	switch n := utf8.RuneCountInString(subject); {
	case !utf8.ValidString(subject):
		return "", parley.Errorf(parley.CodeInvalid, "subject is not valid UTF-8")
	case n == 0:
		return "", parley.Errorf(parley.CodeInvalid, "subject is required")
	case n > parley.MaxCaseSubject:
		return "", parley.Errorf(parley.CodeInvalid, "subject may have at most %d characters", parley.MaxCaseSubject)
	}
	return subject, nil
}

func checkCaseDescription(description string) (string, error) {
	description = strings.TrimSpace(description)
	switch {
	case !utf8.ValidString(description):
		return "", parley.Errorf(parley.CodeInvalid, "description is not valid UTF-8")
	case utf8.RuneCountInString(description) > parley.MaxCaseDescription:
		return "", parley.Errorf(parley.CodeInvalid, "description may have at most %d characters", parley.MaxCaseDescription)
	}
	return description, nil
}

// checkAssignee refuses an assignee that is not an agent who may work; 0 is nobody.
func checkAssignee(ctx context.Context, tx parley.Tx, id int64) error {
	switch {
	case id == 0:
		return nil
	case id < 0:
		return parley.Errorf(parley.CodeInvalid, "assignee_id must name an agent, or be 0 for nobody")
	}
	a, err := tx.Agent(ctx, id)
	switch {
	case parley.IsCode(err, parley.CodeNotFound):
		return parley.Errorf(parley.CodeInvalid, "agent %d does not exist", id)
	case err != nil:
		return err
	case a.Disabled:
		return parley.Errorf(parley.CodeInvalid, "agent %d is deactivated", id)
	}
	return nil
}

// CreateCaseFromChat makes a case of a chat the agent sees, as R4.1 says (see
// parley.CaseOfChat), and links the chat to it in the same transaction.
func (s *Service) CreateCaseFromChat(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64) (CaseView, error) {
	var out CaseView
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.linkableChat(ctx, tx, v, chatID)
		if err != nil {
			return err
		}
		if c.CaseID != 0 {
			return parley.Errorf(parley.CodeConflict, "chat %d is already linked to case %d; unlink it first", c.ID, c.CaseID)
		}
		contact, err := tx.Contact(ctx, c.ContactID)
		if err != nil {
			return err
		}
		msgs, err := firstExchange(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		k := parley.CaseOfChat(c, contact, msgs, by.ID, now)
		if err := tx.CreateCase(ctx, &k); err != nil {
			return err
		}
		if err := s.saveCaseLink(ctx, tx, now, &c, k.ID); err != nil {
			return err
		}
		emitCase(tx, now, k.ID)
		out = CaseView{Case: k, ChatIDs: []int64{c.ID}}
		return nil
	})
	return out, err
}

// firstExchangePage is how many messages firstExchange reads at a time.
const firstExchangePage = 200

// firstExchange reads the chat's messages, internal ones left out, up to its
// first agent reply, or all of them when no agent replied. It stops early once
// the contact's words fill a case's description.
func firstExchange(ctx context.Context, r parley.Reader, chatID int64) ([]parley.Message, error) {
	var out []parley.Message
	said := 0
	for after := int64(0); ; {
		page, err := r.Messages(ctx, parley.MessageFilter{ChatID: chatID, AfterSeq: after, Limit: firstExchangePage})
		if err != nil {
			return nil, err
		}
		for _, m := range page {
			out = append(out, m)
			if m.Author.Kind == parley.ActorAgent {
				return out, nil
			}
			said += utf8.RuneCountInString(m.Text)
		}
		if len(page) < firstExchangePage || said > parley.MaxCaseDescription {
			return out, nil
		}
		after = page[len(page)-1].Seq
	}
}

// LinkCase links a chat the agent sees to a case of its contact (R4.2), or
// unlinks it with case id 0. A chat is linked to one case at most; linking it
// to another moves it.
func (s *Service) LinkCase(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64, in CaseLinkInput) (parley.Chat, error) {
	if in.CaseID < 0 {
		return parley.Chat{}, parley.Errorf(parley.CodeInvalid, "case_id must name a case, or be 0 to unlink")
	}
	var out parley.Chat
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.linkableChat(ctx, tx, v, chatID)
		if err != nil {
			return err
		}
		if c.CaseID == in.CaseID {
			out = c
			return nil
		}
		if in.CaseID != 0 {
			k, err := s.visibleCase(ctx, tx, v, in.CaseID)
			if parley.IsCode(err, parley.CodeNotFound) {
				return parley.Errorf(parley.CodeInvalid, "case %d does not exist or is not yours to see", in.CaseID)
			}
			if err != nil {
				return err
			}
			if k.ContactID != c.ContactID {
				return parley.Errorf(parley.CodeInvalid,
					"case %d belongs to another contact: a chat links only to a case of its own contact", k.ID)
			}
		}
		old := c.CaseID
		if err := s.saveCaseLink(ctx, tx, now, &c, in.CaseID); err != nil {
			return err
		}
		for _, id := range []int64{old, in.CaseID} {
			if id != 0 {
				emitCase(tx, now, id)
			}
		}
		out = c
		return nil
	})
	return out, err
}

// linkableChat loads a chat the viewer sees whose case may change: any but a deleted one.
func (s *Service) linkableChat(ctx context.Context, tx parley.Tx, v parley.Viewer, chatID int64) (parley.Chat, error) {
	c, err := s.visibleChat(ctx, tx, v, chatID)
	if err != nil {
		return c, err
	}
	if c.DeletedAt != nil {
		return parley.Chat{}, parley.Errorf(parley.CodeConflict, "chat %d is deleted; restore it first", c.ID)
	}
	return c, nil
}

// saveCaseLink links c to case caseID (0: none) and tells those who see the chat.
func (s *Service) saveCaseLink(ctx context.Context, tx parley.Tx, now time.Time, c *parley.Chat, caseID int64) error {
	c.CaseID, c.UpdatedAt = caseID, now
	if err := tx.SaveChat(ctx, c); err != nil {
		return err
	}
	emit(tx, now, parley.ChatEvent(parley.EventChatUpdated, parley.AudienceQueue|parley.AudienceAgent, *c, chatAgent(*c), *c))
	return nil
}

// emitCase tells every console that case id changed; they read it again if they may.
func emitCase(tx parley.Tx, now time.Time, id int64) {
	emit(tx, now, parley.NewEvent(parley.EventCaseUpdated, parley.AudienceStaff, parley.CaseRef{CaseID: id}))
}
