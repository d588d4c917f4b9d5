package core_test

import (
	"testing"
	"time"

	"parley"
	"parley/core"
	"parley/sqlstore/storetest"
)

func TestSupervisorView(t *testing.T) {
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) { testSupervisorView(t, newEnv(t, db)) })
	}
}

// testSupervisorView builds a small floor on a fake clock: one agent busy at
// their limit, one on a pause, two chats waiting, and checks every figure.
func testSupervisorView(t *testing.T, e *env) {
	ag := e.agents(2, 1, true)
	lunch := e.pauseReason("Lunch", true)
	c1 := e.chat(send(e, e.visitor(), "m", "first").Message.ChatID)
	busy, paused := ag[0], ag[1]
	if c1.OfferedTo == paused.ID {
		busy, paused = paused, busy
	}
	e.must1p(e.svc.Accept(e.ctx, busy, e.viewer(busy), c1.ID))
	e.clock.Advance(5 * time.Second)
	e.pause(paused, paused.ID, lunch.ID)
	e.clock.Advance(10 * time.Second)
	send(e, e.visitor(), "m", "second") // waits 50 seconds
	e.clock.Advance(30 * time.Second)
	send(e, e.visitor(), "m", "third")
	e.clock.Advance(20 * time.Second)

	view, err := e.svc.Supervisor(e.ctx, e.admin)
	e.must(err)
	if len(view.Queues) != 1 {
		t.Fatalf("queues = %+v, want the one queue", view.Queues)
	}
	want := core.QueueOverview{ID: e.queue.ID, Name: e.queue.Name, Priority: e.queue.Priority, Waiting: 2, LongestWait: 50, InProgress: 1}
	if q := view.Queues[0]; q != want {
		t.Fatalf("queue = %+v, want %+v", q, want)
	}
	agents := map[int64]core.AgentOverview{}
	for _, a := range view.Agents {
		agents[a.ID] = a
	}
	if a := agents[busy.ID]; a.Status != parley.StatusActive || a.ChatsInProgress != 1 || a.ChatLimit != 1 || !a.ChatsExceeded || a.TimeInStatus != 65 {
		t.Fatalf("busy agent = %+v, want active for 65 s with 1 / 1 chats, exceeded", a)
	}
	if a := agents[paused.ID]; a.Status != parley.StatusPaused || a.PauseReason != "Lunch" || a.PauseReasonID != lunch.ID ||
		a.ChatsInProgress != 0 || a.ChatsExceeded || a.TimeInStatus != 60 {
		t.Fatalf("paused agent = %+v, want paused for lunch for 60 s with no chats", a)
	}
	if a := agents[e.admin.ID]; a.Status != parley.StatusInactive || a.Online || a.ChatLimit != parley.DefaultChatLimit {
		t.Fatalf("admin = %+v, want inactive, offline, default limit", a)
	}
	testSupervisorRights(t, e, busy)
}

func testSupervisorRights(t *testing.T, e *env, agent parley.Agent) {
	_, err := e.svc.Supervisor(e.ctx, agent)
	expectCode(t, err, parley.CodeForbidden)
	sup := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "sup@example.com", Name: "Sup", Password: "password1", Role: parley.RoleSupervisor}))
	view, err := e.svc.Supervisor(e.ctx, sup)
	e.must(err)
	if len(view.Queues) != 1 || len(view.Agents) != 4 {
		t.Fatalf("a supervisor sees %d queues and %d agents, want 1 and 4", len(view.Queues), len(view.Agents))
	}
	// A deactivated agent leaves the view.
	off := true
	e.must1(e.svc.UpdateAgent(e.ctx, e.admin, sup.ID, core.AgentPatch{Disabled: &off}))
	view, err = e.svc.Supervisor(e.ctx, e.admin)
	e.must(err)
	if len(view.Agents) != 3 {
		t.Fatalf("with one agent deactivated the view lists %d agents, want 3", len(view.Agents))
	}
}
