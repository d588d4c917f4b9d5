package core_test

import (
	"slices"
	"strings"
	"testing"

	"parley"
	"parley/core"
)

func TestNotes(t *testing.T) {
	runCases(t, []envCase{
		{"an agent's note is sanitised, listed and told to agents only", func(t *testing.T, e *env) {
			a, v, chatID := acceptedChat(e)
			n, err := e.svc.AddNote(e.ctx, a, e.viewer(a), chatID, core.NoteInput{HTML: `<b onclick="x()">Paid</b><script>alert(1)</script> <a href="javascript:alert(1)">l</a>`})
			e.must(err)
			if n.HTML != "<b>Paid</b> <a>l</a>" || n.AuthorID != a.ID || n.ChatID != chatID || n.ID == 0 {
				t.Fatalf("note = %+v", n)
			}
			notes, err := e.svc.Notes(e.ctx, e.viewer(a), chatID)
			e.must(err)
			if len(notes) != 1 || notes[0] != n {
				t.Fatalf("notes = %+v, want [%+v]", notes, n)
			}
			for _, ev := range e.allEvents() {
				if strings.HasPrefix(string(ev.Kind), "note.") && (ev.Audience&parley.AudienceVisitor != 0 || v.Viewer().CanSee(ev)) {
					t.Errorf("note event %+v reaches the visitor", ev)
				}
			}
			seen, err := e.svc.Events(e.ctx, v.Viewer(), 0, 0)
			e.must(err)
			for _, ev := range seen {
				if strings.HasPrefix(string(ev.Kind), "note.") || strings.Contains(string(ev.Data), "Paid") {
					t.Errorf("the visitor reads event %s %s", ev.Kind, ev.Data)
				}
			}
			agentSeen, err := e.svc.Events(e.ctx, e.viewer(a), 0, 0)
			e.must(err)
			if !slices.ContainsFunc(agentSeen, func(ev parley.Event) bool { return ev.Kind == parley.EventNoteCreated }) {
				t.Error("the chat's agent was not told of the note")
			}
			_, err = e.svc.Notes(e.ctx, v.Viewer(), chatID)
			expectCode(t, err, parley.CodeNotFound)
			_, err = e.svc.AddNote(e.ctx, a, v.Viewer(), chatID, core.NoteInput{HTML: "x"})
			expectCode(t, err, parley.CodeNotFound)
		}},
		{"only the author edits; the author or an admin deletes", func(t *testing.T, e *env) {
			agents := e.agents(2, 5, true)
			a, b := agents[0], agents[1]
			chatID := send(e, e.visitor(), "m1", "hello").Message.ChatID
			n, err := e.svc.AddNote(e.ctx, a, e.viewer(a), chatID, core.NoteInput{HTML: "<p>first</p>"})
			e.must(err)
			_, err = e.svc.EditNote(e.ctx, b, e.viewer(b), chatID, n.ID, core.NoteInput{HTML: "mine now"})
			expectCode(t, err, parley.CodeForbidden)
			_, err = e.svc.EditNote(e.ctx, e.admin, e.viewer(e.admin), chatID, n.ID, core.NoteInput{HTML: "admin's"})
			expectCode(t, err, parley.CodeForbidden)
			e.clock.Advance(60_000_000_000)
			edited, err := e.svc.EditNote(e.ctx, a, e.viewer(a), chatID, n.ID, core.NoteInput{HTML: "<i>second</i>"})
			e.must(err)
			if edited.HTML != "<i>second</i>" || !edited.UpdatedAt.After(n.CreatedAt) || !edited.CreatedAt.Equal(n.CreatedAt) {
				t.Fatalf("edited = %+v", edited)
			}
			expectCode(t, e.svc.DeleteNote(e.ctx, b, e.viewer(b), chatID, n.ID), parley.CodeForbidden)
			other, err := e.svc.AddNote(e.ctx, b, e.viewer(b), chatID, core.NoteInput{HTML: "b's"})
			e.must(err)
			e.must(e.svc.DeleteNote(e.ctx, b, e.viewer(b), chatID, other.ID))
			e.must(e.svc.DeleteNote(e.ctx, e.admin, e.viewer(e.admin), chatID, n.ID))
			expectCode(t, e.svc.DeleteNote(e.ctx, a, e.viewer(a), chatID, n.ID), parley.CodeNotFound)
			notes, err := e.svc.Notes(e.ctx, e.viewer(a), chatID)
			e.must(err)
			if len(notes) != 0 {
				t.Fatalf("notes after deleting all = %+v", notes)
			}
			kinds := map[parley.EventKind]int{}
			for _, ev := range e.allEvents() {
				kinds[ev.Kind]++
			}
			if kinds[parley.EventNoteCreated] != 2 || kinds[parley.EventNoteUpdated] != 1 || kinds[parley.EventNoteDeleted] != 2 {
				t.Errorf("note events = %v", kinds)
			}
		}},
		{"agents who may not see the chat see no notes", func(t *testing.T, e *env) {
			a, _, chatID := acceptedChat(e)
			outsider := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "out@example.com", Name: "Out", Password: "password1"}))
			n, err := e.svc.AddNote(e.ctx, a, e.viewer(a), chatID, core.NoteInput{HTML: "secret"})
			e.must(err)
			_, err = e.svc.Notes(e.ctx, e.viewer(outsider), chatID)
			expectCode(t, err, parley.CodeNotFound)
			_, err = e.svc.AddNote(e.ctx, outsider, e.viewer(outsider), chatID, core.NoteInput{HTML: "x"})
			expectCode(t, err, parley.CodeNotFound)
			expectCode(t, e.svc.DeleteNote(e.ctx, outsider, e.viewer(outsider), chatID, n.ID), parley.CodeNotFound)
			// A note is found only through its own chat.
			otherChat := send(e, e.visitor(), "m2", "other").Message.ChatID
			_, err = e.svc.EditNote(e.ctx, a, e.viewer(a), otherChat, n.ID, core.NoteInput{HTML: "moved"})
			expectCode(t, err, parley.CodeNotFound)
		}},
		{"a note too large or empty is refused", func(t *testing.T, e *env) {
			a, _, chatID := acceptedChat(e)
			_, err := e.svc.AddNote(e.ctx, a, e.viewer(a), chatID, core.NoteInput{HTML: strings.Repeat("x", parley.MaxNoteHTML+1)})
			expectCode(t, err, parley.CodeTooLarge)
			_, err = e.svc.AddNote(e.ctx, a, e.viewer(a), chatID, core.NoteInput{HTML: strings.Repeat("x", parley.MaxNoteHTML)})
			e.must(err)
			for _, html := range []string{"", "   ", "<p></p>", "<script>alert(1)</script>", `<img src="x" onerror="alert(1)">`, "\xff"} {
				_, err = e.svc.AddNote(e.ctx, a, e.viewer(a), chatID, core.NoteInput{HTML: html})
				expectCode(t, err, parley.CodeInvalid)
			}
		}},
	})
}

