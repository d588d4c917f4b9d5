package email

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"parley"
)

func TestSpec(t *testing.T) {
	s := New(nil).Spec()
	if s.Type != parley.ChannelEmail || s.RatePerSecond != 5 || !s.Polled || s.Connectable {
		t.Errorf("spec %+v", s)
	}
	required := map[string]bool{}
	for _, st := range append(s.Settings, s.Secrets...) {
		required[st.Key] = st.Required
	}
	for _, k := range []string{"address", "imap_addr", "smtp_addr", "password"} {
		if !required[k] {
			t.Errorf("%s is not a required setting", k)
		}
	}
	for _, k := range []string{"display_name", "imap_security", "imap_folder", "smtp_security", "username"} {
		if _, ok := required[k]; !ok || required[k] {
			t.Errorf("%s is missing or required", k)
		}
	}
}

func TestWebhookFetchConnect(t *testing.T) {
	p, ctx, ch := New(nil), context.Background(), parley.Channel{Type: parley.ChannelEmail}
	if _, err := p.Webhook(ctx, ch, parley.WebhookRequest{Body: []byte("x")}); !parley.IsCode(err, parley.CodeNotFound) {
		t.Errorf("Webhook = %v", err)
	}
	if err := p.Connect(ctx, ch, "https://x"); !errors.Is(err, parley.ErrNoConnect) {
		t.Errorf("Connect = %v", err)
	}
	rc, err := p.Fetch(ctx, ch, parley.MediaRef{Name: "a.txt", Data: []byte("content")})
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if b, _ := io.ReadAll(rc); string(b) != "content" {
		t.Errorf("Fetch read %q", b)
	}
	if _, err := p.Fetch(ctx, ch, parley.MediaRef{ID: "x"}); !parley.IsCode(err, parley.CodeNotFound) {
		t.Errorf("Fetch without data = %v", err)
	}
}

func TestThreadIDs(t *testing.T) {
	const d = "support.example.com"
	ids := []struct {
		id   string
		want int64
	}{
		{"parley.42.7.0123456789abcdef@support.example.com", 42},
		{"parley.42.7.0123456789abcdef@SUPPORT.example.com", 42},
		{"parley.42.7.0123456789abcdef@evil.example", 0},
		{"parley.x.7.0123456789abcdef@support.example.com", 0},
		{"parley.-1.7.abc@support.example.com", 0},
		{"parley.42.7@support.example.com", 0},
		{"CAGmail123@mail.gmail.com", 0},
	}
	for _, tt := range ids {
		if got := chatOfMessageID(tt.id, d); got != tt.want {
			t.Errorf("chatOfMessageID(%q) = %d, want %d", tt.id, got, tt.want)
		}
	}
	addrs := []struct {
		addr string
		want int64
	}{
		{"support+c42@support.example.com", 42}, {"Support+C42@Support.Example.com", 42},
		{"support@support.example.com", 0}, {"other+c42@support.example.com", 0},
		{"support+c42@other.example", 0}, {"support+cx@support.example.com", 0},
	}
	for _, tt := range addrs {
		if got := chatOfAddress(tt.addr, "support", d); got != tt.want {
			t.Errorf("chatOfAddress(%q) = %d, want %d", tt.addr, got, tt.want)
		}
	}
	id, err := newMessageID(42, 7, d)
	if err != nil || chatOfMessageID(id, d) != 42 {
		t.Errorf("newMessageID = %q (%v) does not read back", id, err)
	}
}

func TestParseEdgeCases(t *testing.T) {
	noID := []byte("From: a@b.example\r\nSubject: x\r\n\r\nhello\r\n")
	in, err := Parse(noID, testAddress)
	again, _ := Parse(noID, testAddress)
	if err != nil || !strings.HasPrefix(in.ExternalID, "sha256:") || in.ExternalID != again.ExternalID || in.Text != "hello" {
		t.Errorf("message without Message-ID: %+v (%v)", in, err)
	}
	if in, err := Parse([]byte("no header here\r\n\r\nx"), testAddress); err == nil || !strings.HasPrefix(in.ExternalID, "sha256:") {
		t.Errorf("a broken header parsed: %+v", in)
	}
	big := "From: a@b.example\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n" +
		"Content-Type: text/plain\r\n\r\nsee the video\r\n--b\r\nContent-Type: video/mp4\r\n" +
		"Content-Disposition: attachment; filename=\"clip.mp4\"\r\n\r\n" + strings.Repeat("x", maxPart+1) + "\r\n--b--\r\n"
	in, err = Parse([]byte(big), testAddress)
	if err != nil || len(in.Media) != 0 || !strings.Contains(in.Text, `"clip.mp4" skipped`) || !strings.HasPrefix(in.Text, "see the video") {
		t.Errorf("oversized attachment: %q, %d media (%v)", in.Text, len(in.Media), err)
	}
	blankPlain := "From: a@b.example\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n" +
		"Content-Type: text/plain\r\n\r\n \r\n--b\r\nContent-Type: text/html\r\n\r\n<p>from html</p>\r\n--b--\r\n"
	if in, err := Parse([]byte(blankPlain), testAddress); err != nil || in.Text != "from html" {
		t.Errorf("blank plain part beside HTML: %q (%v)", in.Text, err)
	}
	noEnd := "From: a@b.example\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n" +
		"Content-Type: text/plain\r\n\r\ncut short\r\n"
	if in, err := Parse([]byte(noEnd), testAddress); err != nil || in.Text != "cut short" {
		t.Errorf("multipart without its closing boundary: %q (%v)", in.Text, err)
	}
}
