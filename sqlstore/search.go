package sqlstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"parley"
)

// Page sizes of SearchChats and SearchContacts.
const (
	defaultSearchLimit = 50
	maxSearchLimit     = 200
	// PostgreSQL's first window of newest messages, the share of matches in a
	// window under which the text index is asked instead (see messageChats),
	// and how many matches one read of the index takes.
	pgWindow = 8000
	pgDense  = 20
	pgBatch  = 2000
)

var _ parley.Searcher = (*Store)(nil)

// searchSQL is the SQL that differs between the databases' full-text search.
type searchSQL struct {
	// messages is the FROM clause joining matching messages m to their chats c,
	// and msgID the matching message's id, for a query that reads matches
	// newest first (SQLite's; PostgreSQL reads them apart, see messageChats).
	messages, msgID string
	// msgMatch is the condition that message m has the words, given the
	// placeholder of msgQuery's value; laterMatch that message m2, whose id is
	// at least the value of placeholder from, has them.
	msgMatch   func(ph string) string
	laterMatch func(ph, from string) string
	msgQuery   func(words []string) string
	// contactIDs selects the ids of contacts whose name or e-mail have the
	// words, given the placeholder of contactQuery's value.
	contactIDs   func(ph string) string
	contactQuery func(words []string) string
	phoneDigits  string // the phone's digits, as an SQL expression
	// inline puts the search words into the SQL text instead of a parameter.
	// PostgreSQL plans a prepared statement once for any value after a few
	// runs, and a plan made without knowing how common the words are is the
	// wrong one for either common or rare words (seconds instead of
	// milliseconds); the words are letters, numbers and marks only, so they
	// are safe in a literal.
	inline bool
}

// sqliteSearch uses FTS5. The user's words become a query of quoted strings,
// so no FTS5 syntax (NEAR, -, ^, :, column filters) can come from them. Every
// word of three letters or more matches as a prefix: SQLite has no Russian
// stemmer, and a prefix finds the word's other endings ("заказ" finds
// "заказы", "заказа"; "order" finds "orders"). Shorter words match whole, as
// their prefixes would match much of the vocabulary.
var sqliteSearch = searchSQL{
	messages: "messages_fts f CROSS JOIN messages m CROSS JOIN chats c",
	msgID:    "f.rowid",
	// CROSS JOIN keeps the index the outer loop, read in rowid order.
	msgMatch: func(ph string) string {
		return "f.messages_fts MATCH " + ph + " AND m.id = f.rowid AND c.id = m.chat_id"
	},
	laterMatch: func(ph, from string) string {
		return "m2.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH " + ph + " AND rowid >= " + from + ")"
	},
	msgQuery:     ftsQuery,
	contactIDs:   func(ph string) string { return "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH " + ph },
	contactQuery: ftsQuery,
	phoneDigits:  "replace(replace(replace(replace(replace(replace(phone, ' ', ''), '+', ''), '-', ''), '(', ''), ')', ''), '.', '')",
}

// postgresSearch uses the tsvector that messages keep with both the English
// and the Russian stemmer; the query is stemmed by both too, and matches when
// either language's reading does. plainto_tsquery takes the words as plain
// text: it never fails on any input.
var postgresSearch = searchSQL{
	messages:   "messages m JOIN chats c ON c.id = m.chat_id",
	msgID:      "m.id",
	msgMatch:   func(ph string) string { return "m.search @@ " + pgQuery(ph) },
	laterMatch: func(ph, _ string) string { return "m2.search @@ " + pgQuery(ph) },
	msgQuery:   func(words []string) string { return strings.Join(words, " ") },
	contactIDs: func(ph string) string {
		return "SELECT id FROM contacts WHERE to_tsvector('simple'::regconfig, name || ' ' || translate(email, '@.-_+', '     ')) @@ to_tsquery('simple', " + ph + ")"
	},
	// Each word is quoted as a tsquery lexeme; words hold letters, numbers and
	// marks only (parley.SearchWords), so the quotes are never unbalanced.
	contactQuery: func(words []string) string {
		q := make([]string, len(words))
		for i, w := range words {
			q[i] = "'" + strings.ReplaceAll(w, "'", "''") + "':*"
		}
		return strings.Join(q, " & ")
	},
	phoneDigits: "regexp_replace(phone, '[^0-9]', '', 'g')",
	inline:      true,
}

func pgQuery(ph string) string {
	return "(plainto_tsquery('english', " + ph + ") || plainto_tsquery('russian', " + ph + "))"
}

