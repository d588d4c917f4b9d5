package main

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"parley"
	"parley/browsertest"
	"parley/core"
)

// browserSite is a running server (console and widget included) with an admin,
// an agent, a queue and a web-chat channel, and a customer's site on another
// origin whose page carries the widget's snippet.
type browserSite struct {
	*node
	admin   agentSession
	agent   parley.Agent
	channel parley.Channel
	siteURL string
}

const browserPassword = "password123"

// siteNames are what the admin names things, in the console's language, so
// that a check for English on a Russian screen sees only the console's own words.
type siteNames struct{ admin, agent, room, queue, channel, welcome string }

var namesIn = map[string]siteNames{
	"en": {"Ada Admin", "Alex Agent", "Support", "First line", "Shop", "Hello! How can we help?"},
	"ru": {"Ада Админова", "Алексей Агентов", "Поддержка", "Первая линия", "Магазин", "Здравствуйте! Чем помочь?"},
}

// startBrowserSite starts it all on SQLite in a temporary folder; lang is the
// admin's and the agent's console language.
func startBrowserSite(t *testing.T, lang string, prechat []parley.PrechatField) *browserSite {
	t.Helper()
	database := browserDatabase(t, lang)
	return setUpBrowserSite(t, startNode(t, database), lang, prechat)
}

// browserDatabase makes a SQLite database in a temporary folder with the first
// admin, who speaks lang.
func browserDatabase(t *testing.T, lang string) string {
	t.Helper()
	browsertest.Require(t)
	database := filepath.Join(t.TempDir(), "parley.db")
	var out bytes.Buffer
	err := run(context.Background(), []string{"user", "add", "--database", database, "--email", "admin@example.com",
		"--name", namesIn[lang].admin, "--language", lang, "--password", browserPassword}, strings.NewReader(""), &out, &out)
	if err != nil {
		t.Fatalf("user add: %v: %s", err, out.String())
	}
	return database
}

// setUpBrowserSite creates the agent, the room, the queue and the channel on a
// running server whose database browserDatabase made, and serves the customer's site.
func setUpBrowserSite(t *testing.T, n *node, lang string, prechat []parley.PrechatField) *browserSite {
	t.Helper()
	names := namesIn[lang]
	s := &browserSite{node: n}
	s.admin = s.login("admin@example.com")
	s.call("POST", "/api/v1/agents", s.admin.token, core.AgentInput{Email: "agent@example.com", Name: names.agent,
		Password: browserPassword, Language: lang}, 201, &s.agent)
	var room parley.Room
	s.call("POST", "/api/v1/rooms", s.admin.token, map[string]any{"name": names.room}, 201, &room)
	var queue parley.Queue
	s.call("POST", "/api/v1/queues", s.admin.token, map[string]any{"name": names.queue, "room_id": room.ID,
		"members": []int64{s.admin.agent.ID, s.agent.ID}}, 201, &queue)
	s.call("POST", "/api/v1/channels", s.admin.token, map[string]any{"name": names.channel, "queue_id": queue.ID,
		"welcome_message": names.welcome, "prechat_fields": prechat}, 201, &s.channel)
	s.siteURL = serveCustomerSite(t, s.base, s.channel.PublicKey)
	return s
}

// serveCustomerSite serves a shop page with the widget's snippet from its own
// origin, with page styles that would spoil the widget if they reached inside it.
func serveCustomerSite(t *testing.T, parleyOrigin, key string) string {
	page := fmt.Sprintf(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shop</title>
<style>
  body { font-family: serif; background: #fffbe6; }
  div, p, button, textarea, input, section { color: rgb(255, 0, 0) !important; font-size: 40px !important; }
</style></head>
<body>
<h1>A shop</h1><p>Everything for cats.</p>
<script src="%s/widget.js" data-parley-key="%s" async></script>
</body></html>`, html.EscapeString(parleyOrigin), html.EscapeString(key))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(page))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/cart"
}

// consoleLogin signs in on the console's login screen.
func consoleLogin(b *browsertest.Browser, base, email string) {
	b.Navigate(base + "/")
	b.Wait("the login form", browsertest.Visible(browsertest.TestID("login-email")))
	b.Shot("login")
	b.Type("the e-mail", browsertest.TestID("login-email"), email)
	b.Type("the password", browsertest.TestID("login-password"), browserPassword)
	b.Click("sign in", browsertest.TestID("login-submit"))
	b.Wait("the console after login", browsertest.Visible(browsertest.TestID("status-switch")))
}

// openChat has a visitor write and the agent accept; it returns the chat's id.
func openChat(t *testing.T, site *browserSite, agent, visitor *browsertest.Browser, first string) int64 {
	t.Helper()
	agentGoesActive(agent, site.base)
	visitorOpensPlainWidget(visitor, site.siteURL)
	visitorSays(visitor, first)
	agentAccepts(agent, first)
	var page core.ChatPage
	site.call("GET", "/api/v1/chats?state=in_progress", site.admin.token, nil, 200, &page)
	if len(page.Chats) != 1 {
		t.Fatalf("chats in progress: %+v, want one", page.Chats)
	}
	return page.Chats[0].ID
}
