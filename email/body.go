package email

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/textproto"
	"strings"

	"parley"
)

// maxPart caps one attachment (and one text part); larger ones are skipped
// with a note in the text.
const maxPart = 25 << 20

// maxDepth bounds nested multiparts, which a hostile message could nest
// without end.
const maxDepth = 20

// body gathers a message's parts as the MIME tree is walked.
type body struct {
	plain, html []string
	media       []parley.MediaRef
	notes       []string
}

// text is the message's text: its plain parts, else its HTML made plain.
func (b *body) text() string {
	// Some mailers send an empty plain part beside the real HTML one.
	if plain := strings.TrimSpace(strings.Join(b.plain, "\n\n")); plain != "" || len(b.html) == 0 {
		return plain
	}
	var out []string
	for _, h := range b.html {
		out = append(out, htmlToText(h))
	}
	return strings.TrimSpace(strings.Join(out, "\n\n"))
}

func (b *body) any() bool { return len(b.plain)+len(b.html)+len(b.media) > 0 }

// walk reads one entity: a multipart's parts in turn, or a leaf.
func (b *body) walk(h textproto.MIMEHeader, r io.Reader, depth int) error {
	ctype, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil && ctype == "" {
		ctype, params = "text/plain", map[string]string{}
	}
	if strings.HasPrefix(ctype, "multipart/") && params["boundary"] != "" && depth < maxDepth {
		mr := multipart.NewReader(r, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				// A missing closing boundary is common, and harmless once
				// something was read.
				if b.any() || depth > 0 && errors.Is(err, io.ErrUnexpectedEOF) {
					return nil
				}
				return fmt.Errorf("reading a %s part: %w", ctype, err)
			}
			if err := b.walk(p.Header, p, depth+1); err != nil {
				return err
			}
		}
	}
	return b.leaf(h, r, ctype, params)
}

// leaf reads a single part: text to the body, anything else an attachment.
func (b *body) leaf(h textproto.MIMEHeader, r io.Reader, ctype string, params map[string]string) error {
	disp, dparams, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	name := partName(dparams, params)
	data, err := io.ReadAll(io.LimitReader(decodeTransfer(h, r), maxPart+1))
	if err != nil && len(data) == 0 {
		return fmt.Errorf("reading a %s part: %w", ctype, err)
	}
	isText := ctype == "text/plain" || ctype == "text/html"
	if isText && disp != "attachment" {
		s := decodeCharset(data, params["charset"])
		if ctype == "text/html" {
			b.html = append(b.html, s)
		} else {
			b.plain = append(b.plain, strings.ReplaceAll(s, "\r\n", "\n"))
		}
		return nil
	}
	if name == "" {
		name = fmt.Sprintf("attachment-%d%s", len(b.media)+1, extensions[ctype])
	}
	if len(data) > maxPart {
		b.notes = append(b.notes, fmt.Sprintf("(attachment %q skipped: larger than %d MiB)", name, maxPart>>20))
		return nil
	}
	b.media = append(b.media, parley.MediaRef{
		ID: strings.Trim(h.Get("Content-Id"), "<> "), Name: name, ContentType: ctype, Kind: kindOf(ctype), Data: data,
	})
	return nil
}

// extensions name attachments that came without a file name.
var extensions = map[string]string{
	"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp",
	"application/pdf": ".pdf", "message/rfc822": ".eml", "text/calendar": ".ics",
	"text/plain": ".txt", "text/html": ".html",
}

// partName is an attachment's file name: the disposition's filename
// (RFC 2231 already decoded by mime), else the type's name; either may be
// RFC 2047-encoded by older mailers.
func partName(dparams, params map[string]string) string {
	for _, v := range []string{dparams["filename"], params["name"]} {
		if v = decodeHeader(v); v != "" {
			return v
		}
	}
	return ""
}

// kindOf is the media kind the console shows for a content type.
func kindOf(ctype string) string {
	switch {
	case strings.HasPrefix(ctype, "image/"):
		return "image"
	case strings.HasPrefix(ctype, "audio/"):
		return "audio"
	case strings.HasPrefix(ctype, "video/"):
		return "video"
	}
	return "document"
}
