package emailtest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"mime"
	"net/mail"
	"slices"
	"strings"
	"time"

	"parley"
)

// Mail builds a plain-text message as a customer's client sends it:
// From, To, Subject (encoded when not ASCII), Date, a fresh Message-ID and
// UTF-8 text, plus headers (In-Reply-To, References, a Message-ID of one's
// own …), which replace the defaults of the same name.
func Mail(from, to, subject, body string, headers map[string]string) []byte {
	var b [8]byte
	_, _ = rand.Read(b[:])
	h := map[string]string{
		"From":                      from,
		"To":                        to,
		"Subject":                   mime.QEncoding.Encode("utf-8", subject),
		"Date":                      time.Now().Format(time.RFC1123Z),
		"Message-ID":                "<" + hex.EncodeToString(b[:]) + "@customer.example>",
		"MIME-Version":              "1.0",
		"Content-Type":              "text/plain; charset=utf-8",
		"Content-Transfer-Encoding": "8bit",
	}
	for k, v := range headers {
		for dk := range h {
			if strings.EqualFold(dk, k) {
				delete(h, dk)
			}
		}
		h[k] = v
	}
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var sb strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&sb, "%s: %s\r\n", k, h[k])
	}
	sb.WriteString("\r\n" + strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n"))
	return []byte(sb.String())
}

// Channel is an e-mail channel for address that reads imap and sends
// through smtp, both without TLS, as the servers here speak.
func Channel(address, password string, imap *IMAP, smtp *SMTP) parley.Channel {
	ch := parley.Channel{Type: parley.ChannelEmail, Name: "Mail", Active: true,
		Settings: map[string]string{"address": address, "display_name": "Support",
			"imap_security": "none", "smtp_security": "none"},
		Secrets: map[string]string{"password": password}}
	if imap != nil {
		ch.Settings["imap_addr"] = imap.Addr
	}
	if smtp != nil {
		ch.Settings["smtp_addr"] = smtp.Addr
	}
	return ch
}

// MessageID is a message's Message-ID without brackets.
func MessageID(raw []byte) string {
	msg, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		return ""
	}
	return strings.Trim(msg.Header.Get("Message-Id"), "<> ")
}
