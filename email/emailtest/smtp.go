package emailtest

import (
	"bytes"
	"io"
	"log"
	"net/mail"
	"sync"
	"testing"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Message is one message the SMTP server accepted.
type Message struct {
	From   string   // the envelope sender (MAIL FROM)
	To     []string // the envelope recipients (RCPT TO)
	Auth   string   // the user name of AUTH PLAIN, empty without it
	Raw    []byte   // the message as sent in DATA
	Header mail.Header
}

// SMTP is an SMTP server that takes any login and any message, keeping
// each in order. It speaks plain SMTP (security "none").
type SMTP struct {
	Addr string // host:port on 127.0.0.1

	mu       sync.Mutex
	received []Message
	failN    int
	failErr  *smtp.SMTPError
}

// StartSMTP starts the server; it stops when the test ends.
func StartSMTP(t testing.TB) *SMTP {
	t.Helper()
	return StartSMTPTLS(t, "none")
}

// StartSMTPTLS starts a server whose security is "tls" (implicit TLS),
// "starttls" or "none"; clients trust it through ClientTLS.
func StartSMTPTLS(t testing.TB, security string) *SMTP {
	t.Helper()
	s := &SMTP{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &session{srv: s}, nil
	}))
	cfg, _ := serverTLS()
	if security == "starttls" {
		srv.TLSConfig = cfg
	}
	srv.Domain = "127.0.0.1"
	srv.AllowInsecureAuth = true
	srv.ErrorLog = log.New(io.Discard, "", 0)
	ln := listen(t, security, cfg)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	s.Addr = ln.Addr().String()
	return s
}

// Received is every message accepted so far, in order.
func (s *SMTP) Received() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.received...)
}

// FailNext makes the next n messages fail at RCPT with that reply code and
// text (4xx: try later; 5xx: refused for good).
func (s *SMTP) FailNext(n int, code int, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failN = n
	s.failErr = &smtp.SMTPError{Code: code, EnhancedCode: smtp.NoEnhancedCode, Message: msg}
}

// failure is the error the next RCPT answers with, if one is due.
func (s *SMTP) failure() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failN <= 0 {
		return nil
	}
	s.failN--
	return s.failErr
}

func (s *SMTP) add(m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.received = append(s.received, m)
}

// session is one SMTP conversation.
type session struct {
	srv *SMTP
	cur Message
}

func (ss *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, _ string) error {
		ss.cur.Auth = user
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	ss.cur.From = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if err := ss.srv.failure(); err != nil {
		return err
	}
	ss.cur.To = append(ss.cur.To, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m := ss.cur
	m.Raw = raw
	if msg, err := mail.ReadMessage(bytes.NewReader(raw)); err == nil {
		m.Header = msg.Header
	}
	ss.srv.add(m)
	return nil
}

func (ss *session) Reset() {
	ss.cur = Message{Auth: ss.cur.Auth}
}

func (ss *session) Logout() error { return nil }
