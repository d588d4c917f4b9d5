package core_test

import (
	"strings"
	"testing"
	"time"

	"parley"
	"parley/core"
	"parley/sqlstore/storetest"
)

func TestSearch(t *testing.T) {
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			e := newEnv(t, db)
			members := e.agents(1, 5, false)
			outsider := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "out@example.com", Name: "Out", Password: "password1"}))
			v := e.visitor()
			res, err := e.svc.VisitorSend(e.ctx, v, core.SendInput{ClientID: "s1", Text: "My order never came, где заказ?"})
			e.must(err)

			// The caller's viewer counts, never one passed in the query.
			for _, c := range []struct {
				name   string
				viewer parley.Viewer
				text   string
				want   int
			}{
				{"member", e.viewer(members[0]), "order", 1},
				{"member, Russian", e.viewer(members[0]), "заказ", 1},
				{"admin", e.viewer(e.admin), "ORDER", 1},
				{"outsider", e.viewer(outsider), "order", 0},
				{"outsider, no text", e.viewer(outsider), "", 0},
				{"member, no match", e.viewer(members[0]), "refund", 0},
			} {
				page, err := e.svc.SearchChats(e.ctx, c.viewer, parley.SearchQuery{Text: c.text, Viewer: e.viewer(e.admin)})
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				if len(page.Hits) != c.want || c.want == 1 && page.Hits[0].Chat.ID != res.Message.ChatID {
					t.Errorf("%s: hits %+v, want %d", c.name, page.Hits, c.want)
				}
			}
			_, err = e.svc.SearchChats(e.ctx, v.Viewer(), parley.SearchQuery{Text: "order"})
			expectCode(t, err, parley.CodeForbidden)
			_, err = e.svc.SearchContacts(e.ctx, v.Viewer(), "order", 10)
			expectCode(t, err, parley.CodeForbidden)

			admin := e.viewer(e.admin)
			now := time.Now()
			for name, q := range map[string]parley.SearchQuery{
				"huge text":   {Text: strings.Repeat("x", parley.MaxSearchText+1)},
				"not UTF-8":   {Text: "\xff"},
				"bad state":   {States: []parley.ChatState{"gone"}},
				"big limit":   {Limit: 201},
				"negative id": {QueueID: -1},
				"period":      {From: now, To: now.Add(-time.Hour)},
			} {
				_, err := e.svc.SearchChats(e.ctx, admin, q)
				if parley.CodeOf(err) != parley.CodeInvalid {
					t.Errorf("%s: got %v, want invalid", name, err)
				}
			}
			_, err = e.svc.SearchContacts(e.ctx, admin, strings.Repeat("x", parley.MaxSearchText+1), 10)
			expectCode(t, err, parley.CodeInvalid)
		})
	}
}
