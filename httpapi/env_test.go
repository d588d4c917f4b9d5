package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/crypto/bcrypt"

	"parley"
	"parley/core"
	"parley/files"
	"parley/sqlstore"
	"parley/sqlstore/storetest"
)

// testBus records the ephemeral events (typing) that core publishes.
type testBus struct {
	mu     sync.Mutex
	events []parley.Event
}

func (b *testBus) Publish(_ context.Context, events []parley.Event) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.events = append(b.events, events...)
	return nil
}

func (b *testBus) published() []parley.Event {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]parley.Event(nil), b.events...)
}

// syncBuffer collects the log, written from the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// env is one running server on one real database.
type env struct {
	srv        *httptest.Server
	api        *API
	svc        *core.Service
	store      *sqlstore.Store
	bus        *testBus
	logs       *syncBuffer
	admin      parley.Agent
	adminToken string
	db         storetest.Database
	filesDir   string // where uploads are stored
}

// testMaxFile is the size limit of uploads in tests, small enough to exceed cheaply.
const testMaxFile = 256 << 10

const adminPassword = "admin-password"

// forEachDB runs fn against a fresh server on every test database.
func forEachDB(t *testing.T, fn func(t *testing.T, e *env)) {
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) { fn(t, newEnv(t, db)) })
	}
}

func newEnv(t *testing.T, db storetest.Database) *env {
	t.Helper()
	ctx := context.Background()
	var metrics atomic.Pointer[Metrics]
	store := storetest.Open(t, db, func(events []parley.Event) {
		if m := metrics.Load(); m != nil {
			m.ObserveEvents(events)
		}
	})
	e := &env{store: store, bus: &testBus{}, logs: &syncBuffer{}, db: db, filesDir: t.TempDir()}
	log := slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	fileStore, err := files.New(e.filesDir, testMaxFile)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := core.New(ctx, store, e.bus, parley.SystemClock{}, log, core.Config{BcryptCost: bcrypt.MinCost, Files: fileStore})
	if err != nil {
		t.Fatalf("core.New: %v", err)
	}
	e.svc = svc
	e.api = New(Options{Service: svc, Store: store, Log: log, Registry: prometheus.NewRegistry(), Clock: parley.SystemClock{}})
	metrics.Store(e.api.Metrics())
	e.srv = httptest.NewServer(e.api.Handler())
	t.Cleanup(e.srv.Close)
	e.admin, err = svc.Bootstrap(ctx, core.AgentInput{Email: "admin@example.com", Name: "Admin", Password: adminPassword})
	if err != nil {
		t.Fatalf("bootstrap: %v", err)
	}
	e.adminToken = e.login(t, "admin@example.com", adminPassword).Token
	return e
}

// req is one request to the server.
type req struct {
	method, path string
	body         any     // sent as JSON
	raw          *string // sent as is, instead of body
	contentType  string  // application/json when there is a body and this is empty
	token        string  // bearer token
	cookie       string  // session cookie value
	csrf         string
	header       map[string]string
}

// reply is the server's answer.
type reply struct {
	status int
	header http.Header
	body   []byte
}

