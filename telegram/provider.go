// Package telegram is the adapter for the Telegram Bot API: it reads the
// webhook's updates, sends through sendMessage and its siblings, and
// downloads files by getFile.
package telegram

import (
	"net/http"
	"strings"
	"time"

	"parley"
)

// DefaultBaseURL is the real Bot API; channels override it with base_url.
const DefaultBaseURL = "https://api.telegram.org"

// Keys of the channel's settings and secrets.
const (
	settingBaseURL    = "base_url"
	secretBotToken    = "bot_token"
	secretWebhookCode = "secret_token"
)

// Provider is the Telegram adapter. It holds nothing but its HTTP client, so
// one value serves every Telegram channel at once.
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

// Spec describes Telegram channels: a bot token, the webhook secret, and
// Telegram's limit of about 30 messages a second per bot.
func (p *Provider) Spec() parley.ProviderSpec {
	return parley.ProviderSpec{
		Type: parley.ChannelTelegram,
		Settings: []parley.SettingSpec{
			{Key: settingBaseURL, Label: "Bot API base URL", Default: DefaultBaseURL},
		},
		Secrets: []parley.SettingSpec{
			{Key: secretBotToken, Label: "Bot token (from @BotFather)", Required: true},
			{Key: secretWebhookCode, Label: "Webhook secret token (1–256 of A–Z, a–z, 0–9, _ and -)", Required: true},
		},
		RatePerSecond: 30,
		Connectable:   true,
	}
}

// baseURL is the channel's API base without a trailing slash.
func baseURL(ch parley.Channel) string {
	return strings.TrimRight(ch.Setting(settingBaseURL, DefaultBaseURL), "/")
}

// methodURL is where a Bot API method lives for this channel's bot.
func methodURL(ch parley.Channel, method string) string {
	return baseURL(ch) + "/bot" + ch.Secret(secretBotToken) + "/" + method
}

// fileURL is where a file named by getFile is downloaded.
func fileURL(ch parley.Channel, filePath string) string {
	return baseURL(ch) + "/file/bot" + ch.Secret(secretBotToken) + "/" + strings.TrimLeft(filePath, "/")
}
