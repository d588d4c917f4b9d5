package core_test

import (
	"testing"

	"parley"
	"parley/core"
)

func TestReadMarks(t *testing.T) {
	runCases(t, []envCase{
		{"unread messages, list counts and read markers", testReadMarks},
	})
}

func testReadMarks(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	outsider := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "out@example.com", Name: "Out", Password: "password1"}))
	v := e.visitor()
	c := e.chat(send(e, v, "m1", "hello").Message.ChatID)
	send(e, v, "m2", "anyone?")
	reader := ag[0]
	expectUnread(t, e, reader, c.ID, 2)
	expectLists(t, e, reader, parley.Lists{New: lc(1, 1), All: lc(1, 1)})

	mark, err := e.svc.MarkRead(e.ctx, reader, e.viewer(reader), c.ID, 0)
	e.must(err)
	if mark.Seq != e.chat(c.ID).LastSeq {
		t.Fatalf("marked read to %d, want the chat's last seq %d", mark.Seq, e.chat(c.ID).LastSeq)
	}
	if ev := lastOfKind(e.allEvents(), parley.EventChatRead); ev == nil || ev.AgentID != reader.ID || ev.ChatID != c.ID {
		t.Fatalf("chat.read event %+v", ev)
	}
	expectUnread(t, e, reader, c.ID, 0)
	expectUnread(t, e, ag[1], c.ID, 2) // markers are each agent's own
	for a, want := range map[int64]int{reader.ID: 0, ag[1].ID: 1} {
		agent := e.agent(a)
		page, err := e.svc.Chats(e.ctx, e.viewer(agent), core.ChatQuery{Unread: true})
		e.must(err)
		if len(page.Chats) != want {
			t.Fatalf("agent %d's Unread list holds %v, want %d chats", a, chatIDsOf(page.Chats), want)
		}
	}
	e.must1p(e.svc.Accept(e.ctx, reader, e.viewer(reader), c.ID))
	send(e, v, "m3", "still there?")
	expectUnread(t, e, reader, c.ID, 1)
	expectLists(t, e, reader, parley.Lists{My: lc(1, 1), All: lc(1, 1)})
	// A late marker from another device does not move it back.
	_, err = e.svc.MarkRead(e.ctx, reader, e.viewer(reader), c.ID, 1)
	e.must(err)
	expectUnread(t, e, reader, c.ID, 1)
	e.must1p(e.svc.Complete(e.ctx, reader, e.viewer(reader), c.ID))
	expectLists(t, e, reader, parley.Lists{Closed: lc(1, 1), All: lc(1, 1)})

	expectLists(t, e, outsider, parley.Lists{})
	_, err = e.svc.MarkRead(e.ctx, outsider, e.viewer(outsider), c.ID, 0)
	expectCode(t, err, parley.CodeNotFound)
	_, err = e.svc.MarkRead(e.ctx, reader, e.viewer(reader), c.ID, -1)
	expectCode(t, err, parley.CodeInvalid)
}

func lc(chats, unread int) parley.ListCount { return parley.ListCount{Chats: chats, Unread: unread} }

func expectUnread(t *testing.T, e *env, a parley.Agent, chatID int64, want int) {
	t.Helper()
	page, err := e.svc.Chats(e.ctx, e.viewer(a), core.ChatQuery{})
	e.must(err)
	if got := page.Unread[chatID]; got != want {
		t.Fatalf("agent %d: %d unread in chat %d, want %d", a.ID, got, chatID, want)
	}
}

func expectLists(t *testing.T, e *env, a parley.Agent, want parley.Lists) {
	t.Helper()
	got, err := e.svc.ListCounts(e.ctx, e.viewer(a))
	e.must(err)
	if got.Lists != want {
		t.Fatalf("agent %d's lists %+v, want %+v", a.ID, got.Lists, want)
	}
	rooms := 0
	if want != (parley.Lists{}) {
		rooms = 1
	}
	if len(got.Rooms) != rooms || rooms == 1 && (got.Rooms[0].RoomID != e.queue.RoomID || got.Rooms[0].Lists != want) {
		t.Fatalf("agent %d's rooms %+v, want one room %d with the same counts", a.ID, got.Rooms, e.queue.RoomID)
	}
}
