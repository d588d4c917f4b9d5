package parley

import "time"

// Contact is a person or customer; several identities may belong to one.
type Contact struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone"`
	// AccountID is the company the contact belongs to (R3.7), 0 for none.
	AccountID int64 `json:"account_id"`
	// OwnerID is the agent responsible for the contact, 0 for none.
	OwnerID int64 `json:"owner_id"`
	// Fields are the values of the admin-defined custom fields, by key (R3.6).
	Fields map[string]string `json:"fields"`
	// MergedInto is the contact this one was merged into (R3.3), 0 while it stands.
	MergedInto int64 `json:"merged_into,omitempty"`
	// Photo is the file id of the picture the channel gave (R3.1), empty for none.
	Photo     string    `json:"photo,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// The keys the duplicate rules compare (see MatchKeys); empty never matches.
	PhoneKey string `json:"-"`
	EmailKey string `json:"-"`
	NameKey  string `json:"-"`
}

// Identity is one contact's address on one channel; for the widget, one visitor.
type Identity struct {
	ID         int64   `json:"id"`
	ContactID  int64   `json:"contact_id"`
	ChannelID  int64   `json:"channel_id"`
	ExternalID string  `json:"external_id"`
	Name       string  `json:"name"`
	Visitor    Visitor `json:"visitor"`
	// Unreachable says why the identity cannot be written to (the user blocked
	// the bot, unsubscribed); empty when it can.
	Unreachable string    `json:"unreachable,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Visitor is what the widget tells about the visitor's browser (R3.6).
type Visitor struct {
	PageURL   string `json:"page_url,omitempty"`
	Referrer  string `json:"referrer,omitempty"`
	Language  string `json:"language,omitempty"`
	UserAgent string `json:"user_agent,omitempty"`
	// TimeZone is the browser's IANA time zone (Europe/Moscow): where the
	// visitor is, as far as they tell it, without looking their address up (R3.6).
	TimeZone string            `json:"time_zone,omitempty"`
	UTM      map[string]string `json:"utm,omitempty"` // source, medium, campaign, term, content
	Fields   map[string]string `json:"fields,omitempty"`
}

// Account is a company that contacts belong to (R3.7).
type Account struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}
