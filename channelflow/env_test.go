// Package channelflow_test runs whole chats over every messenger channel: a
// real server on a real database, each provider faked by a real HTTP server
// on 127.0.0.1 that speaks the provider's documented format.
package channelflow_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/crypto/bcrypt"

	"parley"
	"parley/core"
	"parley/email"
	"parley/files"
	"parley/httpapi"
	"parley/infobip"
	"parley/messenger"
	"parley/sqlstore"
	"parley/sqlstore/storetest"
	"parley/telegram"
	"parley/viber"
	"parley/whatsapp"
)

// env is one running server with an admin who is an active agent of one queue.
type env struct {
	srv     *httptest.Server
	svc     *core.Service
	store   *sqlstore.Store
	token   string
	queueID int64
	clock   *testClock
}

// testClock is the system clock moved forward by what a test sets, to pass a
// provider's window without waiting for it. The server's goroutines read it.
type testClock struct{ ahead atomic.Int64 }

func (c *testClock) Now() time.Time {
	return parley.SystemClock{}.Now().Add(time.Duration(c.ahead.Load()))
}

// moveAhead sets how far ahead of the system clock the server's time runs.
func (c *testClock) moveAhead(d time.Duration) { c.ahead.Store(int64(d)) }

func providers() map[parley.ChannelType]parley.Provider {
	out := map[parley.ChannelType]parley.Provider{}
	for _, p := range []parley.Provider{telegram.New(nil), whatsapp.New(nil), infobip.New(nil), viber.New(nil),
		messenger.New(nil), email.New(nil)} {
		out[p.Spec().Type] = p
	}
	return out
}

// forEachDB runs fn against a fresh server on every test database.
func forEachDB(t *testing.T, fn func(t *testing.T, e *env)) {
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) { fn(t, newEnv(t, db)) })
	}
}

func newEnv(t *testing.T, db storetest.Database) *env {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	store := storetest.Open(t, db, nil)
	fileStore, err := files.New(t.TempDir(), 8<<20)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{store: store, clock: &testClock{}}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e.svc, err = core.New(ctx, store, nopBus{}, e.clock, log, core.Config{BcryptCost: bcrypt.MinCost, Files: fileStore,
		Providers: providers(), RetryBase: 20 * time.Millisecond})
	if err != nil {
		t.Fatalf("core.New: %v", err)
	}
	api := httpapi.New(httpapi.Options{Service: e.svc, Store: store, Log: log, Registry: prometheus.NewRegistry(), Clock: e.clock})
	e.srv = httptest.NewServer(api.Handler())
	done := make(chan struct{})
	go func() { defer close(done); e.svc.RunOutbox(ctx, 10*time.Millisecond) }()
	go func() { e.svc.RunTimers(ctx, 50*time.Millisecond) }()
	t.Cleanup(func() { cancel(); <-done; e.srv.Close() })
	admin, err := e.svc.Bootstrap(ctx, core.AgentInput{Email: "admin@example.com", Name: "Anna Admin", Password: "admin-password"})
	if err != nil {
		t.Fatalf("bootstrap: %v", err)
	}
	var login struct{ Token string }
	e.call(t, "POST", "/api/v1/auth/login", map[string]string{"email": "admin@example.com", "password": "admin-password"}, &login)
	e.token = login.Token
	var room parley.Room
	e.call(t, "POST", "/api/v1/rooms", map[string]any{"name": "Support", "type": "clients"}, &room)
	var q parley.Queue
	e.call(t, "POST", "/api/v1/queues", map[string]any{"name": "First line", "room_id": room.ID, "members": []int64{admin.ID}}, &q)
	e.queueID = q.ID
	e.call(t, "PUT", "/api/v1/me/status", map[string]any{"status": "active"}, nil)
	return e
}

type nopBus struct{}

func (nopBus) Publish(context.Context, []parley.Event) error { return nil }

// call sends an API request as the admin and decodes a 2xx answer into out;
// anything else fails the test.
func (e *env) call(t *testing.T, method, path string, in, out any) {
	t.Helper()
	if status, body := e.try(t, method, path, in, out); status/100 != 2 {
		t.Fatalf("%s %s: %d %s", method, path, status, body)
	}
}

// try sends an API request as the admin and returns the status and body.
func (e *env) try(t *testing.T, method, path string, in, out any) (int, string) {
	t.Helper()
	var body io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, e.srv.URL+path, body)
	req.Header.Set("Authorization", "Bearer "+e.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 == 2 && out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: decode %s: %v", method, path, raw, err)
		}
	}
	return resp.StatusCode, string(raw)
}

// hook delivers a webhook to the channel as its provider would.
func (e *env) hook(t *testing.T, ch parley.Channel, method string, body []byte, header http.Header) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, e.srv.URL+ch.WebhookPath, bytes.NewReader(body))
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("webhook: %v", err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(raw)
}

// waitFor polls cond until it holds, failing the test after a deadline.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// messages returns the chat's messages as the API shows them.
func (e *env) messages(t *testing.T, chatID int64) []parley.Message {
	t.Helper()
	var page struct{ Messages []parley.Message }
	e.call(t, "GET", "/api/v1/chats/"+itoa(chatID)+"/messages", nil, &page)
	return page.Messages
}

// contactMessages returns only what the contact wrote.
func contactMessages(ms []parley.Message) []parley.Message {
	var out []parley.Message
	for _, m := range ms {
		if m.Author.Kind == parley.ActorContact {
			out = append(out, m)
		}
	}
	return out
}

// chats returns every chat, newest first: each test has one channel.
func (e *env) chats(t *testing.T) []parley.Chat {
	t.Helper()
	var page struct{ Chats []parley.Chat }
	e.call(t, "GET", "/api/v1/chats?limit=100", nil, &page)
	return page.Chats
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
