package email

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"net/textproto"
	"regexp"
	"strings"

	"parley"
)

// unreadable is the text of a message that could not be parsed; its raw
// source goes to Original so nothing is lost.
const unreadable = "(unreadable message)"

// maxOriginalRaw caps the raw source kept for an unreadable message.
const maxOriginalRaw = 1 << 20

// Parse reads one raw RFC 822 message that arrived at the mailbox address.
// On error the Inbound still holds what could be read (always an ExternalID).
func Parse(raw []byte, address string) (parley.Inbound, error) {
	local, domain, _ := strings.Cut(strings.ToLower(strings.TrimSpace(address)), "@")
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return parley.Inbound{ExternalID: rawID(raw)}, fmt.Errorf("reading the message header: %w", err)
	}
	h := textproto.MIMEHeader(msg.Header)
	in := parley.Inbound{
		ExternalID:   messageID(h, raw),
		Sender:       sender(h),
		Subject:      decodeHeader(h.Get("Subject")),
		ThreadChatID: threadChat(h, local, domain),
	}
	if t, err := mail.ParseDate(h.Get("Date")); err == nil {
		in.SentAt = t
	}
	var b body
	err = b.walk(h, msg.Body, 0)
	full := b.text()
	in.Original = full
	in.Text = stripQuotes(full)
	if len(b.notes) > 0 {
		in.Text = strings.TrimSpace(in.Text + "\n\n" + strings.Join(b.notes, "\n"))
	}
	in.Media = b.media
	if err != nil {
		return in, fmt.Errorf("reading the message body: %w", err)
	}
	return in, nil
}

// unreadableInbound is what an unparseable message becomes: the placeholder
// text, its raw source, and whatever of its header could be read.
func unreadableInbound(in parley.Inbound, raw []byte) parley.Inbound {
	if len(raw) > maxOriginalRaw {
		raw = raw[:maxOriginalRaw]
	}
	in.Text = unreadable
	in.Original = clean(string(raw))
	return in
}

// messageID is the Message-ID without its brackets, or a hash of the raw
// message for mail without one, so a repeated poll still dedupes.
func messageID(h textproto.MIMEHeader, raw []byte) string {
	if ids := msgIDs(h.Get("Message-Id")); len(ids) > 0 {
		return ids[0]
	}
	return rawID(raw)
}

func rawID(raw []byte) string {
	sum := sha256.Sum256(raw)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// looseAddress finds an address in a header that net/mail cannot parse.
var looseAddress = regexp.MustCompile(`[^\s<>"(),;:]+@[^\s<>"(),;:]+`)

// sender is the author: From, else Sender, else the envelope's Return-Path.
func sender(h textproto.MIMEHeader) parley.Sender {
	for _, key := range []string{"From", "Sender", "Return-Path"} {
		v := h.Get(key)
		if v == "" {
			continue
		}
		if a, err := addressParser.Parse(v); err == nil && a.Address != "" {
			addr := strings.ToLower(a.Address)
			return parley.Sender{ExternalID: addr, Email: addr, Name: clean(a.Name)}
		}
		if m := looseAddress.FindString(v); m != "" {
			addr := strings.ToLower(m)
			return parley.Sender{ExternalID: addr, Email: addr}
		}
	}
	return parley.Sender{}
}

// wordDecoder decodes RFC 2047 words in every charset the text decoder knows.
var wordDecoder = &mime.WordDecoder{CharsetReader: func(charset string, r io.Reader) (io.Reader, error) {
	enc, err := encodingOf(charset)
	if err != nil {
		return nil, err
	}
	if enc == nil {
		return r, nil
	}
	return enc.NewDecoder().Reader(r), nil
}}

var addressParser = &mail.AddressParser{WordDecoder: wordDecoder}

// decodeHeader is a header's text with encoded words decoded; a header that
// fails to decode is kept as it came.
func decodeHeader(v string) string {
	s, err := wordDecoder.DecodeHeader(v)
	if err != nil {
		s = v
	}
	return strings.TrimSpace(clean(s))
}

// clean makes s safe to store: valid UTF-8 without NUL bytes.
func clean(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
}
