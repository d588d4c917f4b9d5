// Package email is the adapter for a mailbox: it reads new mail over IMAP,
// threads it into chats by its headers, and answers over SMTP.
package email

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"time"

	"parley"
)

// Config tunes the adapter; the zero value serves real servers.
type Config struct {
	// Timeout bounds each network step (dial, one IMAP command, one SMTP
	// exchange); default one minute.
	Timeout time.Duration
	// TLS is the base TLS configuration (e.g. extra root CAs); the server
	// name is filled in per connection.
	TLS *tls.Config
	// MaxPoll is the most messages one poll takes; default 200.
	MaxPoll int
}

// Provider is the e-mail adapter. It holds only its configuration, so one
// value serves every mailbox at once.
type Provider struct {
	cfg Config
}

// New makes a Provider; a nil cfg means the defaults.
func New(cfg *Config) *Provider {
	p := &Provider{}
	if cfg != nil {
		p.cfg = *cfg
	}
	if p.cfg.Timeout <= 0 {
		p.cfg.Timeout = time.Minute
	}
	if p.cfg.MaxPoll <= 0 {
		p.cfg.MaxPoll = 200
	}
	return p
}

var (
	_ parley.Provider = (*Provider)(nil)
	_ parley.Poller   = (*Provider)(nil)
)

// Spec describes mailbox channels: where to read, where to send, and a
// modest rate that ordinary SMTP submission servers accept.
func (p *Provider) Spec() parley.ProviderSpec {
	return parley.ProviderSpec{
		Type: parley.ChannelEmail,
		Settings: []parley.SettingSpec{
			{Key: settingAddress, Label: "E-mail address of the mailbox", Required: true},
			{Key: settingDisplayName, Label: "Sender name"},
			{Key: settingIMAPAddr, Label: "IMAP server (host:port)", Required: true},
			{Key: settingIMAPSecurity, Label: "IMAP security (tls, starttls, none)", Default: securityTLS},
			{Key: settingIMAPFolder, Label: "IMAP folder", Default: "INBOX"},
			{Key: settingSMTPAddr, Label: "SMTP server (host:port)", Required: true},
			{Key: settingSMTPSecurity, Label: "SMTP security (tls, starttls, none)", Default: securitySTARTTLS},
			{Key: settingUsername, Label: "User name (default: the address)"},
		},
		Secrets: []parley.SettingSpec{
			{Key: secretPassword, Label: "Password", Required: true},
		},
		RatePerSecond: 5,
		Polled:        true,
	}
}

// Webhook always fails: nothing calls a mailbox, it is read by Poll.
func (p *Provider) Webhook(context.Context, parley.Channel, parley.WebhookRequest) (parley.WebhookResult, error) {
	return parley.WebhookResult{}, parley.Errorf(parley.CodeNotFound, "e-mail channels are read from their mailbox")
}

// Fetch returns an attachment's content, which came inside the message.
func (p *Provider) Fetch(_ context.Context, _ parley.Channel, ref parley.MediaRef) (io.ReadCloser, error) {
	if len(ref.Data) == 0 {
		return nil, parley.NotFound("attachment")
	}
	return io.NopCloser(bytes.NewReader(ref.Data)), nil
}

// Connect has nothing to register: a mailbox is polled.
func (p *Provider) Connect(context.Context, parley.Channel, string) error {
	return parley.ErrNoConnect
}