// value returns the SQL of a search value: a parameter of w, or a literal.
func (sq searchSQL) value(w *where, v string) string {
	if sq.inline {
		return "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	return w.arg(v)
}

func (s *Store) search() searchSQL {
	if s.d.isPostgres() {
		return postgresSearch
	}
	return sqliteSearch
}

// ftsQuery makes an FTS5 query of words: each one a quoted string, all of them
// required, prefixes for words of three letters or more.
func ftsQuery(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		if utf8.RuneCountInString(w) >= 3 {
			q[i] += "*"
		}
	}
	return strings.Join(q, " ")
}

// chatColumnsOf is chatColumns qualified by a table alias.
func chatColumnsOf(alias string) string {
	cols := strings.Split(chatColumns, ",")
	for i, c := range cols {
		cols[i] = alias + "." + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

var searchChatColumns = chatColumnsOf("c")

// searchFilters adds q's filters on chats c and the viewer's visibility to w.
func searchFilters(w *where, q parley.SearchQuery) {
	if q.ContactID != 0 {
		w.add("c.contact_id = " + w.arg(q.ContactID))
	}
	if q.ChannelID != 0 {
		w.add("c.channel_id = " + w.arg(q.ChannelID))
	}
	if q.ChannelType != "" {
		w.add("c.channel_type = " + w.arg(string(q.ChannelType)))
	}
	if q.QueueID != 0 {
		w.add("c.queue_id = " + w.arg(q.QueueID))
	}
	if q.OwnerID != 0 {
		w.add("c.owner_id = " + w.arg(q.OwnerID))
	}
	if len(q.States) > 0 {
		states := make([]string, len(q.States))
		for i, s := range q.States {
			states[i] = string(s)
		}
		w.add("c.state IN " + in(w, states))
	}
	if q.Topic != "" {
		w.add("c.topic = " + w.arg(q.Topic))
	}
	if q.TopicID != 0 {
		w.add("c.topic_id = " + w.arg(q.TopicID))
	}
	if !q.From.IsZero() {
		w.add("c.created_at >= " + w.arg(micros(q.From)))
	}
	if !q.To.IsZero() {
		w.add("c.created_at < " + w.arg(micros(q.To)))
	}
	// The one definition of who sees which chat, shared with the chat lists.
	scopeChats(w, q.Viewer)
	deletedChats(w, false)
}

// withExtra scans a chat's columns followed by extra ones.
type withExtra struct {
	s     scanner
	extra []any
}

func (w withExtra) Scan(dest ...any) error { return w.s.Scan(append(dest, w.extra...)...) }

// SearchChats returns the chats q selects, greatest Key first: without text,
// newest chat first; with text, the chats whose contact matches and the chats
// whose messages match, by their newest match.
func (s *Store) SearchChats(ctx context.Context, q parley.SearchQuery) ([]parley.ChatHit, error) {
	limit := clamp(q.Limit, defaultSearchLimit, maxSearchLimit)
	if strings.TrimSpace(q.Text) == "" {
		return s.filterChats(ctx, q, limit)
	}
	words := parley.SearchWords(q.Text)
	if len(words) == 0 { // only punctuation or emoji: no word can match
		return []parley.ChatHit{}, nil
	}
	byContact, err := s.contactChats(ctx, q, words, limit)
	if err != nil {
		return nil, err
	}
	byMessage, err := s.messageChats(ctx, q, words, limit)
	if err != nil {
		return nil, err
	}
	// The two sets are disjoint: messageChats leaves out the chats of matching contacts.
	hits := append(byContact, byMessage...)
	slices.SortFunc(hits, func(a, b parley.ChatHit) int { return cmp.Compare(b.Key, a.Key) })
	return hits[:min(len(hits), limit)], nil
}

// filterChats is a search without text: the chats, newest first.
func (s *Store) filterChats(ctx context.Context, q parley.SearchQuery, limit int) ([]parley.ChatHit, error) {
	var w where
	searchFilters(&w, q)
	if q.Before != 0 {
		w.add("c.id < " + w.arg(q.Before))
	}
	return list(ctx, s.q, "search chats", func(sc scanner) (parley.ChatHit, error) {
		c, err := scanChat(sc)
		return parley.ChatHit{Chat: c, Kind: parley.HitFilter, Key: c.ID}, err
	}, "SELECT "+searchChatColumns+" FROM chats c"+w.sql()+" ORDER BY c.id DESC LIMIT "+strconv.Itoa(limit), w.args...)
}

// contactChats returns the chats of the contacts whose name or e-mail match,
// each keyed by its last message: every matching message of such a chat is at
// or below that key, so the chat needs no message hit.
func (s *Store) contactChats(ctx context.Context, q parley.SearchQuery, words []string, limit int) ([]parley.ChatHit, error) {
	sq := s.search()
	var w where
	w.add("c.contact_id IN (" + sq.contactIDs(sq.value(&w, sq.contactQuery(words))) + ")")
	w.add("c.last_seq > 0")
	searchFilters(&w, q)
	outer := ""
	if q.Before != 0 {
		outer = " WHERE h.k < " + w.arg(q.Before)
	}
	query := "SELECT * FROM (SELECT " + searchChatColumns + `, ct.name AS contact_name,
		(SELECT lm.id FROM messages lm WHERE lm.chat_id = c.id AND lm.seq = c.last_seq) AS k
		FROM chats c JOIN contacts ct ON ct.id = c.contact_id` + w.sql() + ") h" + outer +
		" ORDER BY h.k DESC LIMIT " + strconv.Itoa(limit)
	return list(ctx, s.q, "search chats by contact", func(sc scanner) (parley.ChatHit, error) {
		var name string
		var key *int64
		c, err := scanChat(withExtra{sc, []any{&name, &key}})
		h := parley.ChatHit{Chat: c, Kind: parley.HitContact, Snippet: parley.Snippet(name, words)}
		if key != nil {
			h.Key = *key
		}
		return h, err
	}, query, w.args...)
}

// messageChats returns up to limit chats with matching messages, by their
// newest match below q.Before.
func (s *Store) messageChats(ctx context.Context, q parley.SearchQuery, words []string, limit int) ([]parley.ChatHit, error) {
	sq := s.search()
	seen := make(map[int64]bool)
	hits := []parley.ChatHit{}
	add := func(c parley.Chat, id int64, text string) bool {
		if !seen[c.ID] {
			seen[c.ID] = true
			hits = append(hits, parley.ChatHit{Chat: c, Kind: parley.HitMessage, MessageID: id,
				Snippet: parley.Snippet(text, words), Key: id})
		}
		return len(hits) < limit
	}
	// chatConds adds the conditions on the chat c of a match: not a matching
	// contact's (those are contactChats' hits), not on an earlier page, and q's
	// filters.
	chatConds := func(w *where, ph string) {
		w.add("c.contact_id NOT IN (" + sq.contactIDs(sq.value(w, sq.contactQuery(words))) + ")")
		if q.Before != 0 {
			// A chat with a match at or above the cursor was on an earlier page.
			b := w.arg(q.Before)
			w.add("NOT EXISTS (SELECT 1 FROM messages m2 WHERE m2.chat_id = c.id AND m2.id >= " + b +
				" AND " + sq.laterMatch(ph, b) + ")")
		}
		searchFilters(w, q)
	}
	if !s.d.isPostgres() {
		// SQLite evaluates lazily, and FTS5 merges the doclists of a prefix's
		// terms once per query: one query, read until the page is full.
		var w where
		ph := sq.value(&w, sq.msgQuery(words))
		w.add(sq.msgMatch(ph))
		if q.Before != 0 {
			w.add(sq.msgID + " < " + w.arg(q.Before))
		}
		if q.Viewer.IsVisitor() {
			w.add("NOT m.internal")
		}
		chatConds(&w, ph)
		_, _, err := s.scanMessageHits(ctx, "SELECT "+searchChatColumns+", m.id, m.text FROM "+sq.messages+w.sql()+
			" ORDER BY "+sq.msgID+" DESC", w.args, add)
		return hits, err
	}
	// PostgreSQL cannot read a GIN index in id order, and its estimates of how
	// common words are miss by far; either of its plans (the newest messages
	// first, testing each, or every match from the index, then sorted) takes
	// seconds for the words it misjudges. So the newest messages are tested
	// first, in windows growing fourfold, as long as the words are common in
	// them (one in pgDense or more); then the index is asked for the rest,
	// which is cheap for words that are not common. Either way the matches are
	// read from messages alone, and their chats after, by id.
	size, hi := pgWindow, q.Before
	for {
		var low int64
		var n int
		err := s.q.queryRow(ctx, "SELECT COALESCE(MIN(id), 0), COUNT(*) FROM (SELECT id FROM messages"+
			cursorCond(hi)+" ORDER BY id DESC LIMIT "+strconv.Itoa(size)+") w", cursorArgs(hi)...).Scan(&low, &n)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: search window: %w", err)
		}
		if n == 0 {
			return hits, nil
		}
		found, _, err := s.pgMatches(ctx, q, words, low, hi, 0, chatConds, add)
		if err != nil || len(hits) == limit || n < size {
			return hits, err
		}
		hi = low
		if found*pgDense < n {
			break
		}
		size *= 4
	}
	for {
		found, last, err := s.pgMatches(ctx, q, words, 0, hi, pgBatch, chatConds, add)
		if err != nil || len(hits) == limit || found < pgBatch {
			return hits, err
		}
		hi = last
	}
}

// pgMatches gives add the matches with from <= id < to (0: unbounded),
// newest first, whose chats pass chatConds, until add returns false; it
// returns how many matches it read (at most limit, unless 0) and the last one's
// id. A range (from) is read in id order; without one, the text index is
// used ("m.id + 0" keeps the planner from walking the ids instead).
func (s *Store) pgMatches(ctx context.Context, q parley.SearchQuery, words []string, from, to int64, limit int,
	chatConds func(w *where, ph string), add func(c parley.Chat, id int64, text string) bool) (int, int64, error) {
	sq := s.search()
	type match struct {
		id, chat int64
		text     string
	}
	var w where
	ph := sq.value(&w, sq.msgQuery(words))
	w.add(sq.msgMatch(ph))
	order := " ORDER BY m.id DESC"
	if from != 0 {
		w.add("m.id >= " + w.arg(from))
	} else {
		order = " ORDER BY m.id + 0 DESC"
	}
	if to != 0 {
		w.add("m.id < " + w.arg(to))
	}
	if q.Viewer.IsVisitor() {
		w.add("NOT m.internal")
	}
	if limit > 0 {
		order += " LIMIT " + strconv.Itoa(limit)
	}
	matches, err := list(ctx, s.q, "search matches", func(sc scanner) (match, error) {
		var m match
		return m, sc.Scan(&m.id, &m.chat, &m.text)
	}, "SELECT m.id, m.chat_id, m.text FROM messages m"+w.sql()+order, w.args...)
	if err != nil || len(matches) == 0 {
		return 0, 0, err
	}
	var ids []int64
	seen := make(map[int64]bool)
	for _, m := range matches {
		if !seen[m.chat] {
			seen[m.chat] = true
			ids = append(ids, m.chat)
		}
	}
	var cw where
	cw.add("c.id IN " + in(&cw, ids))
	chatConds(&cw, sq.value(&cw, sq.msgQuery(words)))
	chats, err := list(ctx, s.q, "search chats of matches", scanChat, "SELECT "+searchChatColumns+" FROM chats c"+cw.sql(), cw.args...)
	if err != nil {
		return 0, 0, err
	}
	byID := make(map[int64]parley.Chat, len(chats))
	for _, c := range chats {
		byID[c.ID] = c
	}
	for _, m := range matches {
		if c, ok := byID[m.chat]; ok && !add(c, m.id, m.text) {
			break
		}
	}
	return len(matches), matches[len(matches)-1].id, nil
}

func cursorCond(before int64) string {
	if before == 0 {
		return ""
	}
	return " WHERE id < $1"
}

func cursorArgs(before int64) []any {
	if before == 0 {
		return nil
	}
	return []any{before}
}

// scanMessageHits reads the rows of query, each a chat, a message id and its
// text, until add returns false; it returns how many rows it read and the
// last message id.
func (s *Store) scanMessageHits(ctx context.Context, query string, args []any,
	add func(c parley.Chat, id int64, text string) bool) (n int, last int64, err error) {
	rows, err := s.q.query(ctx, query, args...)
	if err != nil {
		return 0, 0, fmt.Errorf("sqlstore: search messages: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var text string
		c, err := scanChat(withExtra{rows, []any{&last, &text}})
		if err != nil {
			return n, last, fmt.Errorf("sqlstore: scan search hit: %w", err)
		}
		n++
		if !add(c, last, text) {
			// Stopping here is what makes a common word cheap: the rest is never read.
			return n, last, nil
		}
	}
	if err := rows.Err(); err != nil {
		return n, last, fmt.Errorf("sqlstore: search messages: %w", err)
	}
	return n, last, nil
}

// SearchContacts returns up to limit contacts, newest first, whose name or
// e-mail have words starting with every word of text, or whose phone's digits
// start with text's digits when text looks like a phone number.
func (s *Store) SearchContacts(ctx context.Context, text string, limit int) ([]parley.Contact, error) {
	sq := s.search()
	words := parley.SearchWords(text)
	digits := parley.SearchDigits(strings.TrimSpace(text))
	var conds []string
	var w where
	if len(words) > 0 {
		conds = append(conds, "id IN ("+sq.contactIDs(sq.value(&w, sq.contactQuery(words)))+")")
	}
	if digits != "" {
		// Digits never hold LIKE's wildcards.
		conds = append(conds, sq.phoneDigits+" LIKE "+w.arg(digits+"%"))
	}
	if len(conds) == 0 {
		return []parley.Contact{}, nil
	}
	limit = clamp(limit, defaultSearchLimit, maxSearchLimit)
	// Merged contacts are found through the contact they were merged into.
	return list(ctx, s.q, "search contacts", scanContact, "SELECT "+contactColumns+" FROM contacts WHERE merged_into = 0 AND ("+
		// id + 0: ordered by the primary key, PostgreSQL would walk all contacts
		// newest first, testing each, rather than use the text index.
		strings.Join(conds, " OR ")+") ORDER BY id + 0 DESC LIMIT "+strconv.Itoa(limit), w.args...)
}
