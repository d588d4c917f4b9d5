package parley

import (
	"strings"
	"time"
	"unicode/utf8"
)

// MaxMessageText is the longest message text, in characters.
const MaxMessageText = 10000

// MaxClientID is the longest client-chosen message id.
const MaxClientID = 128

// MessageKind says how a message is shown.
type MessageKind string

// Message kinds.
const (
	MessageText    MessageKind = "text"
	MessageWelcome MessageKind = "welcome" // the channel's greeting (R5.1)
	// MessageSystem records a change of the chat; clients show it from its Code,
	// in the reader's language, and Text is only an English fallback.
	MessageSystem MessageKind = "system"
)

// The codes of system messages.
const (
	SystemChatAccepted  = "chat_accepted"
	SystemChatCompleted = "chat_completed"
)

// Message is one message of a chat, numbered by Seq within it.
type Message struct {
	ID       int64       `json:"id"`
	ChatID   int64       `json:"chat_id"`
	Seq      int64       `json:"seq"`
	Author   Actor       `json:"author"`
	Kind     MessageKind `json:"kind"`
	Text     string      `json:"text"`
	Code     string      `json:"code,omitempty"` // what a system message says
	ClientID string      `json:"client_id,omitempty"`
	// Internal messages are seen by agents only.
	Internal  bool         `json:"internal,omitempty"`
	CreatedAt time.Time    `json:"created_at"`
	Files     []Attachment `json:"files,omitempty"`
	// DedupeKey makes a sender's repeated delivery return the first message.
	DedupeKey string `json:"-"`
	// Delivery is how far a message to a messenger got (R8.2); empty for
	// messages that go to no provider.
	Delivery       DeliveryStatus `json:"delivery,omitempty"`
	DeliveryReason string         `json:"delivery_reason,omitempty"`
	// EditedAt is when the sender last edited the message; zero when never.
	EditedAt time.Time `json:"edited_at,omitzero"`
	MessageExtra
}

// MessageExtra is what a message may carry beyond text and files.
type MessageExtra struct {
	Location *Location    `json:"location,omitempty"`
	Card     *ContactCard `json:"card,omitempty"`
	Template *TemplateUse `json:"template,omitempty"`
	Subject  string       `json:"subject,omitempty"` // an e-mail's subject
}

// IsZero reports whether the message carries nothing extra.
func (x MessageExtra) IsZero() bool { return x == MessageExtra{} }

// CheckText validates a message text and returns it trimmed.
func CheckText(text string) (string, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return "", Errorf(CodeInvalid, "message text is empty")
	}
	if !utf8.ValidString(text) {
		return "", Errorf(CodeInvalid, "message text is not valid UTF-8")
	}
	if n := utf8.RuneCountInString(text); n > MaxMessageText {
		return "", Errorf(CodeTooLarge, "message text has %d characters, at most %d are allowed", n, MaxMessageText)
	}
	return text, nil
}

// CheckClientID validates a sender's own message id.
func CheckClientID(id string) error {
	if id == "" {
		return Errorf(CodeInvalid, "client_id is required")
	}
	if len(id) > MaxClientID {
		return Errorf(CodeInvalid, "client_id is longer than %d bytes", MaxClientID)
	}
	return nil
}

// MessageFilter selects a page of one chat's messages in sequence order.
type MessageFilter struct {
	ChatID          int64
	AfterSeq        int64 // only messages with a greater seq
	BeforeSeq       int64 // when set, only messages with a smaller seq, newest page first
	Limit           int
	IncludeInternal bool
}
