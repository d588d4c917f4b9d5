package sqlstore_test

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/sqlstore"
	"parley/sqlstore/storetest"
)

// forEachDB runs test against a fresh, migrated store on every test database.
func forEachDB(t *testing.T, test func(t *testing.T, s *sqlstore.Store)) {
	t.Helper()
	forEachDatabase(t, func(t *testing.T, db storetest.Database) {
		test(t, storetest.Open(t, db, nil))
	})
}

// forEachDatabase runs test on every empty test database.
func forEachDatabase(t *testing.T, test func(t *testing.T, db storetest.Database)) {
	t.Helper()
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) { test(t, db) })
	}
}

// at returns a fixed UTC time to the microsecond, sec seconds after a base.
func at(sec int) time.Time {
	return time.Date(2025, 3, 4, 5, 6, 7, 123456000, time.UTC).Add(time.Duration(sec) * time.Second)
}

func ptr[T any](v T) *T { return &v }

// write runs fn in a write transaction and fails t on error.
func write(t testing.TB, s *sqlstore.Store, fn func(tx parley.Tx) error) {
	t.Helper()
	if err := s.Write(context.Background(), fn); err != nil {
		t.Fatalf("write: %v", err)
	}
}

// writeErr runs fn in a write transaction and returns its error.
func writeErr(s *sqlstore.Store, fn func(tx parley.Tx) error) error {
	return s.Write(context.Background(), fn)
}

// expect returns a function that checks a method's answer against want, so that
// the call can be written inline: expect(t, "Agent", a)(s.Agent(ctx, a.ID)).
func expect[T any](t *testing.T, what string, want T) func(got T, err error) {
	t.Helper()
	return func(got T, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: %v", what, err)
			return
		}
		equal(t, what, got, want)
	}
}

func equal[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

func wantCode(t *testing.T, what string, err error, code parley.ErrorCode) {
	t.Helper()
	if !parley.IsCode(err, code) {
		t.Errorf("%s: got error %v, want code %s", what, err, code)
	}
}

// waitFor waits until cond holds, failing t after a generous deadline.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		runtime.Gosched()
	}
}

// fixture is the configuration most chat tests need.
type fixture struct {
	s        *sqlstore.Store
	agent    parley.Agent
	agent2   parley.Agent
	room     parley.Room
	queue    parley.Queue
	queue2   parley.Queue
	channel  parley.Channel
	contact  parley.Contact
	identity parley.Identity
}

func newFixture(t testing.TB, s *sqlstore.Store) *fixture {
	t.Helper()
	f := &fixture{s: s}
	write(t, s, func(tx parley.Tx) error {
		ctx := context.Background()
		f.agent = newAgent("ann@example.com")
		f.agent2 = newAgent("bob@example.com")
		f.room = parley.Room{Name: "Clients", Type: parley.RoomClients, CreatedAt: at(0)}
		f.contact = parley.Contact{Name: "Carl", CreatedAt: at(0), UpdatedAt: at(0)}
		return errors.Join(tx.CreateAgent(ctx, &f.agent), tx.CreateAgent(ctx, &f.agent2),
			tx.CreateRoom(ctx, &f.room), tx.CreateContact(ctx, &f.contact))
	})
	write(t, s, func(tx parley.Tx) error {
		ctx := context.Background()
		f.queue = parley.Queue{Name: "Sales", RoomID: f.room.ID, ChatLimit: 5, AcceptTimeout: 30,
			Members: []int64{f.agent.ID, f.agent2.ID}, CreatedAt: at(0)}
		f.queue2 = parley.Queue{Name: "Support", RoomID: f.room.ID, ChatLimit: 3, AcceptTimeout: 20,
			Members: []int64{}, CreatedAt: at(0)}
		if err := errors.Join(tx.CreateQueue(ctx, &f.queue), tx.CreateQueue(ctx, &f.queue2)); err != nil {
			return err
		}
		f.channel = parley.Channel{Type: parley.ChannelWebchat, Name: "Site", PublicKey: "pk1",
			QueueID: f.queue.ID, Active: true, CreatedAt: at(0)}
		if err := tx.CreateChannel(ctx, &f.channel); err != nil {
			return err
		}
		f.identity = newIdentity(f.contact.ID, f.channel.ID, "visitor-1")
		return tx.CreateIdentity(ctx, &f.identity)
	})
	return f
}

func newAgent(email string) parley.Agent {
	name, _, _ := strings.Cut(email, "@")
	return parley.Agent{Email: email, Name: name, Role: parley.RoleAgent, Status: parley.StatusActive,
		StatusBeforeLogout: parley.StatusActive, Language: "en", PasswordHash: "hash-" + name,
		StatusChangedAt: at(1), CreatedAt: at(1), UpdatedAt: at(1)}
}

func newIdentity(contactID, channelID int64, external string) parley.Identity {
	return parley.Identity{ContactID: contactID, ChannelID: channelID, ExternalID: external,
		Name: external, CreatedAt: at(2), UpdatedAt: at(2)}
}

// newIdentity stores one more identity of the fixture's contact.
func (f *fixture) newIdentity(t *testing.T, external string) parley.Identity {
	t.Helper()
	i := newIdentity(f.contact.ID, f.channel.ID, external)
	write(t, f.s, func(tx parley.Tx) error { return tx.CreateIdentity(context.Background(), &i) })
	return i
}

// chat returns an unsaved waiting chat of identity i in queue.
func (f *fixture) chat(i parley.Identity, queueID int64) parley.Chat {
	return parley.Chat{ChannelID: f.channel.ID, ChannelType: f.channel.Type, IdentityID: i.ID,
		ContactID: i.ContactID, QueueID: queueID, State: parley.ChatWaiting, Name: i.Name,
		CreatedAt: at(3), StateChangedAt: at(3), StateChangedBy: parley.SystemActor, UpdatedAt: at(3)}
}

// createChat stores c.
func (f *fixture) createChat(t testing.TB, c *parley.Chat) {
	t.Helper()
	write(t, f.s, func(tx parley.Tx) error { return tx.CreateChat(context.Background(), c) })
}

// rawDB opens the store's database directly, to look at what the store wrote.
func rawDB(t *testing.T, db storetest.Database) *sql.DB {
	t.Helper()
	driver := "sqlite"
	if strings.HasPrefix(db.URL, "postgres") {
		driver = "pgx"
	}
	raw, err := sql.Open(driver, db.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}
