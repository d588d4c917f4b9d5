package email

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"

	"parley"
)

// attachment is an outgoing file, read.
type attachment struct {
	name, contentType string
	data              []byte
}

// maxRefs caps the References header; the newest ids matter most.
const maxRefs = 100

// compose builds an answer as RFC 5322 text with CRLF line ends. Its
// Message-ID names the chat, and replies go to the chat's plus address, so
// the customer's answer finds its chat even if the client drops headers.
func compose(mb mailbox, out parley.Outbound, to *mail.Address, now time.Time, files []attachment) (id string, raw []byte, err error) {
	id, err = newMessageID(out.ChatID, out.MessageID, mb.domain)
	if err != nil {
		return "", nil, err
	}
	var b bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	header("From", (&mail.Address{Name: senderName(mb.name, out.AgentName), Address: mb.address}).String())
	header("To", to.String())
	header("Subject", mime.QEncoding.Encode("utf-8", subject(out)))
	header("Date", now.Format(time.RFC1123Z))
	header("Message-ID", "<"+id+">")
	if refs := bracketAll(out.References); len(refs) > 0 {
		header("In-Reply-To", refs[len(refs)-1])
		header("References", strings.Join(refs, "\r\n "))
	}
	header("Reply-To", replyAddress(mb.local, mb.domain, out.ChatID))
	header("MIME-Version", "1.0")
	if len(files) == 0 {
		header("Content-Type", "text/plain; charset=utf-8")
		header("Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		return id, append(b.Bytes(), textPart(out.Text)...), nil
	}
	mw := multipart.NewWriter(&b)
	header("Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": mw.Boundary()}))
	b.WriteString("\r\n")
	if err := writeParts(mw, out.Text, files); err != nil {
		return "", nil, err
	}
	return id, b.Bytes(), nil
}

// writeParts writes the text part, then each file in base64.
func writeParts(mw *multipart.Writer, text string, files []attachment) error {
	w, err := mw.CreatePart(map[string][]string{
		"Content-Type": {"text/plain; charset=utf-8"}, "Content-Transfer-Encoding": {"quoted-printable"},
	})
	if err == nil {
		_, err = w.Write(textPart(text))
	}
	for _, f := range files {
		if err != nil {
			break
		}
		ctype := f.contentType
		if _, _, perr := mime.ParseMediaType(ctype); perr != nil || ctype == "" {
			ctype = "application/octet-stream"
		}
		w, err = mw.CreatePart(map[string][]string{
			"Content-Type":              {mediaType(ctype, "name", f.name)},
			"Content-Disposition":       {mediaType("attachment", "filename", f.name)},
			"Content-Transfer-Encoding": {"base64"},
		})
		if err == nil {
			_, err = w.Write(base64Lines(f.data))
		}
	}
	if err == nil {
		err = mw.Close()
	}
	if err != nil {
		return fmt.Errorf("composing the message: %w", err)
	}
	return nil
}

// mediaType is a Content-Type or Content-Disposition with a file name,
// RFC 2231-encoded when it is not ASCII.
func mediaType(t, key, name string) string {
	if name == "" {
		return t
	}
	if v := mime.FormatMediaType(t, map[string]string{key: name}); v != "" {
		return v
	}
	return t
}

// textPart is text in quoted-printable, which turns its line ends into CRLF.
func textPart(text string) []byte {
	var b bytes.Buffer
	w := quotedprintable.NewWriter(&b)
	w.Write([]byte(strings.ReplaceAll(text, "\r\n", "\n")))
	w.Close()
	return b.Bytes()
}

// base64Lines is data in base64, in lines of 76 characters as MIME wants.
func base64Lines(data []byte) []byte {
	enc := base64.StdEncoding.EncodeToString(data)
	var b bytes.Buffer
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.Bytes()
}

// subject answers the chat's subject, or names the request when it had none.
func subject(out parley.Outbound) string {
	s := strings.Join(strings.Fields(out.Subject), " ")
	switch {
	case s == "":
		return fmt.Sprintf("Your request #%d", out.ChatID)
	case len(s) >= 3 && strings.EqualFold(s[:3], "re:"):
		return s
	}
	return "Re: " + s
}

// senderName shows who answered: "Anna (Support)", or either alone.
func senderName(display, agent string) string {
	display, agent = strings.TrimSpace(display), strings.TrimSpace(agent)
	switch {
	case agent == "":
		return display
	case display == "":
		return agent
	}
	return agent + " (" + display + ")"
}

// bracketAll wraps each Message-ID in <> as headers want, newest kept when
// there are too many.
func bracketAll(ids []string) []string {
	var out []string
	for _, id := range ids {
		id = strings.Trim(strings.TrimSpace(id), "<>")
		if id != "" && !strings.ContainsAny(id, " \t\r\n<>") {
			out = append(out, "<"+id+">")
		}
	}
	if len(out) > maxRefs {
		out = out[len(out)-maxRefs:]
	}
	return out
}
