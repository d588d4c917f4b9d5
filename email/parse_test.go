package email

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parley"
)

const testAddress = "support@support.example.com"

// wantMedia is an attachment a test message must yield; its data is the
// file under testdata/ that was encoded into the message.
type wantMedia struct {
	name, contentType, kind, file string
}

func TestParseTestdata(t *testing.T) {
	tests := []struct {
		file       string
		id         string
		from, name string
		subject    string
		text       string
		original   string // a part of Original, "" to skip
		thread     int64
		media      []wantMedia
	}{
		{file: "plain.eml", id: "4f3c2a1e-9b7d-4c1a-8e2f-0a1b2c3d4e5f@customer.example",
			from: "alice.smith@customer.example", name: "Alice Smith", subject: "Cannot log in to my account",
			text: "Hello,\n\nsince this morning I cannot log in to my account. The page says\n\"invalid password\" although I reset it twice.\n\nThanks,\nAlice"},
		{file: "html_only.eml", id: "CAHtml0001@mail.customer.example", from: "bob@customer.example", name: "Bob Jones",
			subject: "Damaged order",
			text:    "Hello team,\n\nMy order #1234 arrived damaged — the box was \"crushed\" & wet.\n\nCould you send a replacement?\nBest regards,\nBob"},
		{file: "cp1251.eml", id: "20240207112233.ABCD@mail.example.ru", from: "ivan@example.ru", name: "Иван Петров",
			subject: "Счёт за январь",
			text:    "Здравствуйте!\n\nНе приходит счёт за январь. Проверьте, пожалуйста.\n\nС уважением,\nИван Петров"},
		{file: "koi8r.eml", id: "koi8.77@mail.example.ru", from: "olga@example.ru", name: "Ольга", subject: "Спасибо",
			text: "Добрый день. Спасибо за помощь!"},
		{file: "reply_ours.eml", id: "b7e1c0de-1111-2222-3333-444455556666@customer.example",
			from: "alice.smith@customer.example", name: "Alice Smith", subject: "Re: Cannot log in to my account",
			text: "Thank you, it works now!", original: "> we have reset your password. Please try again.", thread: 42},
		{file: "image.eml", id: "A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF@customer.example", from: "carol@customer.example",
			name: "Carol White", subject: "Screenshot of the error", text: "Here is what I see on the screen.",
			media: []wantMedia{{"screenshot.png", "image/png", "image", "pixel.png"}}},
		{file: "pdf.eml", id: "pdf-20240210@customer.example", from: "dave@customer.example", name: "Dave",
			subject: "Invoice № 17", text: "Please find the invoice attached.",
			media: []wantMedia{{"счёт.pdf", "application/pdf", "document", "invoice.pdf"}}},
		{file: "gmail_reply.eml", id: "CAGmail+reply=0001@mail.gmail.com", from: "bob@customer.example", name: "Bob Jones",
			subject: "Re: Damaged order", text: "Yes, the replacement arrived today. Thank you!",
			original: "> we have sent you a replacement.", thread: 57},
		{file: "outlook_reply.eml", id: "AM0PR01MB1234567890ABCDEF@AM0PR01MB1234.eurprd01.prod.outlook.com",
			from: "erik@corp.example", name: "Erik Larsson", subject: "RE: Your request #77",
			text:     "Hi,\n\nthe problem is back again, see below.\n\nRegards\nErik – IT department",
			original: "Hello Erik, the issue should be fixed now.", thread: 77},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			in, err := Parse(readTestdata(t, tt.file), testAddress)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if in.ExternalID != tt.id || in.Sender.ExternalID != tt.from || in.Sender.Email != tt.from || in.Sender.Name != tt.name {
				t.Errorf("id %q sender %+v, want %q %q %q", in.ExternalID, in.Sender, tt.id, tt.from, tt.name)
			}
			if in.Subject != tt.subject {
				t.Errorf("subject %q, want %q", in.Subject, tt.subject)
			}
			if in.Text != tt.text {
				t.Errorf("text\n%q\nwant\n%q", in.Text, tt.text)
			}
			if !strings.Contains(in.Original, tt.original) || !strings.Contains(in.Original, firstLine(tt.text)) {
				t.Errorf("original %q lacks %q", in.Original, tt.original)
			}
			if in.ThreadChatID != tt.thread {
				t.Errorf("thread %d, want %d", in.ThreadChatID, tt.thread)
			}
			if in.SentAt.IsZero() || in.SentAt.Before(time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("sent at %v", in.SentAt)
			}
			checkMedia(t, in.Media, tt.media)
		})
	}
}

func checkMedia(t *testing.T, got []parley.MediaRef, want []wantMedia) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d attachments, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		data, err := os.ReadFile(filepath.Join("testdata", "data", w.file))
		if err != nil {
			t.Fatal(err)
		}
		if g.Name != w.name || g.ContentType != w.contentType || g.Kind != w.kind || !bytes.Equal(g.Data, data) {
			t.Errorf("attachment %d: %q %q %q %d bytes, want %q %q %q %d bytes",
				i, g.Name, g.ContentType, g.Kind, len(g.Data), w.name, w.contentType, w.kind, len(data))
		}
	}
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
