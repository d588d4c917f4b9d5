package core_test

import (
	"io"
	"log/slog"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"parley"
	"parley/core"
	"parley/sqlstore/storetest"
)

func TestAgentStatus(t *testing.T) {
	cases := []struct {
		name string
		run  func(*testing.T, *env)
	}{
		{"a paused agent gets no chats until active again", testPauseStopsDistribution},
		{"bad pauses are refused and change nothing", testBadPause},
		{"supervisors set others' statuses, agents only their own", testStatusRights},
		{"every change records an interval; the report clips and counts the open one", testStatusTime},
		{"logout remembers a pause and login restores it", testLogoutRestoresPause},
		{"chats exceeded is derived from chats in progress and the smallest queue limit", testChatsExceeded},
		{"a console is online while refreshed, offline after twice the refresh", testPresence},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, db := range storetest.Databases(t) {
				t.Run(db.Name, func(t *testing.T) { tc.run(t, newEnv(t, db)) })
			}
		})
	}
}

func (e *env) pauseReason(name string, active bool) parley.PauseReason {
	e.t.Helper()
	r, err := e.svc.CreatePauseReason(e.ctx, e.admin, core.PauseReasonPatch{Name: &name, Active: &active})
	e.must(err)
	return r
}

func (e *env) pause(by parley.Agent, id, reason int64) parley.Agent {
	e.t.Helper()
	return e.must1(e.svc.ChangeStatus(e.ctx, by, id, core.StatusInput{Status: parley.StatusPaused, PauseReasonID: reason}))
}

func (e *env) agent(id int64) parley.Agent {
	e.t.Helper()
	return e.must1(e.store.Agent(e.ctx, id))
}

func testPauseStopsDistribution(t *testing.T, e *env) {
	ag := e.agents(1, 5, true)
	lunch := e.pauseReason("Lunch", true)
	// An invitation held when pausing is withdrawn.
	c := e.chat(send(e, e.visitor(), "m1", "hello").Message.ChatID)
	if c.OfferedTo != ag[0].ID {
		t.Fatalf("chat offered to %d, want the active agent %d", c.OfferedTo, ag[0].ID)
	}
	a := e.pause(ag[0], ag[0].ID, lunch.ID)
	if a.Status != parley.StatusPaused || a.PauseReasonID != lunch.ID {
		t.Fatalf("paused agent = %+v", a)
	}
	if got := e.chat(c.ID); got.OfferedTo != 0 || got.State != parley.ChatWaiting {
		t.Fatalf("a paused agent's invitation must be withdrawn, chat %+v", got)
	}
	c2 := e.chat(send(e, e.visitor(), "m1", "anyone?").Message.ChatID)
	if c2.OfferedTo != 0 {
		t.Fatalf("a paused agent was offered chat %d", c2.ID)
	}
	e.must1(e.svc.SetStatus(e.ctx, ag[0], ag[0].ID, parley.StatusActive))
	if got := e.chat(c.ID).OfferedTo; got != ag[0].ID {
		t.Fatalf("back from the pause the agent must be offered the oldest waiting chat, offered to %d", got)
	}
}

func testBadPause(t *testing.T, e *env) {
	ag := e.agents(1, 5, true)
	old := e.pauseReason("Old", false)
	cases := []struct {
		name string
		in   core.StatusInput
	}{
		{"unknown reason", core.StatusInput{Status: parley.StatusPaused, PauseReasonID: 999999}},
		{"paused without a reason", core.StatusInput{Status: parley.StatusPaused}},
		{"inactive reason", core.StatusInput{Status: parley.StatusPaused, PauseReasonID: old.ID}},
		{"a reason with active", core.StatusInput{Status: parley.StatusActive, PauseReasonID: old.ID}},
		{"unknown status", core.StatusInput{Status: "asleep"}},
	}
	for _, tc := range cases {
		before, last := e.agent(ag[0].ID), e.lastEventID()
		_, err := e.svc.ChangeStatus(e.ctx, ag[0], ag[0].ID, tc.in)
		if parley.CodeOf(err) != parley.CodeInvalid {
			t.Errorf("%s: want invalid, got %v", tc.name, err)
		}
		if after := e.agent(ag[0].ID); !reflect.DeepEqual(after, before) || e.lastEventID() != last {
			t.Errorf("%s changed the agent or the log: %+v", tc.name, after)
		}
	}
}

func (e *env) lastEventID() int64 {
	e.t.Helper()
	id, err := e.store.LastEventID(e.ctx)
	e.must(err)
	return id
}

