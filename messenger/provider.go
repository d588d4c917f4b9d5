// Package messenger is the adapter for Facebook Messenger (the Messenger
// Platform of a Facebook Page): it reads the Page's webhook (messages, edits,
// postbacks, delivery and read receipts), sends through /me/messages
// (uploading files to /me/message_attachments first) and downloads the media
// and profile pictures of the people who write.
//
// Read receipts name no message, only a time ("watermark": everything sent
// before it was read). Webhook reports one as a StatusUpdate whose ExternalID
// is "watermark:<PSID>" and whose At is that time; the core marks as read what
// was sent to that person's open chat up to then.
package messenger

import (
	"context"
	"net/http"
	"strings"
	"time"

	"parley"
)

// DefaultBaseURL is the Graph API with its version; channels override it with
// base_url, which is also how an operator moves to a newer Graph version.
const DefaultBaseURL = "https://graph.facebook.com/v21.0"

// Keys of the channel's settings and secrets.
const (
	settingBaseURL    = "base_url"
	settingPageID     = "page_id"
	secretPageToken   = "page_access_token"
	secretAppSecret   = "app_secret"
	secretVerifyToken = "verify_token"
	watermarkPrefix   = "watermark:"
	profilePrefix     = "psid:"
	maxAnswer         = 1 << 20
	maxErrorBody      = 64 << 10
	maxText           = 2000 // characters of a text message
)

// Provider is the Messenger adapter. It holds nothing but its HTTP client, so
// one value serves every Messenger channel at once.
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

var (
	_ parley.Provider      = (*Provider)(nil)
	_ parley.ProfileReader = (*Provider)(nil)
)

// Spec describes Messenger channels: free text for 24 hours after the
// person's last message, then the HUMAN_AGENT tag for up to 7 days. The Send
// API takes 300 calls a second per Page, but a Page that sends more than 40
// messages a second is cut off until the volume drops, so 40 is the rate.
func (p *Provider) Spec() parley.ProviderSpec {
	return parley.ProviderSpec{
		Type: parley.ChannelMessenger,
		Settings: []parley.SettingSpec{
			{Key: settingBaseURL, Label: "Graph API base URL (with version)", Default: DefaultBaseURL},
			{Key: settingPageID, Label: "Facebook Page ID", Required: true},
		},
		Secrets: []parley.SettingSpec{
			{Key: secretPageToken, Label: "Page access token", Required: true},
			{Key: secretAppSecret, Label: "App secret (checks X-Hub-Signature-256)", Required: true},
			{Key: secretVerifyToken, Label: "Webhook verify token", Required: true},
		},
		RatePerSecond: 40,
	}
}

// Connect cannot register anything: the callback URL and verify token are set
// in the app's Messenger settings in Meta's developer console.
func (p *Provider) Connect(ctx context.Context, ch parley.Channel, webhookURL string) error {
	return parley.ErrNoConnect
}

// baseURL is the channel's Graph API base without a trailing slash.
func baseURL(ch parley.Channel) string {
	return strings.TrimRight(ch.Setting(settingBaseURL, DefaultBaseURL), "/")
}

// millis reads Meta's millisecond timestamps; a missing one becomes now.
func millis(ms int64) time.Time {
	if ms <= 0 {
		return time.Now().UTC()
	}
	return time.UnixMilli(ms).UTC()
}
