package parley

import (
	"context"
	"time"
)

// Events of contacts.
const (
	EventContactUpdated EventKind = "contact.updated" // data: Contact
	// EventContactMerged follows a merge and its undoing. Data: Merge.
	EventContactMerged EventKind = "contact.merged"
)

// DuplicateRules are the rules admins switch on to find similar contacts (R3.3).
type DuplicateRules struct {
	Phone bool `json:"phone"` // the same phone number, in E.164
	Email bool `json:"email"` // the same e-mail address, in any case
	Name  bool `json:"name"`  // the same name of two words or more, in Latin or Cyrillic letters
	// PhoneRegion is the country (ISO 3166 code, such as RU) of numbers written
	// without a country code; without it only numbers with one are matched.
	PhoneRegion string `json:"phone_region"`
}

// DefaultDuplicateRules are the rules until an admin sets them: phone and e-mail.
func DefaultDuplicateRules() DuplicateRules { return DuplicateRules{Phone: true, Email: true} }

// Similar is a contact like another, with the rules it matched by.
type Similar struct {
	Contact Contact  `json:"contact"`
	Rules   []string `json:"rules"` // phone, email, name
	// Current marks the contact the list is about (R3.3).
	Current bool `json:"current,omitempty"`
}

// Merge records one contact merged into another, and what moved, so that it
// can be undone exactly.
type Merge struct {
	ID       int64      `json:"id"`
	IntoID   int64      `json:"into_id"`
	FromID   int64      `json:"from_id"`
	By       int64      `json:"by"`
	At       time.Time  `json:"at"`
	UndoneAt *time.Time `json:"undone_at,omitempty"`
	UndoneBy int64      `json:"undone_by,omitempty"`
	Moved    Moved      `json:"moved"`
}

// Moved is what a merge moved from one contact to the other.
type Moved struct {
	Identities []int64 `json:"identities"`
	Chats      []int64 `json:"chats"`
	Cases      []int64 `json:"cases"`
	// Filled are the fields of the contact merged into that were empty and took
	// the other's value, by name (name, email, phone, account_id, owner_id, or a
	// custom field's key), with their empty value before.
	Filled []string `json:"filled,omitempty"`
	// Into is the contact merged into as it was before.
	Into Contact `json:"into"`
}

// SimilarQuery selects the contacts like one by the rules that are on.
type SimilarQuery struct {
	Contact Contact
	Rules   DuplicateRules
	Limit   int
}

// DuplicateReader reads similar contacts and merges.
type DuplicateReader interface {
	// SimilarContacts returns the standing contacts sharing a key of q.Contact
	// under a rule that is on, but those marked not duplicates of it.
	SimilarContacts(ctx context.Context, q SimilarQuery) ([]Similar, error)
	Merge(ctx context.Context, id int64) (Merge, error)
	// Merges returns the merges into or from the contact, newest first.
	Merges(ctx context.Context, contactID int64) ([]Merge, error)
	Account(ctx context.Context, id int64) (Account, error)
	Accounts(ctx context.Context, q string, limit int) ([]Account, error)
	ContactFields(ctx context.Context) ([]ContactField, error)
	// Contacts returns standing contacts, of the account or owner when set,
	// newest first below Before.
	Contacts(ctx context.Context, f ContactFilter) ([]Contact, error)
	// StaleContactKeys returns up to limit contacts whose keys an older version of
	// the key rules made.
	StaleContactKeys(ctx context.Context, limit int) ([]Contact, error)
	// ContactsAfter returns up to limit contacts with an id above after, by id.
	ContactsAfter(ctx context.Context, after int64, limit int) ([]Contact, error)
	// Identities returns the contact's identities, oldest first.
	Identities(ctx context.Context, contactID int64) ([]Identity, error)
}

// ContactFilter selects a page of contacts.
type ContactFilter struct {
	AccountID int64
	OwnerID   int64
	Before    int64
	Limit     int
}

// DuplicateWriter records merges and the pairs that are not duplicates.
type DuplicateWriter interface {
	// MergeContacts moves from's identities, chats (and their messages'
	// authorship) and cases to into, marks from merged, and stores m with its ID;
	// Conflict when either is merged already.
	MergeContacts(ctx context.Context, m *Merge) error
	// UndoMerge moves back what m moved and lets its contact stand again.
	UndoMerge(ctx context.Context, m Merge, by int64, at time.Time) error
	// NotDuplicates remembers that two contacts are different people.
	NotDuplicates(ctx context.Context, a, b, by int64, at time.Time) error
	CreateAccount(ctx context.Context, a *Account) error // Conflict when the name is taken
	UpdateAccount(ctx context.Context, a Account) error
	CreateContactField(ctx context.Context, f *ContactField) error // Conflict when the key is taken
	UpdateContactField(ctx context.Context, f ContactField) error
	DeleteContactField(ctx context.Context, id int64) error
}
