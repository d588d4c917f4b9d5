// Package infobip is the adapter for WhatsApp through Infobip: it reads the
// inbound-message, delivery-report and seen-report webhooks, sends text and
// template messages, and downloads inbound media.
package infobip

import (
	"context"
	"net/http"
	"strings"
	"time"

	"parley"
)

// Keys of the channel's settings and secrets.
const (
	settingBaseURL      = "base_url"
	settingSender       = "sender"
	secretAPIKey        = "api_key"
	secretWebhookSecret = "webhook_secret"
)

// Provider is the Infobip WhatsApp adapter. It holds nothing but its HTTP
// client, so one value serves every Infobip channel at once.
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

// Spec describes Infobip channels. The base URL has no default: Infobip gives
// every account its own (https://xxxx.api.infobip.com).
func (p *Provider) Spec() parley.ProviderSpec {
	return parley.ProviderSpec{
		Type: parley.ChannelInfobip,
		Settings: []parley.SettingSpec{
			{Key: settingBaseURL, Label: "Infobip API base URL (https://xxxx.api.infobip.com)", Required: true},
			{Key: settingSender, Label: "WhatsApp sender number (international format, digits only)", Required: true},
		},
		Secrets: []parley.SettingSpec{
			{Key: secretAPIKey, Label: "API key", Required: true},
			{Key: secretWebhookSecret, Label: "Webhook secret (sent by Infobip as the X-Webhook-Secret header or ?secret= in the URL)", Required: true},
		},
		RatePerSecond: 80,
		Connectable:   false,
		Templates:     true,
	}
}

// Connect cannot register anything: the webhook URLs (inbound messages and
// delivery reports) are configured on the sender in Infobip's portal.
func (p *Provider) Connect(ctx context.Context, ch parley.Channel, webhookURL string) error {
	return parley.ErrNoConnect
}

// baseURL is the channel's API base without a trailing slash.
func baseURL(ch parley.Channel) string {
	return strings.TrimRight(ch.Setting(settingBaseURL, ""), "/")
}

// authorize adds the channel's API key to req.
func authorize(req *http.Request, ch parley.Channel) {
	req.Header.Set("Authorization", "App "+ch.Secret(secretAPIKey))
}
