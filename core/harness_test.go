package core_test

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"parley"
	"parley/core"
	"parley/files"
	"parley/sqlstore/storetest"
)

// manualClock is a clock that moves only when told.
type manualClock struct {
	mu sync.Mutex
	t  time.Time
}

func newManualClock() *manualClock {
	return &manualClock{t: time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC)}
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *manualClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// recordingBus keeps the ephemeral events the service publishes.
type recordingBus struct {
	mu     sync.Mutex
	events []parley.Event
}

func (b *recordingBus) Publish(_ context.Context, events []parley.Event) error {
	b.mu.Lock()
	b.events = append(b.events, events...)
	b.mu.Unlock()
	return nil
}

// env is one service over one real database, with an admin, a room, a queue and a widget channel.
type env struct {
	t       testing.TB
	ctx     context.Context
	svc     *core.Service
	store   parley.Store
	clock   *manualClock
	bus     *recordingBus
	admin   parley.Agent
	queue   parley.Queue
	channel parley.Channel
	db      storetest.Database
	files   parley.FileStorage
}

func newEnv(t testing.TB, db storetest.Database) *env {
	t.Helper()
	ctx := context.Background()
	store := storetest.Open(t, db, nil)
	e := &env{t: t, ctx: ctx, store: store, clock: newManualClock(), bus: &recordingBus{}, db: db}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	fileStore, err := files.New(t.TempDir(), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	e.files = fileStore
	svc, err := core.New(ctx, store, e.bus, e.clock, log, core.Config{BcryptCost: bcrypt.MinCost, Files: fileStore})
	if err != nil {
		t.Fatal(err)
	}
	e.svc = svc
	e.admin = e.must1(svc.Bootstrap(ctx, core.AgentInput{Email: "admin@example.com", Name: "Admin", Password: "password1"}))
	room, err := svc.CreateRoom(ctx, e.admin, core.RoomInput{Name: "Support"})
	e.must(err)
	name := "First line"
	e.queue, err = svc.CreateQueue(ctx, e.admin, core.QueuePatch{Name: &name, RoomID: &room.ID})
	e.must(err)
	chName, welcome := "Site", "Hello! How can we help?"
	e.channel, err = svc.CreateChannel(ctx, e.admin, core.ChannelPatch{Name: &chName, QueueID: &e.queue.ID, WelcomeMessage: &welcome})
	e.must(err)
	return e
}

func (e *env) must(err error) {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) must1(a parley.Agent, err error) parley.Agent {
	e.t.Helper()
	e.must(err)
	return a
}

// agents creates n agents in the queue with the given limit, all active when active is true.
func (e *env) agents(n, limit int, active bool) []parley.Agent {
	e.t.Helper()
	out := make([]parley.Agent, n)
	ids := make([]int64, n)
	for i := range out {
		out[i] = e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{
			Email: "agent" + strconv.Itoa(i) + "@example.com", Name: "Agent " + strconv.Itoa(i), Password: "password1"}))
		ids[i] = out[i].ID
	}
	q, err := e.svc.UpdateQueue(e.ctx, e.admin, e.queue.ID, core.QueuePatch{Members: &ids, ChatLimit: &limit})
	e.must(err)
	e.queue = q
	if active {
		for i := range out {
			out[i] = e.must1(e.svc.SetStatus(e.ctx, out[i], out[i].ID, parley.StatusActive))
		}
	}
	return out
}

func (e *env) viewer(a parley.Agent) parley.Viewer {
	e.t.Helper()
	v, err := e.svc.ViewerOf(e.ctx, a)
	e.must(err)
	return v
}

func (e *env) visitor() core.VisitorAuth {
	e.t.Helper()
	s, err := e.svc.StartVisitor(e.ctx, core.VisitorStart{Key: e.channel.PublicKey, Visitor: parley.Visitor{PageURL: "https://shop.example/cart", Language: "en"}})
	e.must(err)
	v, err := e.svc.AuthenticateVisitor(s.Token)
	e.must(err)
	return v
}

func (e *env) chat(id int64) parley.Chat {
	e.t.Helper()
	c, err := e.store.Chat(e.ctx, id)
	e.must(err)
	return c
}

func (e *env) allEvents() []parley.Event {
	e.t.Helper()
	var out []parley.Event
	for after := int64(0); ; {
		page, err := e.store.Events(e.ctx, parley.EventFilter{After: after, Limit: 10000, All: true})
		e.must(err)
		if len(page) == 0 {
			return out
		}
		out = append(out, page...)
		after = page[len(page)-1].ID
	}
}

func expectCode(t *testing.T, err error, code parley.ErrorCode) {
	t.Helper()
	if parley.CodeOf(err) != code || err == nil {
		t.Fatalf("want %s error, got %v", code, err)
	}
}
