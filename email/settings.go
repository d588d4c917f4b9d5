package email

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/mail"
	"strings"
	"time"

	"parley"
)

// Keys of the channel's settings and secrets.
const (
	settingAddress      = "address"
	settingDisplayName  = "display_name"
	settingIMAPAddr     = "imap_addr"
	settingIMAPSecurity = "imap_security"
	settingIMAPFolder   = "imap_folder"
	settingSMTPAddr     = "smtp_addr"
	settingSMTPSecurity = "smtp_security"
	settingUsername     = "username"
	secretPassword      = "password"
)

// Connection security: implicit TLS, plain then STARTTLS, or none at all.
const (
	securityTLS      = "tls"
	securitySTARTTLS = "starttls"
	securityNone     = "none"
)

// mailbox is a channel's settings, checked.
type mailbox struct {
	address, local, domain string
	name                   string
	imapAddr, imapSecurity string
	folder                 string
	smtpAddr, smtpSecurity string
	username, password     string
}

// mailboxOf reads and checks the channel's settings.
func mailboxOf(ch parley.Channel) (mailbox, error) {
	a, err := mail.ParseAddress(ch.Setting(settingAddress, ""))
	if err != nil {
		return mailbox{}, parley.Errorf(parley.CodeInvalid, "the mailbox address is not an e-mail address")
	}
	addr := strings.ToLower(a.Address)
	local, domain, _ := strings.Cut(addr, "@")
	m := mailbox{
		address: addr, local: local, domain: domain,
		name:         ch.Setting(settingDisplayName, ""),
		imapAddr:     ch.Setting(settingIMAPAddr, ""),
		imapSecurity: strings.ToLower(ch.Setting(settingIMAPSecurity, securityTLS)),
		folder:       ch.Setting(settingIMAPFolder, "INBOX"),
		smtpAddr:     ch.Setting(settingSMTPAddr, ""),
		smtpSecurity: strings.ToLower(ch.Setting(settingSMTPSecurity, securitySTARTTLS)),
		username:     ch.Setting(settingUsername, addr),
		password:     ch.Secret(secretPassword),
	}
	for _, s := range []string{m.imapSecurity, m.smtpSecurity} {
		if s != securityTLS && s != securitySTARTTLS && s != securityNone {
			return mailbox{}, parley.Errorf(parley.CodeInvalid, "unknown connection security %q (tls, starttls or none)", s)
		}
	}
	return m, nil
}

// tlsFor is the TLS configuration for a server at addr (host:port).
func (p *Provider) tlsFor(addr string) *tls.Config {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if p.cfg.TLS != nil {
		cfg = p.cfg.TLS.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName, _, _ = net.SplitHostPort(addr)
	}
	return cfg
}

// dial opens a connection to addr, wrapped in TLS for implicit TLS. It is
// closed when ctx ends, which is how the blocking protocol clients learn of
// a cancellation; stop undoes that.
func (p *Provider) dial(ctx context.Context, addr, security string) (conn net.Conn, stop func() bool, err error) {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return nil, nil, parley.Errorf(parley.CodeInvalid, "the server address %q is not host:port", addr)
	}
	d := net.Dialer{Timeout: p.cfg.Timeout}
	conn, err = d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("connecting to %s: %w", addr, err)
	}
	if security == securityTLS {
		tc := tls.Client(conn, p.tlsFor(addr))
		hctx, cancel := context.WithTimeout(ctx, p.cfg.Timeout)
		defer cancel()
		if err := tc.HandshakeContext(hctx); err != nil {
			conn.Close()
			return nil, nil, fmt.Errorf("TLS with %s: %w", addr, err)
		}
		conn = tc
	}
	stop = context.AfterFunc(ctx, func() { conn.Close() })
	return conn, stop, nil
}

// deadline gives the next exchange on conn its time.
func (p *Provider) deadline(conn net.Conn) { p.deadlineFor(conn, 0) }

// deadlineFor gives the next exchange its time and extra, for a transfer
// that may be large.
func (p *Provider) deadlineFor(conn net.Conn, extra time.Duration) {
	_ = conn.SetDeadline(time.Now().Add(p.cfg.Timeout + extra))
}
