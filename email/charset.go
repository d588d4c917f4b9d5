package email

import (
	"encoding/base64"
	"io"
	"mime/quotedprintable"
	"net/textproto"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
)

// decodeTransfer undoes a part's Content-Transfer-Encoding; 7bit, 8bit,
// binary and unknown encodings pass through as they are.
func decodeTransfer(h textproto.MIMEHeader, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding"))) {
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	case "base64":
		// The decoder skips CR and LF; other stray whitespace would stop it.
		return base64.NewDecoder(base64.StdEncoding, &spaceSkipper{r: r})
	}
	return r
}

// encodingOf names the decoder for a charset: nil for UTF-8 and ASCII,
// which need none. The WHATWG index maps iso-8859-1 to its superset
// windows-1252, as mail clients do.
func encodingOf(charset string) (encoding.Encoding, error) {
	cs := strings.ToLower(strings.Trim(strings.TrimSpace(charset), `"`))
	switch cs {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		return nil, nil
	}
	return htmlindex.Get(cs)
}

// decodeCharset turns a text part into UTF-8; an unknown charset is read as
// UTF-8 with invalid bytes replaced, rather than losing the text.
func decodeCharset(b []byte, charset string) string {
	enc, err := encodingOf(charset)
	if err != nil || enc == nil {
		return clean(string(b))
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return clean(string(b))
	}
	return clean(string(out))
}

// spaceSkipper drops the spaces and tabs that some mailers leave in base64
// lines.
type spaceSkipper struct{ r io.Reader }

func (s *spaceSkipper) Read(p []byte) (int, error) {
	for {
		n, err := s.r.Read(p)
		j := 0
		for _, c := range p[:n] {
			if c != ' ' && c != '\t' {
				p[j] = c
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}