func TestChatFilesList(t *testing.T) {
	runCases(t, []envCase{
		{"every file of the chat's messages with its sender", func(t *testing.T, e *env) {
			a, v, chatID := acceptedChat(e)
			doc, err := e.svc.VisitorUpload(e.ctx, v, "order.txt", strings.NewReader("order 1234"))
			e.must(err)
			_, err = e.svc.VisitorSend(e.ctx, v, core.SendInput{ClientID: "f1", FileIDs: []string{doc.ID}})
			e.must(err)
			reply, err := e.svc.AgentUpload(e.ctx, a, "answer.txt", strings.NewReader("answer"))
			e.must(err)
			_, err = e.svc.AgentSend(e.ctx, a, e.viewer(a), chatID, core.SendInput{ClientID: "f2", FileIDs: []string{reply.ID}})
			e.must(err)
			// An upload never sent is no file of the chat.
			_, err = e.svc.AgentUpload(e.ctx, a, "draft.txt", strings.NewReader("draft"))
			e.must(err)
			list, err := e.svc.ChatFiles(e.ctx, e.viewer(a), chatID)
			e.must(err)
			if len(list) != 2 {
				t.Fatalf("files = %+v", list)
			}
			c := e.chat(chatID)
			if got := list[0]; got.ID != doc.ID || got.Name != "order.txt" || got.Size != 10 || got.SentBy != (parley.Actor{Kind: parley.ActorContact, ID: c.ContactID}) ||
				got.SentAt.IsZero() || got.MessageID == 0 {
				t.Errorf("first file = %+v", got)
			}
			if got := list[1]; got.ID != reply.ID || got.SenderName != a.Name || got.SentBy != (parley.Actor{Kind: parley.ActorAgent, ID: a.ID}) || got.Seq <= list[0].Seq {
				t.Errorf("second file = %+v", got)
			}
			outsider := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "out@example.com", Name: "Out", Password: "password1"}))
			_, err = e.svc.ChatFiles(e.ctx, e.viewer(outsider), chatID)
			expectCode(t, err, parley.CodeNotFound)
			mine, err := e.svc.ChatFiles(e.ctx, v.Viewer(), chatID)
			e.must(err)
			if len(mine) != 2 {
				t.Errorf("the visitor's list = %+v", mine)
			}
		}},
	})
}

func TestExportChats(t *testing.T) {
	runCases(t, []envCase{
		{"every chat the viewer may see, newest first, as filtered", func(t *testing.T, e *env) {
			a := e.agents(1, 5, true)[0]
			first := send(e, e.visitor(), "m1", "hello").Message.ChatID
			e.must1p(e.svc.Accept(e.ctx, a, e.viewer(a), first))
			second := send(e, e.visitor(), "m2", "hello").Message.ChatID
			var ids []int64
			var rows []core.ExportRow
			for row, err := range e.svc.ExportChats(e.ctx, e.viewer(e.admin), core.ChatQuery{}) {
				e.must(err)
				rows = append(rows, row)
				ids = append(ids, row.Chat.ID)
			}
			if !slices.Equal(ids, []int64{second, first}) {
				t.Fatalf("exported %v, want %v", ids, []int64{second, first})
			}
			if r := rows[1]; r.Owner != a.Name || r.Queue != e.queue.Name || r.Channel != e.channel.Name {
				t.Errorf("row = %+v", r)
			}
			ids = ids[:0]
			for row, err := range e.svc.ExportChats(e.ctx, e.viewer(e.admin), core.ChatQuery{States: []parley.ChatState{parley.ChatWaiting}}) {
				e.must(err)
				ids = append(ids, row.Chat.ID)
			}
			if !slices.Equal(ids, []int64{second}) {
				t.Errorf("waiting chats exported %v", ids)
			}
			outsider := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "out@example.com", Name: "Out", Password: "password1"}))
			for row, err := range e.svc.ExportChats(e.ctx, e.viewer(outsider), core.ChatQuery{}) {
				t.Errorf("an agent of no queue exported %+v (%v)", row.Chat, err)
			}
		}},
	})
}