func (e *env) do(t *testing.T, r req) reply {
	t.Helper()
	var body io.Reader
	switch {
	case r.raw != nil:
		body = strings.NewReader(*r.raw)
	case r.body != nil:
		b, err := json.Marshal(r.body)
		if err != nil {
			t.Fatal(err)
		}
		body = bytes.NewReader(b)
	}
	hr, err := http.NewRequest(r.method, e.srv.URL+r.path, body)
	if err != nil {
		t.Fatal(err)
	}
	if ct := r.contentType; ct != "" {
		hr.Header.Set("Content-Type", ct)
	} else if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if r.token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.token)
	}
	if r.cookie != "" {
		hr.AddCookie(&http.Cookie{Name: sessionCookie, Value: r.cookie})
	}
	if r.csrf != "" {
		hr.Header.Set("X-CSRF-Token", r.csrf)
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	resp, err := e.srv.Client().Do(hr)
	if err != nil {
		t.Fatalf("%s %s: %v", r.method, r.path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: b}
}

// must sends r, fails unless the status is want, and decodes the body into out when given.
func (e *env) must(t *testing.T, r req, want int, out any) reply {
	t.Helper()
	rep := e.do(t, r)
	if rep.status != want {
		t.Fatalf("%s %s: status %d, want %d; body %s", r.method, r.path, rep.status, want, rep.body)
	}
	if out != nil {
		if err := json.Unmarshal(rep.body, out); err != nil {
			t.Fatalf("%s %s: decode %s: %v", r.method, r.path, rep.body, err)
		}
	}
	return rep
}

// errorCode checks that the body is exactly an error body and returns its code.
func (r reply) errorCode(t *testing.T) parley.ErrorCode {
	t.Helper()
	return r.errorDetail(t).Code
}

// errorDetail checks that the body is exactly an error body and returns what it says.
func (r reply) errorDetail(t *testing.T) ErrorDetail {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.DisallowUnknownFields()
	var body ErrorBody
	if err := dec.Decode(&body); err != nil || body.Error.Code == "" || body.Error.Message == "" {
		t.Fatalf("not an error body (%v): %s", err, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("error Content-Type %q", ct)
	}
	return body.Error
}

func (e *env) login(t *testing.T, email, password string) core.LoginResult {
	t.Helper()
	var res core.LoginResult
	e.must(t, req{method: "POST", path: "/api/v1/auth/login", body: LoginInput{Email: email, Password: password}}, http.StatusOK, &res)
	return res
}

// agent creates an agent through the API and logs them in.
func (e *env) agent(t *testing.T, email string, role parley.Role) (parley.Agent, string) {
	t.Helper()
	var a parley.Agent
	e.must(t, req{method: "POST", path: "/api/v1/agents", token: e.adminToken,
		body: core.AgentInput{Email: email, Name: email, Password: "password-1", Role: role}}, http.StatusCreated, &a)
	return a, e.login(t, email, "password-1").Token
}

// setup is a room, a queue with the given members and a web-chat channel on it.
type setup struct {
	room    parley.Room
	queue   parley.Queue
	channel parley.Channel
}

func (e *env) configure(t *testing.T, members ...int64) setup {
	t.Helper()
	var s setup
	e.must(t, req{method: "POST", path: "/api/v1/rooms", token: e.adminToken, body: map[string]any{"name": "Support"}}, http.StatusCreated, &s.room)
	e.must(t, req{method: "POST", path: "/api/v1/queues", token: e.adminToken,
		body: map[string]any{"name": "First line", "room_id": s.room.ID, "members": members}}, http.StatusCreated, &s.queue)
	e.must(t, req{method: "POST", path: "/api/v1/channels", token: e.adminToken,
		body: map[string]any{"name": "Site", "queue_id": s.queue.ID, "welcome_message": "Hello!"}}, http.StatusCreated, &s.channel)
	return s
}

// visitor starts a widget session on the channel.
func (e *env) visitor(t *testing.T, key string) core.VisitorSession {
	t.Helper()
	var s core.VisitorSession
	e.must(t, req{method: "POST", path: "/api/v1/widget/sessions", body: core.VisitorStart{Key: key},
		header: map[string]string{"User-Agent": "TestBrowser/1.0", "Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}}, http.StatusCreated, &s)
	return s
}

// visitorSays sends a visitor message and returns it.
func (e *env) visitorSays(t *testing.T, token, clientID, text string) parley.Message {
	t.Helper()
	var res core.SendResult
	e.must(t, req{method: "POST", path: "/api/v1/widget/messages", token: token,
		body: core.SendInput{ClientID: clientID, Text: text}}, http.StatusCreated, &res)
	return res.Message
}

func (e *env) setStatus(t *testing.T, token string, status parley.AgentStatus) {
	t.Helper()
	e.must(t, req{method: "PUT", path: "/api/v1/me/status", token: token, body: StatusInput{Status: status}}, http.StatusOK, nil)
}

// pauseReason creates a pause reason through the API.
func (e *env) pauseReason(t *testing.T, name string, active bool) parley.PauseReason {
	t.Helper()
	var r parley.PauseReason
	e.must(t, req{method: "POST", path: "/api/v1/pause-reasons", token: e.adminToken,
		body: map[string]any{"name": name, "active": active}}, http.StatusCreated, &r)
	return r
}

// snapshot is everything stored that a request could change, for checking that
// a refused request changed nothing.
func (e *env) snapshot(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	var parts []any
	add := func(v any, err error) {
		if err != nil {
			t.Fatalf("snapshot: %v", err)
		}
		parts = append(parts, v)
	}
	add(e.store.Agents(ctx))
	add(e.store.Rooms(ctx))
	add(e.store.Queues(ctx))
	add(e.store.Channels(ctx))
	add(e.store.PauseReasons(ctx))
	add(e.store.ContactsAfter(ctx, 0, 1000))
	add(e.store.Accounts(ctx, "", 500))
	add(e.store.ContactFields(ctx))
	rules, err := e.store.Setting(ctx, "duplicate_rules")
	if parley.IsCode(err, parley.CodeNotFound) {
		rules, err = "", nil
	}
	add(rules, err)
	chats, err := e.store.Chats(ctx, parley.ChatFilter{Limit: 1000})
	add(chats, err)
	for _, c := range chats {
		add(e.store.Messages(ctx, parley.MessageFilter{ChatID: c.ID, Limit: 1000, IncludeInternal: true}))
		add(e.store.Declines(ctx, c.ID))
	}
	add(e.store.LastEventID(ctx))
	add(e.countFiles(t), nil)
	add(e.storedContent(t), nil)
	b, err := json.Marshal(parts)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
