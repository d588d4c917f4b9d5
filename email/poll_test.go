package email

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"parley"
	"parley/email/emailtest"
)

// taker records what Poll hands over, failing while fail is set.
type taker struct {
	mu   sync.Mutex
	got  []parley.Inbound
	fail error
}

func (tk *taker) take(_ context.Context, in parley.Inbound) error {
	tk.mu.Lock()
	defer tk.mu.Unlock()
	tk.got = append(tk.got, in)
	return tk.fail
}

func pollChannel(t *testing.T) (*emailtest.IMAP, parley.Channel) {
	t.Helper()
	srv := emailtest.StartIMAP(t, testAddress, "secret")
	return srv, emailtest.Channel(testAddress, "secret", srv, nil)
}

func TestPollTakesUnseenOnce(t *testing.T) {
	srv, ch := pollChannel(t)
	srv.Deliver(readTestdata(t, "plain.eml"))
	srv.Deliver(readTestdata(t, "reply_ours.eml"))
	p, tk := New(nil), &taker{}
	if err := p.Poll(context.Background(), ch, tk.take); err != nil {
		t.Fatalf("Poll: %v", err)
	}
	if len(tk.got) != 2 || tk.got[0].Sender.Email != "alice.smith@customer.example" || tk.got[1].ThreadChatID != 42 {
		t.Fatalf("took %+v", tk.got)
	}
	for _, in := range tk.got {
		if !srv.Seen(in.ExternalID) {
			t.Errorf("%s not marked seen", in.ExternalID)
		}
	}
	if n := srv.Unseen(); n != 0 {
		t.Errorf("%d unseen after the poll", n)
	}
	if err := p.Poll(context.Background(), ch, tk.take); err != nil || len(tk.got) != 2 {
		t.Errorf("second poll: %v, %d taken in all", err, len(tk.got))
	}
}

func TestPollTakeErrorLeavesUnseen(t *testing.T) {
	srv, ch := pollChannel(t)
	raw := emailtest.Mail("Eve <eve@customer.example>", testAddress, "Hello", "Is anyone there?", nil)
	srv.Deliver(raw)
	id := emailtest.MessageID(raw)
	p := New(nil)
	boom := errors.New("database down")
	tk := &taker{fail: boom}
	if err := p.Poll(context.Background(), ch, tk.take); !errors.Is(err, boom) {
		t.Fatalf("Poll = %v, want the take error", err)
	}
	if srv.Seen(id) || srv.Unseen() != 1 {
		t.Fatalf("a message whose take failed was marked seen")
	}
	tk.fail = nil
	if err := p.Poll(context.Background(), ch, tk.take); err != nil {
		t.Fatalf("retry: %v", err)
	}
	if len(tk.got) != 2 || tk.got[1].ExternalID != id || tk.got[1].Text != "Is anyone there?" || !srv.Seen(id) {
		t.Errorf("retry took %+v; seen %v", tk.got, srv.Seen(id))
	}
}

func TestPollUnreadableMessage(t *testing.T) {
	srv, ch := pollChannel(t)
	// The part's header is broken: the multipart cannot be read.
	raw := []byte("From: Zed <zed@customer.example>\r\nSubject: broken\r\n" +
		"Content-Type: multipart/mixed; boundary=xyz\r\n\r\n" +
		"--xyz\r\nthis line is no header\r\n\r\nbody\xff\x00\r\n--xyz--\r\n")
	srv.Deliver(raw)
	tk := &taker{}
	if err := New(nil).Poll(context.Background(), ch, tk.take); err != nil {
		t.Fatalf("Poll: %v", err)
	}
	if len(tk.got) != 1 {
		t.Fatalf("took %d messages", len(tk.got))
	}
	in := tk.got[0]
	if in.Text != unreadable || !strings.Contains(in.Original, "this line is no header") ||
		strings.Contains(in.Original, "\x00") || !strings.HasPrefix(in.ExternalID, "sha256:") ||
		in.Sender.Email != "zed@customer.example" || in.Subject != "broken" {
		t.Errorf("unreadable message became %+v", in)
	}
	if srv.Unseen() != 0 {
		t.Error("the unreadable message was not marked seen")
	}
}

func TestPollLimit(t *testing.T) {
	srv, ch := pollChannel(t)
	for i := 0; i < 3; i++ {
		srv.Deliver(emailtest.Mail("a@customer.example", testAddress, "n", "text", nil))
	}
	tk := &taker{}
	if err := New(&Config{MaxPoll: 2}).Poll(context.Background(), ch, tk.take); err != nil {
		t.Fatal(err)
	}
	if len(tk.got) != 2 || srv.Unseen() != 1 {
		t.Errorf("took %d, %d left unseen; want 2 and 1", len(tk.got), srv.Unseen())
	}
}

func TestPollFailures(t *testing.T) {
	srv, _ := pollChannel(t)
	srv.Deliver(emailtest.Mail("a@customer.example", testAddress, "n", "text", nil))
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name   string
		ctx    context.Context
		change func(ch parley.Channel)
	}{
		{"wrong password", context.Background(), func(ch parley.Channel) { ch.Secrets["password"] = "nope" }},
		{"no such folder", context.Background(), func(ch parley.Channel) { ch.Settings["imap_folder"] = "Missing" }},
		{"no server", context.Background(), func(ch parley.Channel) { ch.Settings["imap_addr"] = "" }},
		{"bad security", context.Background(), func(ch parley.Channel) { ch.Settings["imap_security"] = "ssl3" }},
		{"cancelled", cancelled, func(parley.Channel) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := emailtest.Channel(testAddress, "secret", srv, nil)
			tt.change(c)
			tk := &taker{}
			if err := New(nil).Poll(tt.ctx, c, tk.take); err == nil || len(tk.got) != 0 {
				t.Errorf("Poll = %v after taking %d", err, len(tk.got))
			}
		})
	}
	if srv.Unseen() != 1 {
		t.Error("a failed poll marked the message seen")
	}
}

// Takes failing in a row end the poll early; all stay unseen.
func TestPollStopsAfterFailuresInRow(t *testing.T) {
	srv, ch := pollChannel(t)
	for i := 0; i < maxFailedInRow+2; i++ {
		srv.Deliver(emailtest.Mail("a@customer.example", testAddress, "n", "text", nil))
	}
	tk := &taker{fail: errors.New("store down")}
	if err := New(nil).Poll(context.Background(), ch, tk.take); err == nil {
		t.Fatal("Poll succeeded")
	}
	if len(tk.got) != maxFailedInRow || srv.Unseen() != maxFailedInRow+2 {
		t.Errorf("took %d, %d unseen", len(tk.got), srv.Unseen())
	}
}
