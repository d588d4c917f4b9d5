package parley

import "time"

// RoomType says what a room holds.
type RoomType string

// Room types; only clients rooms exist for now.
const RoomClients RoomType = "clients"

// Room groups chats and the people who may see them.
type Room struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Type      RoomType  `json:"type"`
	CreatedAt time.Time `json:"created_at"`
}

// DefaultChatLimit is the simultaneous-chats limit when nothing overrides it (R1.4).
const DefaultChatLimit = 5

// DefaultAcceptTimeout is how long an invitation waits for an answer.
const DefaultAcceptTimeout = 30 * time.Second

// Queue is where waiting chats wait for its member agents.
type Queue struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	RoomID    int64  `json:"room_id"`
	ChatLimit int    `json:"chat_limit"`
	// AcceptTimeout is the time an invitation waits before the next agent gets it (R2.4).
	AcceptTimeout Seconds `json:"accept_timeout"`
	QueueRouting
	Members   []int64   `json:"members"`
	CreatedAt time.Time `json:"created_at"`
}

// Seconds is a duration that travels as a whole number of seconds.
type Seconds int64

// Duration converts s to a time.Duration.
func (s Seconds) Duration() time.Duration { return time.Duration(s) * time.Second }

// ChannelType names a provider.
type ChannelType string

// Channel types (R8.1).
const (
	ChannelWebchat   ChannelType = "webchat"
	ChannelTelegram  ChannelType = "telegram"
	ChannelWhatsApp  ChannelType = "whatsapp" // Meta's WhatsApp Cloud API
	ChannelInfobip   ChannelType = "whatsapp_infobip"
	ChannelViber     ChannelType = "viber"
	ChannelMessenger ChannelType = "messenger"
	ChannelEmail     ChannelType = "email"
)

// Channel is one connection to a provider; for the widget, one public key.
type Channel struct {
	ID             int64          `json:"id"`
	Type           ChannelType    `json:"type"`
	Name           string         `json:"name"`
	PublicKey      string         `json:"public_key"`
	QueueID        int64          `json:"queue_id"`
	WelcomeMessage string         `json:"welcome_message"`
	PrechatFields  []PrechatField `json:"prechat_fields"`
	Active         bool           `json:"active"`
	CreatedAt      time.Time      `json:"created_at"`
	// Settings are the provider's plain settings (base URL, phone number id, mailbox host …).
	Settings map[string]string `json:"settings"`
	// Secrets are the provider's credentials; they never leave the server.
	Secrets map[string]string `json:"-"`
	// SecretsSet names the secrets that hold a value, so the admin sees what is configured.
	SecretsSet []string `json:"secrets_set"`
	// WebhookPath is HookPath, for the admin to copy.
	WebhookPath string `json:"webhook_path,omitempty"`
	// Templates are the approved template messages an agent may send outside
	// the provider's window (WhatsApp).
	Templates []MessageTemplate `json:"templates"`
}

// ReplyWindows says how long after a contact's last message a business may
// write to them on a channel of type t (R2.21): freely for free, then with
// the human-agent tag until tagged (Messenger); zero when there is no limit.
func (t ChannelType) ReplyWindows() (free, tagged time.Duration) {
	switch t {
	case ChannelWhatsApp, ChannelInfobip:
		return 24 * time.Hour, 0
	case ChannelMessenger:
		return 24 * time.Hour, 7 * 24 * time.Hour
	}
	return 0, 0
}

// HookPath is where the channel's provider delivers its webhooks; empty for
// the widget and for a mailbox, which are not called by a provider.
func (c Channel) HookPath() string {
	if c.Type == ChannelWebchat || c.Type == ChannelEmail {
		return ""
	}
	return "/hooks/" + c.PublicKey
}

// Setting returns a plain setting, or def when it is empty.
func (c Channel) Setting(key, def string) string {
	if v := c.Settings[key]; v != "" {
		return v
	}
	return def
}

// Secret returns a credential, empty when unset.
func (c Channel) Secret(key string) string { return c.Secrets[key] }

// MessageTemplate is a template message approved by the provider; Body shows
// it to the agent, with {{1}}, {{2}} … where its parameters go.
type MessageTemplate struct {
	Name     string `json:"name"`
	Language string `json:"language"`
	Body     string `json:"body"`
}

// PrechatField is one field the widget asks for before the chat starts.
type PrechatField struct {
	Name     string `json:"name"` // "name", "email", "phone" fill the contact; others go to its attributes
	Label    string `json:"label"`
	Required bool   `json:"required"`
}
