package email

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"time"

	"parley"
)

// Send composes the answer and submits it over SMTP. SMTP's 4xx answers and
// network failures are temporary; 5xx answers are permanent, with the
// server's words as the reason.
func (p *Provider) Send(ctx context.Context, ch parley.Channel, out parley.Outbound) (parley.SendResult, error) {
	mb, err := mailboxOf(ch)
	if err != nil {
		return parley.SendResult{}, parley.PermanentError(err.Error())
	}
	if mb.smtpAddr == "" {
		return parley.SendResult{}, parley.PermanentError("the mailbox has no SMTP server")
	}
	to, err := mail.ParseAddress(out.To)
	if err != nil {
		return parley.SendResult{}, parley.PermanentError(fmt.Sprintf("%q is not an e-mail address", out.To))
	}
	files, err := readFiles(ctx, out.Files)
	if err != nil {
		return parley.SendResult{}, err
	}
	id, raw, err := compose(mb, out, to, time.Now(), files)
	if err != nil {
		return parley.SendResult{}, err
	}
	if err := p.submit(ctx, mb, to.Address, raw); err != nil {
		return parley.SendResult{}, deliveryError(err)
	}
	return parley.SendResult{ExternalID: id}, nil
}

// readFiles reads the files to attach.
func readFiles(ctx context.Context, files []parley.OutboundFile) ([]attachment, error) {
	var out []attachment
	for _, f := range files {
		rc, err := f.Open(ctx)
		if err != nil {
			return nil, fmt.Errorf("opening %s: %w", f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", f.Name, err)
		}
		out = append(out, attachment{name: f.Name, contentType: f.ContentType, data: data})
	}
	return out, nil
}

// submit hands one message to the SMTP server.
func (p *Provider) submit(ctx context.Context, mb mailbox, to string, raw []byte) error {
	conn, stop, err := p.dial(ctx, mb.smtpAddr, mb.smtpSecurity)
	if err != nil {
		return err
	}
	defer stop()
	defer conn.Close()
	c, err := p.smtpSession(conn, mb)
	if err != nil {
		return err
	}
	defer c.Close()
	p.deadline(conn)
	if err := c.Mail(mb.address); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	// A large attachment may take a while on a slow line: allow 64 KiB/s.
	p.deadlineFor(conn, time.Duration(len(raw)>>16)*time.Second)
	if _, err := w.Write(raw); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	_ = c.Quit() // the message is accepted; a failed goodbye changes nothing
	return nil
}

// smtpSession greets the server, switches to TLS when asked (STARTTLS) and
// logs in with AUTH PLAIN when there is a password; net/smtp sends one only
// over TLS or to the local host.
func (p *Provider) smtpSession(conn net.Conn, mb mailbox) (*smtp.Client, error) {
	p.deadline(conn)
	host, _, _ := net.SplitHostPort(mb.smtpAddr)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		return nil, err
	}
	if err = c.Hello(mb.domain); err == nil && mb.smtpSecurity == securitySTARTTLS {
		err = c.StartTLS(p.tlsFor(mb.smtpAddr))
	}
	if ok, _ := c.Extension("AUTH"); err == nil && ok && mb.password != "" {
		if err = c.Auth(smtp.PlainAuth("", mb.username, mb.password, host)); err != nil {
			err = authError(err, mb.username)
		}
	}
	if err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// deliveryError classifies an SMTP failure by its reply code.
func deliveryError(err error) *parley.DeliveryError {
	var te *textproto.Error
	if errors.As(err, &te) {
		reason := fmt.Sprintf("%d %s", te.Code, te.Msg)
		if te.Code >= 500 {
			return parley.PermanentError(reason)
		}
		return parley.TemporaryError(reason, 0)
	}
	var pe *parley.Error
	if errors.As(err, &pe) {
		return parley.PermanentError(pe.Message)
	}
	return parley.TemporaryError(err.Error(), 0)
}

// authError tells a refusal on our side (net/smtp will not send a password
// in the clear to a remote host) from the server's answer or a broken line.
func authError(err error, user string) error {
	var te *textproto.Error
	var ne net.Error
	if errors.As(err, &te) || errors.As(err, &ne) || errors.Is(err, io.EOF) {
		return err
	}
	return parley.Errorf(parley.CodeInvalid, "SMTP login as %s not attempted (%v): use tls or starttls", user, err)
}
