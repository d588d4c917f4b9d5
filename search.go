package parley

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxSearchText is the longest search text, in bytes: longer is refused rather
// than cut, since a cut query would find something else than was asked.
const MaxSearchText = 1000

// MaxSearchWords is how many words of a search text are used; the rest are
// ignored, as more words only narrow a result that is empty by then anyway.
const MaxSearchWords = 16

// SearchQuery selects chats (R2.9). Zero fields select everything the viewer may see.
type SearchQuery struct {
	// Text holds free words; each must be found in one of the chat's messages
	// (all in the same message) or in its contact's name. Words match by prefix
	// and, on PostgreSQL, by English and Russian stem.
	Text        string
	ContactID   int64
	ChannelID   int64
	ChannelType ChannelType
	QueueID     int64
	OwnerID     int64
	States      []ChatState
	Topic       string // the topic's name, listed or typed as Other
	TopicID     int64  // a listed topic
	// From and To bound the chat's creation time: From <= created_at < To.
	From, To time.Time
	Limit    int
	// Before is the cursor: the Key of the last hit of the previous page.
	Before int64
	// Viewer limits the hits to the chats it may see (Viewer.CanSeeChat).
	Viewer Viewer
}

// HitKind says what matched a search.
type HitKind string

// What matched.
const (
	HitMessage HitKind = "message" // a message of the chat; Snippet is taken from it
	HitContact HitKind = "contact" // the name or e-mail of the chat's contact; Snippet is the name
	HitFilter  HitKind = "filter"  // no text was asked: the chat passes the filters
)

// ChatHit is one chat found by a search.
type ChatHit struct {
	Chat Chat    `json:"chat"`
	Kind HitKind `json:"kind"`
	// MessageID is the newest matching message, for a message hit.
	MessageID int64         `json:"message_id,omitempty"`
	Snippet   []SnippetPart `json:"snippet,omitempty"`
	// Key orders hits, greatest first, and is the cursor of the next page. Without
	// text it is the chat id; with text, the id of the chat's newest matching
	// message (for a contact hit, of the chat's last message).
	Key int64 `json:"cursor"`
}

// SnippetPart is a piece of a snippet; Hit marks a matched word.
type SnippetPart struct {
	Text string `json:"text"`
	Hit  bool   `json:"hit,omitempty"`
}

// Searcher finds chats and contacts by text.
type Searcher interface {
	// SearchChats returns the hits of q, greatest Key first.
	SearchChats(ctx context.Context, q SearchQuery) ([]ChatHit, error)
	// SearchContacts returns up to limit contacts whose name or e-mail has words
	// starting with every word of text, or whose phone digits start with its digits.
	SearchContacts(ctx context.Context, text string, limit int) ([]Contact, error)
}

// isWordRune reports whether r belongs to a word, as SQLite's unicode61
// tokenizer sees it: letters, numbers and the marks that go with them.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r)
}

// SearchWords splits text into lower-case words, at most MaxSearchWords of
// them. Everything that is not a letter, number or mark separates words, so no
// query syntax of any database survives.
func SearchWords(text string) []string {
	var words []string
	for w := range strings.FieldsFuncSeq(text, func(r rune) bool { return !isWordRune(r) }) {
		if len(words) == MaxSearchWords {
			break
		}
		words = append(words, strings.ToLower(w))
	}
	return words
}

// SearchDigits returns the digits of text when it looks like a phone number
// (digits, spaces and + - ( ) . only, at least three digits), else "".
func SearchDigits(text string) string {
	var b strings.Builder
	for _, r := range text {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case strings.ContainsRune(" +-().", r):
		default:
			return ""
		}
	}
	if b.Len() < 3 {
		return ""
	}
	return b.String()
}

// snippetRadius is how many characters a snippet keeps on each side of its first hit.
const snippetRadius = 60

// Snippet cuts text around the first word that matches one of words and marks
// every matching word in the cut. Matching is approximate, as the database's
// stemming is not known here: a word matches when it and a query word share a
// prefix of all but the last two letters of the query word (at least three).
func Snippet(text string, words []string) []SnippetPart {
	type span struct{ from, to int } // byte offsets
	var hits []span
	start := -1
	for i, r := range text {
		switch {
		case isWordRune(r) && start < 0:
			start = i
		case !isWordRune(r) && start >= 0:
			if wordMatches(text[start:i], words) {
				hits = append(hits, span{start, i})
			}
			start = -1
		}
	}
	if start >= 0 && wordMatches(text[start:], words) {
		hits = append(hits, span{start, len(text)})
	}
	from, to := 0, len(text)
	if len(hits) > 0 {
		from = backRunes(text, hits[0].from, snippetRadius)
		to = forwardRunes(text, hits[0].to, snippetRadius)
	} else {
		to = forwardRunes(text, 0, 2*snippetRadius)
	}
	var parts []SnippetPart
	add := func(s string, hit bool) {
		if s != "" {
			parts = append(parts, SnippetPart{Text: s, Hit: hit})
		}
	}
	if from > 0 {
		add("…", false)
	}
	pos := from
	for _, h := range hits {
		if h.from < from || h.to > to {
			continue
		}
		add(text[pos:h.from], false)
		add(text[h.from:h.to], true)
		pos = h.to
	}
	add(text[pos:to], false)
	if to < len(text) {
		add("…", false)
	}
	return parts
}

func wordMatches(word string, query []string) bool {
	w := []rune(strings.ToLower(word))
	for _, q := range query {
		qr := []rune(q)
		need := max(min(len(qr), 3), len(qr)-2)
		if len(w) >= need && commonPrefix(w, qr) >= need {
			return true
		}
	}
	return false
}

func commonPrefix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// backRunes returns the offset n runes before i in s, or 0.
func backRunes(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

// forwardRunes returns the offset n runes after i in s, or len(s).
func forwardRunes(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}
