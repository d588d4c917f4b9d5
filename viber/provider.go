// Package viber is the adapter for the Viber REST Bot API: it reads the bot's
// callbacks (messages, subscriptions, delivery receipts), sends text and
// locations through /send_message, registers the webhook with /set_webhook
// and downloads the media users send.
//
// Viber sends files only from a public URL, which Parley does not have:
// messages with files are refused with a permanent error (see Send).
// Viber lets a bot write only to subscribed users; the core keeps that as the
// identity's reachability, from the subscribed and unsubscribed callbacks
// and from the send errors that say so.
package viber

import (
	"net/http"
	"strings"
	"time"

	"parley"
)

// DefaultBaseURL is Viber's bot API; channels override it with base_url.
const DefaultBaseURL = "https://chatapi.viber.com/pa"

// Keys of the channel's settings and secrets.
const (
	settingBaseURL      = "base_url"
	settingSenderName   = "sender_name"
	settingSenderAvatar = "sender_avatar"
	secretAuthToken     = "auth_token"
)

// authHeader carries the bot's token on every API call.
const authHeader = "X-Viber-Auth-Token"

// Provider is the Viber adapter. It holds nothing but its HTTP client, so one
// value serves every Viber channel at once.
type Provider struct {
	client *http.Client
}

// New makes a Provider that talks through client, or through a client with a
// 30-second timeout when client is nil.
func New(client *http.Client) *Provider {
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	return &Provider{client: client}
}

var _ parley.Provider = (*Provider)(nil)

// Spec describes Viber channels. Viber documents no per-second limit for
// send_message (only 500 broadcast requests per 10 seconds and 100 unanswered
// messages per user per hour), so the rate is a conservative 20 a second.
// There is no reply window: Viber's rule is subscription, kept per identity.
func (p *Provider) Spec() parley.ProviderSpec {
	return parley.ProviderSpec{
		Type: parley.ChannelViber,
		Settings: []parley.SettingSpec{
			{Key: settingBaseURL, Label: "Viber bot API base URL", Default: DefaultBaseURL},
			{Key: settingSenderName, Label: "Bot name shown to users (at most 28 characters)", Required: true},
			{Key: settingSenderAvatar, Label: "Bot avatar URL (optional)"},
		},
		Secrets: []parley.SettingSpec{
			{Key: secretAuthToken, Label: "Bot authentication token", Required: true},
		},
		RatePerSecond: 20,
		Connectable:   true,
	}
}

// baseURL is the channel's API base without a trailing slash.
func baseURL(ch parley.Channel) string {
	return strings.TrimRight(ch.Setting(settingBaseURL, DefaultBaseURL), "/")
}

// millis reads Viber's millisecond timestamps; a missing one becomes now,
// which is when the news reached us.
func millis(ms int64) time.Time {
	if ms <= 0 {
		return time.Now().UTC()
	}
	return time.UnixMilli(ms).UTC()
}
