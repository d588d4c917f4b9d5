package parley

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Provider is one messaging provider's adapter: it reads the provider's
// webhooks, sends through its API and fetches its media. It keeps no state of
// its own between calls; everything it needs comes with the channel.
type Provider interface {
	// Spec describes the channel type: its settings, its secrets, its limits.
	Spec() ProviderSpec
	// Webhook checks a delivery's signature or secret on the raw body and turns
	// it into what it carries. A failed check is a Forbidden error, and nothing
	// of the delivery may be used then. Webhook does no I/O: the answer must be
	// fast, so media are only named (MediaRef) and fetched after the commit.
	Webhook(ctx context.Context, ch Channel, req WebhookRequest) (WebhookResult, error)
	// Send delivers one message and returns the provider's id for it. Errors
	// are *DeliveryError, which say whether a retry may succeed.
	Send(ctx context.Context, ch Channel, out Outbound) (SendResult, error)
	// Fetch downloads one medium named by an inbound message.
	Fetch(ctx context.Context, ch Channel, ref MediaRef) (io.ReadCloser, error)
	// Connect registers webhookURL with the provider where it has an API for
	// that; ErrNoConnect where it has none (the URL is then copied by hand).
	Connect(ctx context.Context, ch Channel, webhookURL string) error
}

// Poller is a provider that is read rather than called, such as a mailbox.
type Poller interface {
	// Poll reads what arrived since the last poll and hands each item to take,
	// marking it as read only after take succeeded.
	Poll(ctx context.Context, ch Channel, take func(context.Context, Inbound) error) error
}

// ProfileReader is a provider whose messages do not carry the sender's name,
// which it gives on request (Messenger's User Profile API). The name is asked
// for after the commit, so that the webhook's answer never waits for it.
type ProfileReader interface {
	// Profile returns what the provider tells of the user externalID.
	Profile(ctx context.Context, ch Channel, externalID string) (Sender, error)
}

// ErrNoConnect is returned by Connect for providers whose webhook is set by hand.
var ErrNoConnect = errors.New("the provider has no API to register a webhook: copy the URL into its settings")

// ProviderSpec describes a channel type for the admin screen and the outbox.
type ProviderSpec struct {
	Type ChannelType `json:"type"`
	// Settings are the channel's plain settings, shown and edited as they are.
	Settings []SettingSpec `json:"settings"`
	// Secrets are written once and never shown again.
	Secrets []SettingSpec `json:"secrets"`
	// RatePerSecond is the most messages the provider takes per second per channel.
	RatePerSecond float64 `json:"rate_per_second"`
	// Connectable says whether Connect registers the webhook.
	Connectable bool `json:"connectable"`
	// Polled says the channel is read by Poll, and has no webhook.
	Polled bool `json:"polled"`
	// Templates says that outside the reply window (ChannelType.ReplyWindows)
	// an approved template message may be sent.
	Templates bool `json:"templates"`
}

// SettingSpec is one setting or secret of a channel type.
type SettingSpec struct {
	Key      string `json:"key"`
	Label    string `json:"label"` // English; the console translates by key
	Required bool   `json:"required"`
	Default  string `json:"default,omitempty"`
}

// WebhookRequest is one webhook delivery as it came, body unread by anyone else.
type WebhookRequest struct {
	Method string
	Header http.Header
	Query  url.Values
	Body   []byte
}

// WebhookResult is what one delivery carries, and what to answer.
type WebhookResult struct {
	// Reply, when set, is the answer's body (a verification challenge); else "ok".
	Reply       string
	Inbound     []Inbound
	Statuses    []StatusUpdate
	Reachable   []ReachChange
	AfterCommit func(ctx context.Context) error // e.g. answering a Telegram callback query
}

// ReachChange says a user can or cannot be written to any more (a blocked
// Telegram bot, a Viber unsubscribe), or is again.
type ReachChange struct {
	ExternalID string
	Reachable  bool
	Reason     string
	Sender     Sender // what the event tells of the user, for an identity not yet known
}

// Inbound is one message from a contact, as the provider gave it.
type Inbound struct {
	// ExternalID is the provider's id of the message, unique within the channel.
	ExternalID string
	Sender     Sender
	Text       string
	Location   *Location
	Card       *ContactCard
	Media      []MediaRef
	// Edit marks a new version of the message ExternalID names.
	Edit   bool
	SentAt time.Time
	// ThreadChatID is the chat the message answers, when the provider tells
	// (e-mail headers); 0 otherwise.
	ThreadChatID int64
	// Subject is an e-mail's subject; Original its whole text before quotes were stripped.
	Subject  string
	Original string
}

// Sender is the contact as the provider describes them (R3.1).
type Sender struct {
	ExternalID string // Telegram user id, phone, Viber id, PSID, e-mail address
	Name       string
	Phone      string
	Email      string
	Avatar     *MediaRef
}

