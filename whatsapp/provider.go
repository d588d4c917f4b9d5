// Package whatsapp is the adapter for Meta's WhatsApp Cloud API: it reads the
// messages webhook, sends through /{phone_number_id}/messages (uploading files
// to /{phone_number_id}/media first) and downloads media by their id.
package whatsapp

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
	settingBaseURL       = "base_url"
	settingPhoneNumberID = "phone_number_id"
	secretAccessToken    = "access_token"
	secretAppSecret      = "app_secret"
	secretVerifyToken    = "verify_token"
)

// Provider is the WhatsApp Cloud API adapter. It holds nothing but its HTTP
// client, so one value serves every WhatsApp channel at once.
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

// Spec describes WhatsApp channels: the 24-hour customer service window,
// templates outside it, and Cloud API's default 80 messages a second.
func (p *Provider) Spec() parley.ProviderSpec {
	return parley.ProviderSpec{
		Type: parley.ChannelWhatsApp,
		Settings: []parley.SettingSpec{
			{Key: settingBaseURL, Label: "Graph API base URL (with version)", Default: DefaultBaseURL},
			{Key: settingPhoneNumberID, Label: "Phone number ID", Required: true},
		},
		Secrets: []parley.SettingSpec{
			{Key: secretAccessToken, Label: "Access token (system user)", Required: true},
			{Key: secretAppSecret, Label: "App secret (checks X-Hub-Signature-256)", Required: true},
			{Key: secretVerifyToken, Label: "Webhook verify token", Required: true},
		},
		RatePerSecond: 80,
		Connectable:   false,
		Templates:     true,
	}
}

// Connect cannot register anything: the callback URL is set in the app's
// dashboard in Meta's developer console.
func (p *Provider) Connect(ctx context.Context, ch parley.Channel, webhookURL string) error {
	return parley.ErrNoConnect
}

// baseURL is the channel's Graph API base without a trailing slash.
func baseURL(ch parley.Channel) string {
	return strings.TrimRight(ch.Setting(settingBaseURL, DefaultBaseURL), "/")
}

// phoneURL is an edge of the channel's business phone number.
func phoneURL(ch parley.Channel, edge string) string {
	return baseURL(ch) + "/" + ch.Setting(settingPhoneNumberID, "") + "/" + edge
}

// authorize adds the channel's bearer token to req.
func authorize(req *http.Request, ch parley.Channel) {
	req.Header.Set("Authorization", "Bearer "+ch.Secret(secretAccessToken))
}
