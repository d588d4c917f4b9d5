package email

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"regexp"
	"strings"
	"testing"

	"parley"
	"parley/email/emailtest"
)

func sendChannel(t *testing.T) (*emailtest.SMTP, parley.Channel) {
	t.Helper()
	srv := emailtest.StartSMTP(t)
	return srv, emailtest.Channel(testAddress, "secret", nil, srv)
}

func fileOf(data []byte) func(context.Context) (io.ReadCloser, error) {
	return func(context.Context) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
}

var ourID = regexp.MustCompile(`^<parley\.42\.1001\.[0-9a-f]{16}@support\.example\.com>$`)

func TestSendHeadersAndAttachment(t *testing.T) {
	srv, ch := sendChannel(t)
	pdf := readTestdata(t, "data/invoice.pdf")
	out := parley.Outbound{MessageID: 1001, ChatID: 42, To: "alice@customer.example", AgentName: "Anna",
		Text: "Hello Alice,\nваш пароль сброшен.", Subject: "Cannot log in",
		References: []string{"orig@customer.example", "<parley.42.1000.00000000000000aa@support.example.com>"},
		Files:      []parley.OutboundFile{{Name: "счёт.pdf", ContentType: "application/pdf", Open: fileOf(pdf)}}}
	res, err := New(nil).Send(context.Background(), ch, out)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := srv.Received()
	if len(got) != 1 {
		t.Fatalf("server received %d messages", len(got))
	}
	m := got[0]
	if m.From != testAddress || len(m.To) != 1 || m.To[0] != "alice@customer.example" || m.Auth != testAddress {
		t.Errorf("envelope from %q to %v auth %q", m.From, m.To, m.Auth)
	}
	h := m.Header
	if !ourID.MatchString(h.Get("Message-Id")) || res.ExternalID != strings.Trim(h.Get("Message-Id"), "<>") {
		t.Errorf("Message-ID %q, result %q", h.Get("Message-Id"), res.ExternalID)
	}
	wantHeaders := map[string]string{
		"In-Reply-To": "<parley.42.1000.00000000000000aa@support.example.com>",
		"References":  "<orig@customer.example> <parley.42.1000.00000000000000aa@support.example.com>",
		"Reply-To":    "support+c42@support.example.com",
		"To":          "<alice@customer.example>",
		"From":        `"Anna (Support)" <support@support.example.com>`,
	}
	for k, v := range wantHeaders {
		if g := strings.Join(strings.Fields(h.Get(k)), " "); g != v {
			t.Errorf("%s: %q, want %q", k, g, v)
		}
	}
	if subj, _ := new(mime.WordDecoder).DecodeHeader(h.Get("Subject")); subj != "Re: Cannot log in" {
		t.Errorf("Subject %q", subj)
	}
	if _, err := h.Date(); err != nil || h.Get("Mime-Version") != "1.0" {
		t.Errorf("Date %q (%v), MIME-Version %q", h.Get("Date"), err, h.Get("Mime-Version"))
	}
	text, files := readParts(t, m.Raw)
	if text != out.Text {
		t.Errorf("text %q, want %q", text, out.Text)
	}
	if len(files) != 1 || files["счёт.pdf"] == nil || !bytes.Equal(files["счёт.pdf"], pdf) {
		t.Errorf("attachments %v", files)
	}
}

// readParts reads a sent multipart/mixed message with the standard library
// alone: its text part and its attachments by file name.
func readParts(t *testing.T, raw []byte) (string, map[string][]byte) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	ctype, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || ctype != "multipart/mixed" {
		t.Fatalf("Content-Type %q", msg.Header.Get("Content-Type"))
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	text, files := "", map[string][]byte{}
	for {
		p, err := mr.NextPart() // undoes quoted-printable itself
		if err == io.EOF {
			return text, files
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(p)
		if p.FileName() == "" {
			text = strings.ReplaceAll(string(data), "\r\n", "\n")
			continue
		}
		if p.Header.Get("Content-Transfer-Encoding") != "base64" {
			t.Errorf("attachment encoded %q", p.Header.Get("Content-Transfer-Encoding"))
		}
		dec, err := io.ReadAll(base64Reader(data))
		if err != nil {
			t.Fatal(err)
		}
		files[p.FileName()] = dec
	}
}

func TestSendPlainText(t *testing.T) {
	srv, ch := sendChannel(t)
	out := parley.Outbound{MessageID: 1001, ChatID: 42, To: "bob@customer.example", Text: "Line one\nстрока два = 2"}
	if _, err := New(nil).Send(context.Background(), ch, out); err != nil {
		t.Fatal(err)
	}
	m := srv.Received()[0]
	if m.Header.Get("Content-Type") != "text/plain; charset=utf-8" ||
		m.Header.Get("Content-Transfer-Encoding") != "quoted-printable" ||
		m.Header.Get("In-Reply-To") != "" || m.Header.Get("References") != "" {
		t.Errorf("header %v", m.Header)
	}
	if subj, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject")); subj != "Your request #42" {
		t.Errorf("Subject %q", subj)
	}
	in, err := Parse(m.Raw, "bob@customer.example")
	if err != nil || in.Text != out.Text {
		t.Errorf("sent text reads back as %q (%v)", in.Text, err)
	}
}

