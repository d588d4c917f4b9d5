// Package emailtest runs real IMAP and SMTP servers on 127.0.0.1 for tests
// of the e-mail channel, like net/http/httptest does for HTTP.
package emailtest

import (
	"bytes"
	"io"
	"log"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// IMAP is an in-memory IMAP server with one user and an INBOX. It speaks
// plain IMAP (security "none") and allows LOGIN without TLS.
type IMAP struct {
	Addr       string // host:port on 127.0.0.1
	t          testing.TB
	user, pass string
	security   string
	mem        *imapmemserver.User
	srv        *imapserver.Server
}

// StartIMAP starts the server; it stops when the test ends.
func StartIMAP(t testing.TB, user, pass string) *IMAP {
	t.Helper()
	return StartIMAPTLS(t, user, pass, "none")
}

// StartIMAPTLS starts a server whose security is "tls" (implicit TLS),
// "starttls" or "none"; clients trust it through ClientTLS.
func StartIMAPTLS(t testing.TB, user, pass, security string) *IMAP {
	t.Helper()
	u := imapmemserver.NewUser(user, pass)
	if err := u.Create("INBOX", nil); err != nil {
		t.Fatalf("emailtest: creating INBOX: %v", err)
	}
	mem := imapmemserver.New()
	mem.AddUser(u)
	cfg, _ := serverTLS()
	opts := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true,
		Logger:       log.New(io.Discard, "", 0),
	}
	if security == "starttls" {
		opts.TLSConfig = cfg
	}
	srv := imapserver.New(opts)
	ln := listen(t, security, cfg)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return &IMAP{Addr: ln.Addr().String(), t: t, user: user, pass: pass, security: security, mem: u, srv: srv}
}

// Deliver puts a raw message into INBOX, unseen, as a mail server would.
// Failures are reported with Errorf on the test that started the server, so
// these methods may be called from any goroutine.
func (s *IMAP) Deliver(raw []byte) {
	if _, err := s.mem.Append("INBOX", bytes.NewReader(raw), &imap.AppendOptions{}); err != nil {
		s.t.Errorf("emailtest: appending to INBOX: %v", err)
	}
}

// Unseen counts INBOX's messages without \Seen.
func (s *IMAP) Unseen() int {
	data, err := s.mem.Status("INBOX", &imap.StatusOptions{NumUnseen: true})
	if err != nil || data.NumUnseen == nil {
		s.t.Errorf("emailtest: STATUS INBOX: %v", err)
		return -1
	}
	return int(*data.NumUnseen)
}

// Seen reports whether the message with that Message-ID (with or without
// brackets) is marked \Seen; it fails the test when there is no such message.
func (s *IMAP) Seen(messageID string) bool {
	c, err := s.dial()
	if err != nil {
		s.t.Errorf("emailtest: %v", err)
		return false
	}
	defer c.Close()
	id := "<" + strings.Trim(messageID, "<>") + ">"
	if err := c.Login(s.user, s.pass).Wait(); err != nil {
		s.t.Errorf("emailtest: login: %v", err)
		return false
	}
	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		s.t.Errorf("emailtest: select: %v", err)
		return false
	}
	found, err := c.UIDSearch(&imap.SearchCriteria{
		Header: []imap.SearchCriteriaHeaderField{{Key: "Message-ID", Value: id}},
	}, nil).Wait()
	if err != nil || len(found.AllUIDs()) == 0 {
		s.t.Errorf("emailtest: no message %s in INBOX (%v)", id, err)
		return false
	}
	msgs, err := c.Fetch(imap.UIDSetNum(found.AllUIDs()[0]), &imap.FetchOptions{Flags: true}).Collect()
	if err != nil || len(msgs) == 0 {
		s.t.Errorf("emailtest: fetching flags of %s: %v", id, err)
		return false
	}
	for _, f := range msgs[0].Flags {
		if f == imap.FlagSeen {
			return true
		}
	}
	return false
}

// dial connects a client as the server's security wants.
func (s *IMAP) dial() (*imapclient.Client, error) {
	opts := &imapclient.Options{TLSConfig: ClientTLS()}
	switch s.security {
	case "tls":
		return imapclient.DialTLS(s.Addr, opts)
	case "starttls":
		return imapclient.DialStartTLS(s.Addr, opts)
	}
	return imapclient.DialInsecure(s.Addr, opts)
}
