package core

import (
	"net/url"
	"path"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// noteTags are the elements a note keeps; every other tag is dropped and its
// text kept (or, for droppedContent, dropped with it).
var noteTags = []atom.Atom{
	atom.P, atom.Br, atom.B, atom.Strong, atom.I, atom.Em, atom.U, atom.S, atom.Ul, atom.Ol, atom.Li,
	atom.A, atom.Img, atom.Code, atom.Pre, atom.Blockquote,
}

// droppedContent are elements whose content is no text a reader should see:
// code, styles, embedded documents, and foreign markup (SVG, MathML) that
// browsers parse by other rules.
var droppedContent = []atom.Atom{
	atom.Script, atom.Style, atom.Template, atom.Iframe, atom.Object, atom.Embed, atom.Noscript, atom.Noembed,
	atom.Noframes, atom.Xmp, atom.Plaintext, atom.Title, atom.Textarea, atom.Svg, atom.Math, atom.Head, atom.Select,
}

// fileURLPrefix is where this server's own files download from; a note's
// picture may point there or to any https address.
const fileURLPrefix = "/api/v1/files/"

// SanitizeNoteHTML keeps of s only the markup of noteTags with safe attributes:
// links to http, https and mailto that open in a new tab without an opener,
// pictures from this server's files or https. Text is kept and escaped, so the
// result is well-formed and safe to insert into a page as is; it also reports
// whether anything visible (text or a picture) remains.
func SanitizeNoteHTML(s string) (string, bool) {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	var open []atom.Atom // the kept elements open at this point
	skip := 0            // depth inside droppedContent elements
	visible := false
	for {
		switch z.Next() {
		case html.ErrorToken: // the end of s: every kept element is closed
			for i := len(open) - 1; i >= 0; i-- {
				b.WriteString("</" + open[i].String() + ">")
			}
			return b.String(), visible
		case html.TextToken:
			if skip > 0 {
				continue
			}
			text := strings.ReplaceAll(string(z.Text()), "\x00", "") // NUL is no text, and browsers differ on it
			if strings.TrimSpace(text) != "" {
				visible = true
			}
			b.WriteString(html.EscapeString(text))
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			if slices.Contains(droppedContent, t.DataAtom) {
				if t.Type == html.StartTagToken && !voidInHTML(t.DataAtom) {
					skip++
				}
				continue
			}
			if skip > 0 || !slices.Contains(noteTags, t.DataAtom) {
				continue
			}
			attrs, keep := noteAttrs(t)
			if !keep {
				continue
			}
			b.WriteString("<" + t.DataAtom.String() + attrs + ">")
			if t.DataAtom == atom.Img {
				visible = true
			}
			if t.DataAtom != atom.Br && t.DataAtom != atom.Img {
				open = append(open, t.DataAtom)
			}
		case html.EndTagToken:
			t := z.Token()
			if slices.Contains(droppedContent, t.DataAtom) {
				skip = max(skip-1, 0)
				continue
			}
			if skip > 0 {
				continue
			}
			// An end tag closes its element and any left open inside it; one
			// that matches nothing open is dropped, so the result nests.
			if i := slices.Index(open, t.DataAtom); i >= 0 {
				for j := len(open) - 1; j >= i; j-- {
					b.WriteString("</" + open[j].String() + ">")
				}
				open = open[:i]
			}
		}
	}
}

// voidInHTML reports the dropped elements that have no end tag.
func voidInHTML(a atom.Atom) bool { return a == atom.Embed }

// noteAttrs returns the attributes kept of a kept element, and whether to keep
// the element at all: a picture without an allowed source goes.
func noteAttrs(t html.Token) (string, bool) {
	var b strings.Builder
	attr := func(k, v string) { b.WriteString(" " + k + `="` + html.EscapeString(v) + `"`) }
	switch t.DataAtom {
	case atom.A:
		if href, ok := attrValue(t, "href"); ok && linkURL(href) {
			attr("href", strings.TrimSpace(href))
			attr("rel", "noopener noreferrer")
			attr("target", "_blank")
		}
	case atom.Img:
		src, ok := attrValue(t, "src")
		if !ok || !pictureURL(src) {
			return "", false
		}
		attr("src", strings.TrimSpace(src))
		if alt, ok := attrValue(t, "alt"); ok {
			attr("alt", alt)
		}
	}
	return b.String(), true
}

func attrValue(t html.Token, key string) (string, bool) {
	for _, a := range t.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// linkURL reports whether a link may point to u: an absolute http, https or
// mailto address. Browsers ignore some characters inside a scheme
// ("java\tscript:"), so any control character or space refuses the address.
func linkURL(u string) bool {
	p, ok := parseURL(u)
	if !ok {
		return false
	}
	switch p.Scheme {
	case "http", "https":
		return p.Host != ""
	case "mailto":
		return p.Opaque != ""
	}
	return false
}

// pictureURL reports whether a picture may load from u: https, or a file of
// this server by its download path (no other path of the server, which could
// act with the reader's session).
func pictureURL(u string) bool {
	p, ok := parseURL(u)
	if !ok {
		return false
	}
	if p.Scheme == "https" {
		return p.Host != ""
	}
	return p.Scheme == "" && p.Host == "" && p.Opaque == "" && p.User == nil &&
		strings.HasPrefix(p.Path, fileURLPrefix) && path.Clean(p.Path) == p.Path && !strings.Contains(u, `\`) &&
		!strings.HasPrefix(strings.TrimSpace(u), "//")
}

func parseURL(u string) (*url.URL, bool) {
	u = strings.TrimSpace(u)
	if u == "" || strings.ContainsFunc(u, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return nil, false
	}
	p, err := url.Parse(u)
	if err != nil {
		return nil, false
	}
	p.Scheme = strings.ToLower(p.Scheme)
	return p, true
}
