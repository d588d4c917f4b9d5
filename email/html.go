package email

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// htmlToText renders an HTML body as plain text: tags dropped, entities
// decoded, line breaks kept at <br> and block elements, and blockquotes
// turned into "> " lines so quoted history is stripped like plain text's.
func htmlToText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var w textWriter
	hidden := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return w.String()
		}
		name, _ := z.TagName()
		tag := string(name)
		switch tt {
		case html.TextToken:
			if hidden == 0 {
				w.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			switch {
			case hiddenTags[tag] && tt == html.StartTagToken:
				hidden++
			case tag == "br":
				w.newline()
			case tag == "blockquote":
				w.block(1)
				w.quote++
			case blockTags[tag] > 0:
				w.block(blockTags[tag])
			}
		case html.EndTagToken:
			switch {
			case hiddenTags[tag]:
				hidden = max(0, hidden-1)
			case tag == "blockquote":
				w.block(1)
				w.quote = max(0, w.quote-1)
			case blockTags[tag] > 0:
				w.block(blockTags[tag])
			}
		}
	}
}

// hiddenTags hold no text a reader sees.
var hiddenTags = map[string]bool{"head": true, "script": true, "style": true, "title": true, "template": true}

// blockTags break the line; the number is the newlines they end with
// (2: a blank line after a paragraph).
var blockTags = map[string]int{
	"p": 2, "div": 1, "li": 1, "tr": 1, "table": 1, "ul": 1, "ol": 1, "hr": 1,
	"h1": 2, "h2": 2, "h3": 2, "h4": 2, "h5": 2, "h6": 2, "pre": 1, "dd": 1, "dt": 1,
}

var spaces = regexp.MustCompile(`[ \t\r\n\f\x{00A0}]+`)

// textWriter collects rendered text, knowing where lines start so quotes
// are prefixed and blank lines are not piled up.
type textWriter struct {
	b     strings.Builder
	quote int  // blockquote depth
	mid   bool // the current line has text
	nl    int  // newlines written since the last text
}

func (w *textWriter) text(s string) {
	s = spaces.ReplaceAllString(s, " ")
	if !w.mid {
		s = strings.TrimLeft(s, " ")
		if s == "" {
			return
		}
		w.b.WriteString(strings.Repeat("> ", w.quote))
	}
	w.b.WriteString(s)
	w.mid, w.nl = true, 0
}

func (w *textWriter) newline() {
	if !w.mid && w.quote > 0 && w.nl > 0 {
		w.b.WriteString(strings.TrimRight(strings.Repeat("> ", w.quote), " "))
	}
	w.b.WriteByte('\n')
	w.mid = false
	w.nl++
}

// block ends the current line and adds blank lines up to n newlines.
func (w *textWriter) block(n int) {
	if w.b.Len() == 0 {
		return
	}
	for w.mid || w.nl < n {
		w.newline()
	}
}

// String is the text with trailing spaces cut from each line.
func (w *textWriter) String() string {
	lines := strings.Split(w.b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