func testStatusRights(t *testing.T, e *env) {
	ag := e.agents(2, 5, false)
	lunch := e.pauseReason("Lunch", true)
	_, err := e.svc.SetStatus(e.ctx, ag[0], ag[1].ID, parley.StatusActive)
	expectCode(t, err, parley.CodeForbidden)
	if got := e.agent(ag[1].ID).Status; got != parley.StatusInactive {
		t.Fatalf("a refused change set status %q", got)
	}
	sup := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "sup@example.com", Name: "Sup", Password: "password1", Role: parley.RoleSupervisor}))
	if a := e.pause(sup, ag[1].ID, lunch.ID); a.Status != parley.StatusPaused || a.PauseReasonID != lunch.ID {
		t.Fatalf("supervisor's pause = %+v", a)
	}
	if a := e.must1(e.svc.SetStatus(e.ctx, sup, ag[1].ID, parley.StatusActive)); a.Status != parley.StatusActive || a.PauseReasonID != 0 {
		t.Fatalf("supervisor's activation = %+v", a)
	}
	now := e.clock.Now()
	_, err = e.svc.StatusTime(e.ctx, ag[0], ag[1].ID, now.Add(-time.Hour), now)
	expectCode(t, err, parley.CodeForbidden)
	if _, err := e.svc.StatusTime(e.ctx, ag[0], ag[0].ID, now.Add(-time.Hour), now); err != nil {
		t.Fatalf("an agent's own times: %v", err)
	}
	if _, err := e.svc.StatusTime(e.ctx, sup, ag[0].ID, now.Add(-time.Hour), now); err != nil {
		t.Fatalf("a supervisor's view of an agent's times: %v", err)
	}
}

func testStatusTime(t *testing.T, e *env) {
	t0 := e.clock.Now()
	ag := e.agents(1, 5, false) // inactive from t0
	lunch := e.pauseReason("Lunch", true)
	brk := e.pauseReason("Break", true)
	a := ag[0]
	step := func(d time.Duration, in core.StatusInput) {
		e.clock.Advance(d)
		e.must1(e.svc.ChangeStatus(e.ctx, a, a.ID, in))
	}
	step(10*time.Minute, core.StatusInput{Status: parley.StatusActive})                          // inactive 0–10
	step(20*time.Minute, core.StatusInput{Status: parley.StatusPaused, PauseReasonID: lunch.ID}) // active 10–30
	step(5*time.Minute, core.StatusInput{Status: parley.StatusPaused, PauseReasonID: brk.ID})    // lunch 30–35
	step(3*time.Minute, core.StatusInput{Status: parley.StatusPaused, PauseReasonID: brk.ID})    // no change: one interval
	step(4*time.Minute, core.StatusInput{Status: parley.StatusActive})                           // break 35–42
	e.clock.Advance(8 * time.Minute)                                                             // active 42–50, open
	min := func(n float64) float64 { return n * 60 }
	check := func(name string, from, to time.Time, want []core.StatusTimeItem) {
		t.Helper()
		rep, err := e.svc.StatusTime(e.ctx, e.admin, a.ID, from, to)
		e.must(err)
		if !slices.Equal(rep.Items, want) {
			t.Errorf("%s: %+v, want %+v", name, rep.Items, want)
		}
	}
	check("whole history, open interval up to now", t0, t0.Add(24*time.Hour), []core.StatusTimeItem{
		{Status: parley.StatusActive, Seconds: min(20 + 8)},
		{Status: parley.StatusInactive, Seconds: min(10)},
		{Status: parley.StatusPaused, PauseReasonID: lunch.ID, Seconds: min(5)},
		{Status: parley.StatusPaused, PauseReasonID: brk.ID, Seconds: min(7)},
	})
	check("clipped at both ends", t0.Add(5*time.Minute), t0.Add(33*time.Minute), []core.StatusTimeItem{
		{Status: parley.StatusActive, Seconds: min(20)},
		{Status: parley.StatusInactive, Seconds: min(5)},
		{Status: parley.StatusPaused, PauseReasonID: lunch.ID, Seconds: min(3)},
	})
	check("inside the open interval", t0.Add(45*time.Minute), t0.Add(47*time.Minute), []core.StatusTimeItem{
		{Status: parley.StatusActive, Seconds: min(2)},
	})
	check("before the agent existed", t0.Add(-time.Hour), t0, []core.StatusTimeItem{})
	_, err := e.svc.StatusTime(e.ctx, e.admin, a.ID, t0, t0)
	expectCode(t, err, parley.CodeInvalid)
	_, err = e.svc.StatusTime(e.ctx, e.admin, 999999, t0, t0.Add(time.Hour))
	expectCode(t, err, parley.CodeNotFound)
}