func TestSubject(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "Your request #42"}, {"  ", "Your request #42"}, {"Hello", "Re: Hello"},
		{"Re: Hello", "Re: Hello"}, {"RE: Hello", "RE: Hello"}, {"re:x", "re:x"},
		{"Line\r\nbreak", "Re: Line break"}, {"Счёт", "Re: Счёт"},
	}
	for _, tt := range tests {
		if got := subject(parley.Outbound{ChatID: 42, Subject: tt.in}); got != tt.want {
			t.Errorf("subject(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSendErrors(t *testing.T) {
	srv, ch := sendChannel(t)
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := closed.Addr().String()
	closed.Close()
	tests := []struct {
		name      string
		fail      int // SMTP reply code the server answers RCPT with, 0 for none
		msg       string
		to        string
		change    func(parley.Channel)
		temporary bool
		reason    string
	}{
		{name: "4xx is temporary", fail: 451, msg: "greylisted, try again later", temporary: true, reason: "451 greylisted"},
		{name: "5xx is permanent", fail: 550, msg: "mailbox unavailable", reason: "550 mailbox unavailable"},
		{name: "network error is temporary", change: func(c parley.Channel) { c.Settings["smtp_addr"] = closedAddr },
			temporary: true, reason: "connecting"},
		{name: "bad recipient", to: "not an address", reason: "not an e-mail address"},
		{name: "no server", change: func(c parley.Channel) { c.Settings["smtp_addr"] = "" }, reason: "no SMTP server"},
		{name: "bad address setting", change: func(c parley.Channel) { c.Settings["address"] = "nope" }, reason: "not an e-mail address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := emailtest.Channel(testAddress, "secret", nil, srv)
			if tt.change != nil {
				tt.change(c)
			}
			if tt.fail != 0 {
				srv.FailNext(1, tt.fail, tt.msg)
			}
			to := "carol@customer.example"
			if tt.to != "" {
				to = tt.to
			}
			_, err := New(nil).Send(context.Background(), c, parley.Outbound{ChatID: 42, To: to, Text: "hi"})
			var de *parley.DeliveryError
			if !errors.As(err, &de) || de.Temporary != tt.temporary || de.Unreachable || !strings.Contains(de.Reason, tt.reason) {
				t.Fatalf("Send = %#v, want temporary=%v with %q", err, tt.temporary, tt.reason)
			}
		})
	}
	before := len(srv.Received())
	if _, err := New(nil).Send(context.Background(), ch, parley.Outbound{ChatID: 42, To: "carol@customer.example", Text: "hi"}); err != nil {
		t.Fatalf("send after the failures: %v", err)
	}
	if len(srv.Received()) != before+1 {
		t.Error("the server did not receive the message after its failures")
	}
}

// A reply to what Send sent comes back into the same chat, by its headers
// or, when the client dropped them, by the plus address it was sent to.
func TestRoundTrip(t *testing.T) {
	smtpSrv := emailtest.StartSMTP(t)
	imapSrv := emailtest.StartIMAP(t, testAddress, "secret")
	ch := emailtest.Channel(testAddress, "secret", imapSrv, smtpSrv)
	p := New(nil)
	res, err := p.Send(context.Background(), ch, parley.Outbound{MessageID: 9, ChatID: 314, To: "dan@customer.example",
		Subject: "Refund", Text: "Your refund is on its way."})
	if err != nil {
		t.Fatal(err)
	}
	sent := smtpSrv.Received()[0].Header
	quote := "Thanks!\n\nOn Mon, 12 Feb 2024 at 10:00, Support <" + testAddress + "> wrote:\n> Your refund is on its way.\n"
	imapSrv.Deliver(emailtest.Mail("Dan <dan@customer.example>", sent.Get("Reply-To"), "Re: Refund", quote,
		map[string]string{"In-Reply-To": sent.Get("Message-Id"), "References": sent.Get("Message-Id")}))
	imapSrv.Deliver(emailtest.Mail("Dan <dan@customer.example>", sent.Get("Reply-To"), "Re: Refund", "One more thing", nil))
	tk := &taker{}
	if err := p.Poll(context.Background(), ch, tk.take); err != nil {
		t.Fatal(err)
	}
	if len(tk.got) != 2 {
		t.Fatalf("took %d messages", len(tk.got))
	}
	for _, in := range tk.got {
		if in.ThreadChatID != 314 || in.Sender.Email != "dan@customer.example" || in.Subject != "Re: Refund" {
			t.Errorf("reply to %s read as %+v", res.ExternalID, in)
		}
	}
	if tk.got[0].Text != "Thanks!" || !strings.Contains(tk.got[0].Original, "> Your refund is on its way.") {
		t.Errorf("reply text %q, original %q", tk.got[0].Text, tk.got[0].Original)
	}
}

func base64Reader(data []byte) io.Reader {
	return base64.NewDecoder(base64.StdEncoding, bytes.NewReader(data)) // skips the CRLFs
}
