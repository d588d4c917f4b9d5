package httpapi

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"parley"
	"parley/core"
)

func TestSearchRoutes(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		member, memberToken := e.agent(t, "member@example.com", parley.RoleAgent)
		_, outsiderToken := e.agent(t, "outsider@example.com", parley.RoleAgent)
		s := e.configure(t, member.ID)
		v := e.visitor(t, s.channel.PublicKey)
		chatID := e.visitorSays(t, v.Token, "s-1", "Where is my order? Заказы пропали").ChatID

		search := func(token, query string) core.SearchPage {
			t.Helper()
			var page core.SearchPage
			e.must(t, req{method: "GET", path: "/api/v1/search/chats?" + query, token: token}, http.StatusOK, &page)
			return page
		}
		found := func(page core.SearchPage) bool {
			return len(page.Hits) == 1 && page.Hits[0].Chat.ID == chatID
		}
		cases := []struct {
			name, token, query string
			want               bool
		}{
			{"member finds a word", memberToken, "q=order", true},
			{"member finds Russian", memberToken, "q=" + url.QueryEscape("заказ"), true},
			{"admin", e.adminToken, "q=ORDER", true},
			{"outsider sees nothing", outsiderToken, "q=order", false},
			{"outsider without text", outsiderToken, "", false},
			{"queue", memberToken, fmt.Sprintf("q=order&queue=%d", s.queue.ID), true},
			{"other queue", memberToken, fmt.Sprintf("q=order&queue=%d", s.queue.ID+1), false},
			{"channel", memberToken, fmt.Sprintf("channel=%d&channel_type=webchat", s.channel.ID), true},
			{"state", memberToken, "q=order&state=waiting,in_progress", true},
			{"completed", memberToken, "q=order&state=completed", false},
			{"period", memberToken, "from=2000-01-01&to=2999-12-31", true},
			{"period past", memberToken, "to=2000-01-01T00:00:00Z", false},
			{"topic", memberToken, "topic=billing", false},
			{"agent", memberToken, fmt.Sprintf("agent=%d", member.ID), false},
		}
		for _, c := range cases {
			if got := found(search(c.token, c.query)); got != c.want {
				t.Errorf("%s: found %v, want %v", c.name, got, c.want)
			}
		}
		page := search(memberToken, "q=order")
		if h := page.Hits[0]; h.Kind != parley.HitMessage || len(h.Snippet) == 0 || page.Next != 0 {
			t.Errorf("hit %+v, next %d", h, page.Next)
		}
		// A search's hits export like a list (R2.23), within what the caller sees.
		for token, want := range map[string]int{memberToken: 2, outsiderToken: 1} {
			rep := e.must(t, req{method: "GET", path: "/api/v1/search/chats/export?format=csv&q=order", token: token}, http.StatusOK, nil)
			rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(rep.body, []byte("\ufeff")))).ReadAll()
			if err != nil || len(rows) != want || want == 2 && rows[1][0] != strconv.FormatInt(chatID, 10) {
				t.Errorf("search export rows %q (%v), want %d with chat %d", rows, err, want, chatID)
			}
		}
		rep := e.do(t, req{method: "GET", path: "/api/v1/search/chats/export?format=pdf&q=order", token: memberToken})
		if rep.status != http.StatusUnprocessableEntity {
			t.Errorf("export as pdf: status %d", rep.status)
		}
		for _, text := range []string{`"`, `'`, `*`, `-`, `NEAR(`, `:`, `^`, `AND OR NOT`, `😀`, `order*`, `(order`, `%`, `\`} {
			search(memberToken, "q="+url.QueryEscape(text))
			var hits ContactHits
			e.must(t, req{method: "GET", path: "/api/v1/search/contacts?q=" + url.QueryEscape(text), token: memberToken}, http.StatusOK, &hits)
		}
	})
}

func TestSearchBadInput(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		_, token := e.agent(t, "member@example.com", parley.RoleAgent)
		s := e.configure(t)
		v := e.visitor(t, s.channel.PublicKey)
		huge := url.QueryEscape(strings.Repeat("заказ ", 2000))
		cases := []struct {
			path  string
			token string
			want  int
		}{
			{"/api/v1/search/chats?q=" + huge, token, http.StatusBadRequest},
			{"/api/v1/search/chats?q=" + url.QueryEscape(strings.Repeat("x", 10<<10)), token, http.StatusBadRequest},
			{"/api/v1/search/chats?q=%ff%fe", token, http.StatusBadRequest},
			{"/api/v1/search/chats?state=bogus", token, http.StatusBadRequest},
			{"/api/v1/search/chats?limit=-1", token, http.StatusBadRequest},
			{"/api/v1/search/chats?limit=1000", token, http.StatusBadRequest},
			{"/api/v1/search/chats?limit=ten", token, http.StatusBadRequest},
			{"/api/v1/search/chats?before=abc", token, http.StatusBadRequest},
			{"/api/v1/search/chats?queue=1.5", token, http.StatusBadRequest},
			{"/api/v1/search/chats?from=yesterday", token, http.StatusBadRequest},
			{"/api/v1/search/chats?to=2025-13-01", token, http.StatusBadRequest},
			{"/api/v1/search/chats?from=2025-02-01&to=2025-01-01", token, http.StatusBadRequest},
			{"/api/v1/search/chats?q=a&q=b", token, http.StatusBadRequest},
			{"/api/v1/search/chats?topic=" + strings.Repeat("t", 300), token, http.StatusBadRequest},
			{"/api/v1/search/contacts?q=" + huge, token, http.StatusBadRequest},
			{"/api/v1/search/contacts?q=ann&limit=-5", token, http.StatusBadRequest},
			{"/api/v1/search/chats?q=order", "", http.StatusUnauthorized},
			{"/api/v1/search/chats?q=order", v.Token, http.StatusUnauthorized},
			{"/api/v1/search/contacts?q=ann", v.Token, http.StatusUnauthorized},
		}
		for _, c := range cases {
			r := e.do(t, req{method: "GET", path: c.path, token: c.token})
			if r.status != c.want {
				t.Errorf("GET %.80s: %d %s, want %d", c.path, r.status, r.body, c.want)
			}
			if c.want == http.StatusBadRequest && !strings.Contains(string(r.body), "message") {
				t.Errorf("GET %.80s: no message in %s", c.path, r.body)
			}
		}
	})
}