// MediaRef names a medium to fetch after the commit.
type MediaRef struct {
	ID          string `json:"id,omitempty"`  // the provider's id (Telegram file_id, WhatsApp media id)
	URL         string `json:"url,omitempty"` // a direct link, when the provider gives one
	Name        string `json:"name,omitempty"`
	ContentType string `json:"content_type,omitempty"`
	Kind        string `json:"kind"` // image, document, audio, video, sticker, voice
	// Data is the content itself, when the provider sends it inline (e-mail).
	Data []byte `json:"data,omitempty"`
}

// Location is a point a contact sent.
type Location struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
	Name      string  `json:"name,omitempty"`
	Address   string  `json:"address,omitempty"`
}

// ContactCard is a person's card a contact sent.
type ContactCard struct {
	Name   string   `json:"name"`
	Phones []string `json:"phones,omitempty"`
	Emails []string `json:"emails,omitempty"`
}

// DeliveryStatus is how far an outbound message got.
type DeliveryStatus string

// Delivery statuses, in the order they advance.
const (
	DeliveryQueued    DeliveryStatus = "queued"
	DeliverySent      DeliveryStatus = "sent"
	DeliveryFailed    DeliveryStatus = "failed"
	DeliveryDelivered DeliveryStatus = "delivered"
	DeliveryRead      DeliveryStatus = "read"
)

// deliveryRank orders statuses: a status replaces another only when it ranks
// higher, so late or repeated webhooks never undo anything. Failed outranks
// sent (a window-closed error arrives after the send succeeded) but not
// delivered or read, which prove the message arrived.
var deliveryRank = map[DeliveryStatus]int{DeliveryQueued: 1, DeliverySent: 2, DeliveryFailed: 3, DeliveryDelivered: 4, DeliveryRead: 5}

// Advances reports whether next may replace s.
func (s DeliveryStatus) Advances(next DeliveryStatus) bool {
	return deliveryRank[next] > deliveryRank[s]
}

// Valid reports whether s is a known status.
func (s DeliveryStatus) Valid() bool { return deliveryRank[s] > 0 }

// StatusUpdate is a provider's word on an outbound message.
type StatusUpdate struct {
	ExternalID string // the id Send returned
	Status     DeliveryStatus
	Reason     string // why it failed
	At         time.Time
}

// Outbound is one message to send.
type Outbound struct {
	MessageID int64
	ChatID    int64
	To        string // the identity's external id
	Text      string
	Files     []OutboundFile
	Template  *TemplateUse // WhatsApp outside the window
	Tag       string       // Messenger's HUMAN_AGENT outside 24 hours
	Location  *Location
	// E-mail threading: the subject and the Message-IDs the chat holds, oldest first.
	Subject    string
	References []string
	// AgentName signs the message where the provider shows a sender (Viber, e-mail).
	AgentName string
}

// OutboundFile is a file to send with a message.
type OutboundFile struct {
	Name        string
	ContentType string
	Size        int64
	Image       bool
	Open        func(ctx context.Context) (io.ReadCloser, error)
}

// TemplateUse is an approved template and its parameters.
type TemplateUse struct {
	Name     string   `json:"name"`
	Language string   `json:"language"`
	Params   []string `json:"params,omitempty"`
}

// SendResult is the provider's answer to a send.
type SendResult struct {
	ExternalID string
}

// DeliveryError is a failed send. Temporary errors are retried with backoff,
// after RetryAfter at least when the provider said how long to wait.
type DeliveryError struct {
	Temporary  bool
	RetryAfter time.Duration
	// Unreachable says the user cannot be written to any more (blocked the bot,
	// unsubscribed): the identity is marked so.
	Unreachable bool
	Reason      string
}

func (e *DeliveryError) Error() string {
	kind := "permanent"
	if e.Temporary {
		kind = "temporary"
	}
	return fmt.Sprintf("%s delivery error: %s", kind, e.Reason)
}

// TemporaryError wraps a network failure or a 5xx as a retryable DeliveryError.
func TemporaryError(reason string, retryAfter time.Duration) *DeliveryError {
	return &DeliveryError{Temporary: true, Reason: reason, RetryAfter: retryAfter}
}

// PermanentError is a DeliveryError that no retry can fix.
func PermanentError(reason string) *DeliveryError { return &DeliveryError{Reason: reason} }

// MaxWebhookBody is the largest webhook body read; providers send far less.
const MaxWebhookBody = 1 << 20

// StatusError classifies a provider's HTTP answer: 429 and 5xx are worth a
// retry (after retryAfter when the provider named it), anything else is not.
func StatusError(status int, reason string, retryAfter time.Duration) *DeliveryError {
	if status == http.StatusTooManyRequests || status >= 500 {
		return TemporaryError(reason, retryAfter)
	}
	return PermanentError(reason)
}

// RetryAfter reads a Retry-After header given in seconds, as providers (or
// proxies in front of them) send it; zero when absent or not a number.
func RetryAfter(h http.Header) time.Duration {
	s, err := strconv.Atoi(h.Get("Retry-After"))
	if err != nil || s <= 0 {
		return 0
	}
	return time.Duration(s) * time.Second
}

// NetReason describes a transport failure without the request's URL, which
// holds credentials for some providers (a Telegram bot token, a Page token).
func NetReason(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}