func TestSumStatusTime(t *testing.T) {
	at := func(m int) time.Time { return time.Date(2026, 1, 1, 0, m, 0, 0, time.UTC) }
	end := func(m int) *time.Time { t := at(m); return &t }
	ivs := []parley.StatusInterval{
		{Status: parley.StatusInactive, StartedAt: at(0), EndedAt: end(10)},
		{Status: parley.StatusPaused, PauseReasonID: 2, StartedAt: at(10), EndedAt: end(15)},
		{Status: parley.StatusActive, StartedAt: at(15), EndedAt: end(20)},
		{Status: parley.StatusPaused, PauseReasonID: 1, StartedAt: at(20), EndedAt: end(21)},
		{Status: parley.StatusActive, StartedAt: at(21)},
	}
	cases := []struct {
		name          string
		from, to, now time.Time
		want          []core.StatusTimeItem
	}{
		{"all, open up to now", at(0), at(60), at(30), []core.StatusTimeItem{
			{Status: parley.StatusActive, Seconds: 14 * 60}, {Status: parley.StatusInactive, Seconds: 600},
			{Status: parley.StatusPaused, PauseReasonID: 1, Seconds: 60}, {Status: parley.StatusPaused, PauseReasonID: 2, Seconds: 300}}},
		{"period ends before now", at(12), at(25), at(30), []core.StatusTimeItem{
			{Status: parley.StatusActive, Seconds: 9 * 60}, {Status: parley.StatusPaused, PauseReasonID: 1, Seconds: 60},
			{Status: parley.StatusPaused, PauseReasonID: 2, Seconds: 180}}},
		{"period in the future of now", at(40), at(50), at(30), []core.StatusTimeItem{}},
	}
	for _, tc := range cases {
		if got := core.SumStatusTime(ivs, tc.from, tc.to, tc.now); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func testLogoutRestoresPause(t *testing.T, e *env) {
	ag := e.agents(1, 5, false)
	lunch := e.pauseReason("Lunch", true)
	e.pause(ag[0], ag[0].ID, lunch.ID)
	login, err := e.svc.Login(e.ctx, ag[0].Email, "password1")
	e.must(err)
	p, err := e.svc.Authenticate(e.ctx, login.Token)
	e.must(err)
	e.must(e.svc.Logout(e.ctx, p))
	if a := e.agent(ag[0].ID); a.Status != parley.StatusInactive || a.PauseReasonID != 0 {
		t.Fatalf("after logout: %+v", a)
	}
	login, err = e.svc.Login(e.ctx, ag[0].Email, "password1")
	e.must(err)
	if login.Agent.Status != parley.StatusPaused || login.Agent.PauseReasonID != lunch.ID {
		t.Fatalf("login restored %q/%d, want the lunch pause", login.Agent.Status, login.Agent.PauseReasonID)
	}
}

func (e *env) summary(id int64) parley.AgentSummary {
	e.t.Helper()
	list, err := e.svc.AgentSummaries(e.ctx)
	e.must(err)
	for _, s := range list {
		if s.ID == id {
			return s
		}
	}
	e.t.Fatalf("agent %d not listed", id)
	return parley.AgentSummary{}
}

func testChatsExceeded(t *testing.T, e *env) {
	ag := e.agents(1, 2, true)
	if s := e.summary(e.admin.ID); s.ChatLimit != parley.DefaultChatLimit || s.ChatsExceeded {
		t.Fatalf("an agent in no queue: %+v, want the default limit and not exceeded", s)
	}
	// A second queue with a larger limit: the smallest counts.
	name, limit := "Second line", 4
	e.must1q(e.svc.CreateQueue(e.ctx, e.admin, core.QueuePatch{Name: &name, RoomID: &e.queue.RoomID, ChatLimit: &limit, Members: &[]int64{ag[0].ID}}))
	for i := range 2 {
		c := e.chat(send(e, e.visitor(), "m", "chat").Message.ChatID)
		if s := e.summary(ag[0].ID); s.ChatsInProgress != i || s.ChatLimit != 2 || s.ChatsExceeded {
			t.Fatalf("with %d chats in progress: %+v", i, s)
		}
		e.must1p(e.svc.Accept(e.ctx, ag[0], e.viewer(ag[0]), c.ID))
	}
	if s := e.summary(ag[0].ID); s.ChatsInProgress != 2 || !s.ChatsExceeded {
		t.Fatalf("at the limit: %+v, want chats exceeded", s)
	}
}

func (e *env) must1q(q parley.Queue, err error) parley.Queue {
	e.t.Helper()
	e.must(err)
	return q
}

func (e *env) presenceEvents(agentID int64) []bool {
	e.t.Helper()
	var out []bool
	for _, ev := range e.allEvents() {
		if ev.Kind == parley.EventAgentPresence && ev.AgentID == agentID {
			var p parley.Presence
			mustDecode(e.t.(*testing.T), ev.Data, &p)
			out = append(out, p.Online)
		}
	}
	return out
}

func testPresence(t *testing.T, e *env) {
	ag := e.agents(1, 5, true)
	id := ag[0].ID
	if e.summary(id).Online {
		t.Fatal("an agent who never connected is online")
	}
	p := e.svc.NewPresence()
	p.Opened(e.ctx, id)
	p.Opened(e.ctx, id) // a second tab
	if !e.summary(id).Online {
		t.Fatal("an agent with a console open is not online")
	}
	// Refreshed every 20 s, the console stays online however long.
	for range 5 {
		e.clock.Advance(core.DefaultConsoleRefresh)
		e.must(p.Refresh(e.ctx))
		_, err := e.svc.SweepConsoles(e.ctx)
		e.must(err)
	}
	if !e.summary(id).Online {
		t.Fatal("a refreshed console went offline")
	}
	p.Closed(id)
	e.clock.Advance(core.DefaultConsoleRefresh)
	e.must(p.Refresh(e.ctx)) // one tab is still open
	p.Closed(id)
	e.must(p.Refresh(e.ctx)) // none is: nothing is refreshed
	e.clock.Advance(2*core.DefaultConsoleRefresh - time.Microsecond)
	if !e.summary(id).Online {
		t.Fatal("offline before twice the refresh interval")
	}
	e.clock.Advance(time.Microsecond)
	if e.summary(id).Online {
		t.Fatal("online after twice the refresh interval without a refresh")
	}
	for range 2 {
		_, err := e.svc.SweepConsoles(e.ctx)
		e.must(err)
	}
	if got := e.presenceEvents(id); !slices.Equal(got, []bool{true, false}) {
		t.Fatalf("presence events %v, want online then offline, once each", got)
	}
	if a := e.agent(id); a.Status != parley.StatusActive {
		t.Fatalf("status %q before the console counts as gone", a.Status)
	}
}

// TestConsoleGone runs the sweep of two services sharing one database at once:
// the agent whose console is gone becomes inactive exactly once, and gets the
// status back when a console returns.
func TestConsoleGone(t *testing.T) {
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			e := newEnv(t, db)
			other, err := core.New(e.ctx, storetest.Open(t, db, nil), e.bus, e.clock,
				slog.New(slog.NewTextHandler(io.Discard, nil)), core.Config{BcryptCost: bcrypt.MinCost})
			e.must(err)
			lunch := e.pauseReason("Lunch", true)
			ag := e.agents(2, 5, true)
			e.pause(ag[1], ag[1].ID, lunch.ID)
			p := e.svc.NewPresence()
			for _, a := range ag {
				p.Opened(e.ctx, a.ID)
				p.Closed(a.ID)
			}
			e.clock.Advance(core.DefaultConsoleGoneAfter - time.Microsecond)
			n, err := other.SweepConsoles(e.ctx)
			e.must(err)
			if n != 0 || e.agent(ag[0].ID).Status != parley.StatusActive {
				t.Fatalf("logged out %d before the console counted as gone", n)
			}
			e.clock.Advance(time.Microsecond)
			var wg sync.WaitGroup
			counts := make([]int, 4)
			for i := range counts {
				svc := e.svc
				if i%2 == 1 {
					svc = other
				}
				wg.Go(func() {
					n, err := svc.SweepConsoles(e.ctx)
					if err != nil {
						t.Error(err)
					}
					counts[i] = n
				})
			}
			wg.Wait()
			if total := counts[0] + counts[1] + counts[2] + counts[3]; total != 2 {
				t.Fatalf("the sweeps logged out %d agents (%v), want 2", total, counts)
			}
			for _, a := range ag {
				if got := e.agent(a.ID); got.Status != parley.StatusInactive || got.ConsoleOnline {
					t.Fatalf("agent %d after the sweep: %+v", a.ID, got)
				}
				inactive := 0
				ivs, err := e.store.StatusIntervals(e.ctx, a.ID, e.clock.Now().Add(-time.Hour), e.clock.Now().Add(time.Hour))
				e.must(err)
				for _, iv := range ivs {
					if iv.Status == parley.StatusInactive && iv.StartedAt.Equal(e.clock.Now()) {
						inactive++
					}
				}
				if inactive != 1 {
					t.Fatalf("agent %d: %d inactive intervals from the sweep, want 1: %+v", a.ID, inactive, ivs)
				}
			}
			// The console comes back: the status held before comes back, pause reason included.
			p.Opened(e.ctx, ag[1].ID)
			if got := e.agent(ag[1].ID); got.Status != parley.StatusPaused || got.PauseReasonID != lunch.ID {
				t.Fatalf("back at the console: %+v, want the lunch pause", got)
			}
		})
	}
}
