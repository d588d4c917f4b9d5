package httpapi

import (
	"net/http"
	"time"
	"unicode/utf8"

	"parley"
	"parley/core"
)

// What the search routes' documentation says.
const (
	searchDoc = "Chats the agent may see, by text and filters (R2.9). Without q, the chats that pass the filters, newest first. " +
		"With q, every word must be in one message (internal ones included, system ones not) or in the contact's name or e-mail; " +
		"words match by prefix (\"заказ\" finds \"заказы\") and, on PostgreSQL, by English and Russian stem (\"orders\" finds \"order\"). " +
		"Contact matches come with the contact's name as snippet, message matches with the text around the first matching word; " +
		"hits come newest match first, each chat once. Any characters may be sent: no query syntax is interpreted. " +
		"q longer than 1000 bytes is refused (400)."
	contactSearchDoc = "Contacts whose name or e-mail have words starting with every word of q, or, when q looks like a phone number, " +
		"whose phone's digits start with its digits; newest first."
)

// searchRoutes is the route table's rows for search.
func (a *API) searchRoutes() []route {
	return []route{
		{method: get, path: "/api/v1/search/chats", summary: "Search chats by text and filters", auth: authAgent, op: ok(a.searchChats), doc: searchDoc},
		{method: get, path: "/api/v1/search/chats/export", summary: "Export a search's chats as CSV or XLSX", auth: authAgent,
			op: a.searchExportOp(), doc: "Takes the filters of /search/chats and format=csv or xlsx; streams every hit, newest match first."},
		{method: get, path: "/api/v1/search/contacts", summary: "Quick search of contacts", auth: authAgent, op: ok(a.searchContacts), doc: contactSearchDoc},
	}
}

// searchQuery is the query of GET /api/v1/search/chats.
type searchQuery struct {
	Q           string             `query:"q" doc:"free words; at most 1000 bytes"`
	Contact     int64              `query:"contact" doc:"only this contact's chats"`
	Channel     int64              `query:"channel" doc:"only the chats of this channel"`
	ChannelType string             `query:"channel_type" doc:"only the chats of channels of this type (webchat, …)"`
	Queue       int64              `query:"queue" doc:"only the chats of this queue"`
	Agent       int64              `query:"agent" doc:"only the chats this agent owns"`
	State       []parley.ChatState `query:"state" doc:"comma-separated states: waiting, in_progress, completed; all when absent"`
	Topic       string             `query:"topic" doc:"only the chats with this topic's name, listed or typed as Other"`
	TopicID     int64              `query:"topic_id" doc:"only the chats of this listed topic"`
	From        string             `query:"from" doc:"only chats created at or after this time (RFC 3339, or a UTC date YYYY-MM-DD)"`
	To          string             `query:"to" doc:"only chats created before this time (RFC 3339), or through this UTC date (YYYY-MM-DD)"`
	Before      int64              `query:"before" doc:"cursor: the previous page's next"`
	Limit       int                `query:"limit" doc:"page size; 50 when absent, at most 200"`
}

func (searchQuery) fromQuery() {}

// contactSearchQuery is the query of GET /api/v1/search/contacts.
type contactSearchQuery struct {
	Q     string `query:"q" doc:"a name, an e-mail or a phone number, or their beginning; at most 1000 bytes"`
	Limit int    `query:"limit" doc:"most contacts to return; 20 when absent, at most 200"`
}

func (contactSearchQuery) fromQuery() {}

// ContactHits is the contacts a quick search found.
type ContactHits struct {
	Contacts []parley.Contact `json:"contacts"`
}

// maxSearchLimit is the largest page of a search, as core allows.
const maxSearchLimit = 200

// maxTopic bounds the topic filter, which is compared whole.
const maxTopic = 200

func (a *API) searchChats(r *http.Request, in searchQuery) (core.SearchPage, error) {
	who, err := agentOf(r)
	if err != nil {
		return core.SearchPage{}, err
	}
	q, err := in.parse()
	if err != nil {
		return core.SearchPage{}, err
	}
	page, err := a.svc.SearchChats(r.Context(), who.Viewer, q)
	page.Hits = nonNil(page.Hits)
	return page, err
}

// parse checks the query and turns it into the domain's.
func (in searchQuery) parse() (parley.SearchQuery, error) {
	q := parley.SearchQuery{Text: in.Q, ContactID: in.Contact, ChannelID: in.Channel, ChannelType: parley.ChannelType(in.ChannelType),
		QueueID: in.Queue, OwnerID: in.Agent, States: in.State, Topic: in.Topic, TopicID: in.TopicID, Before: in.Before, Limit: in.Limit}
	if err := checkSearchParams(in.Q, in.Limit); err != nil {
		return q, err
	}
	if len(in.Topic) > maxTopic || len(in.ChannelType) > maxTopic {
		return q, malformed("topic and channel_type have at most %d bytes", maxTopic)
	}
	for _, st := range in.State {
		if !st.Valid() {
			return q, malformed("state %.40q is not one of waiting, in_progress, completed", st)
		}
	}
	var err error
	if q.From, err = searchTime("from", in.From, false); err != nil {
		return q, err
	}
	if q.To, err = searchTime("to", in.To, true); err != nil {
		return q, err
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		return q, malformed("from must be before to")
	}
	return q, nil
}

func (a *API) searchContacts(r *http.Request, in contactSearchQuery) (ContactHits, error) {
	who, err := agentOf(r)
	if err != nil {
		return ContactHits{}, err
	}
	if err := checkSearchParams(in.Q, in.Limit); err != nil {
		return ContactHits{}, err
	}
	cs, err := a.svc.SearchContacts(r.Context(), who.Viewer, in.Q, in.Limit)
	return ContactHits{Contacts: nonNil(cs)}, err
}

// searchTime reads a period bound: an RFC 3339 time or a UTC date, taken as
// the start of that day, or of the next one for the end of a period, so that
// a period of dates includes its last day.
func searchTime(name, s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		if end {
			t = t.AddDate(0, 0, 1)
		}
		return t, nil
	}
	return time.Time{}, malformed("%s %.40q is not a time (RFC 3339) nor a date (YYYY-MM-DD)", name, s)
}

// checkSearchParams refuses, as a request that cannot be read (400), a text
// too long to be a search or not UTF-8, and a page size out of range.
func checkSearchParams(q string, limit int) error {
	if len(q) > parley.MaxSearchText {
		return malformed("q has %d bytes, at most %d are allowed", len(q), parley.MaxSearchText)
	}
	if !utf8.ValidString(q) {
		return malformed("q is not valid UTF-8")
	}
	if limit > maxSearchLimit {
		return malformed("limit is at most %d", maxSearchLimit)
	}
	return nil
}
