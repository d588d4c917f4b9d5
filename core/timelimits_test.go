package core_test

import (
	"encoding/json"
	"sync"
	"testing"
	"time"

	"parley"
	"parley/core"
)

func TestTimeLimits(t *testing.T) {
	runCases(t, []envCase{
		{"first reply and reply times breach once, across a restart and two nodes", testReplyLimits},
		{"a chat without messages completes by itself, across a restart", testCompletionTimeout},
		{"a chat keeps the reply time it was opened with", testReplyTimeKept},
	})
}

// fire fires the due timers and returns how many fired.
func (e *env) fire() int {
	e.t.Helper()
	n, err := e.svc.FireDueTimers(e.ctx)
	e.must(err)
	return n
}

// breaches returns the kinds of the chat's chat.sla_breached events, in order.
func breaches(e *env, chatID int64) []string {
	e.t.Helper()
	var out []string
	for _, ev := range e.allEvents() {
		if ev.Kind == parley.EventChatSLABreached && ev.ChatID == chatID {
			var d struct{ Kind string }
			e.must(json.Unmarshal(ev.Data, &d))
			out = append(out, d.Kind)
		}
	}
	return out
}

func testReplyLimits(t *testing.T, e *env) {
	ag := e.agents(1, 5, true)
	e.setRouting(core.RoutingPatch{FirstReplyTime: ptr(parley.Seconds(60)), ReplyTime: ptr(parley.Seconds(30))})
	v := e.visitor()
	start := e.clock.Now()
	c := e.chat(send(e, v, "m1", "hello").Message.ChatID)
	if c.FirstReplyDueAt == nil || !c.FirstReplyDueAt.Equal(start.Add(time.Minute)) || c.ReplyDueAt != nil {
		t.Fatalf("new chat's due times: first %v, reply %v", c.FirstReplyDueAt, c.ReplyDueAt)
	}
	// Accepted at once: the first reply is due from the chat's start all the same.
	e.must1p(e.svc.Accept(e.ctx, ag[0], e.viewer(ag[0]), c.ID))
	e.clock.Advance(59 * time.Second)
	e.fire()
	e.restart() // the timer is a row: a restart keeps it
	e.clock.Advance(time.Second)
	e.fire()
	e.fire()
	if got := breaches(e, c.ID); len(got) != 1 || got[0] != "first_reply" {
		t.Fatalf("breaches %v, want one first_reply", got)
	}
	c = e.chat(c.ID)
	if c.FirstReplyBreaches != 1 || c.FirstReplyDueAt == nil {
		t.Fatalf("breached chat: %d breaches, due %v; the due time stays for the console", c.FirstReplyBreaches, c.FirstReplyDueAt)
	}
	agentSays(e, ag[0], c.ID, "a1")
	if c = e.chat(c.ID); c.FirstReplyDueAt != nil || c.FirstRepliedAt == nil || c.ReplyDueAt != nil {
		t.Fatalf("after the first reply: %+v", c.ChatTimes)
	}
	// A reply in time: the timer fires but records nothing.
	send(e, v, "m2", "thanks, and?")
	due := e.chat(c.ID).ReplyDueAt
	e.clock.Advance(10 * time.Second)
	send(e, v, "m3", "hello?")
	if got := e.chat(c.ID).ReplyDueAt; due == nil || !got.Equal(*due) {
		t.Fatalf("reply due %v, then %v: the first unanswered message sets it", due, got)
	}
	agentSays(e, ag[0], c.ID, "a2")
	e.clock.Advance(30 * time.Second)
	e.fire()
	// A reply too late, with two nodes firing at once.
	send(e, v, "m4", "still there?")
	e.clock.Advance(30 * time.Second)
	other, _ := e.node()
	var wg sync.WaitGroup
	for _, svc := range []*core.Service{e.svc, other} {
		wg.Go(func() {
			if _, err := svc.FireDueTimers(e.ctx); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := breaches(e, c.ID); len(got) != 2 || got[1] != "reply" {
		t.Fatalf("breaches %v, want first_reply then one reply", got)
	}
	if c = e.chat(c.ID); c.ReplyBreaches != 1 || c.FirstReplyBreaches != 1 {
		t.Fatalf("breach counts %+v", c.ChatTimes)
	}
}

// A contact's message does not read the queue for its reply time: the chat keeps
// the one it was opened with, so a change of the queue applies to new chats.
func testReplyTimeKept(t *testing.T, e *env) {
	ag := e.agents(1, 5, true)
	e.setRouting(core.RoutingPatch{ReplyTime: ptr(parley.Seconds(30))})
	v := e.visitor()
	c := e.chat(send(e, v, "m1", "hello").Message.ChatID)
	if c.ReplyTime == nil || *c.ReplyTime != 30 {
		t.Fatalf("the new chat keeps reply time %v, want 30 s", c.ReplyTime)
	}
	e.setRouting(core.RoutingPatch{ReplyTime: ptr(parley.Seconds(0))}) // off, for chats opened from now
	e.must1p(e.svc.Accept(e.ctx, ag[0], e.viewer(ag[0]), c.ID))
	agentSays(e, ag[0], c.ID, "a1")
	send(e, v, "m2", "and?")
	if due := e.chat(c.ID).ReplyDueAt; due == nil || !due.Equal(e.clock.Now().Add(30*time.Second)) {
		t.Fatalf("reply due %v, want 30 s from now: the chat's own reply time", due)
	}
}

func agentSays(e *env, a parley.Agent, chatID int64, id string) {
	e.t.Helper()
	_, err := e.svc.AgentSend(e.ctx, a, e.viewer(a), chatID, core.SendInput{ClientID: id, Text: "reply " + id})
	e.must(err)
}

func testCompletionTimeout(t *testing.T, e *env) {
	e.agents(1, 5, true)
	e.setRouting(core.RoutingPatch{CompletionTimeout: ptr(parley.Seconds(120))})
	v := e.visitor()
	c := e.chat(send(e, v, "m1", "hello").Message.ChatID)
	e.clock.Advance(100 * time.Second)
	send(e, v, "m2", "anyone?")
	e.clock.Advance(20 * time.Second)
	if e.fire(); e.chat(c.ID).State == parley.ChatCompleted {
		t.Fatal("completed 20 seconds after a message")
	}
	e.restart()
	e.clock.Advance(99 * time.Second)
	if e.fire(); e.chat(c.ID).State == parley.ChatCompleted {
		t.Fatal("completed before the timeout from the last message")
	}
	e.clock.Advance(time.Second)
	e.fire()
	c = e.chat(c.ID)
	if c.State != parley.ChatCompleted || c.StateChangedBy != parley.SystemActor {
		t.Fatalf("after the timeout: %s by %+v", c.State, c.StateChangedBy)
	}
	msgs, err := e.svc.Messages(e.ctx, v.Viewer(), parley.MessageFilter{ChatID: c.ID})
	e.must(err)
	if last := msgs.Messages[len(msgs.Messages)-1]; last.Code != parley.SystemChatCompleted {
		t.Fatalf("last message %+v, want the chat_completed system message", last)
	}
	if e.fire() != 0 {
		t.Fatal("a timer of the completed chat was left")
	}
}
