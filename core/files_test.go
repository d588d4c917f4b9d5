package core_test

import (
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"parley"
	"parley/core"
	"parley/sqlstore/storetest"
)

// acceptedChat is a visitor's chat accepted by the one agent of the queue.
func acceptedChat(e *env) (parley.Agent, core.VisitorAuth, int64) {
	e.t.Helper()
	a := e.agents(1, 5, true)[0]
	v := e.visitor()
	chatID := send(e, v, "hello", "Hello").Message.ChatID
	e.must1p(e.svc.Accept(e.ctx, a, e.viewer(a), chatID))
	return a, v, chatID
}

func TestFilesInMessages(t *testing.T) {
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			e := newEnv(t, db)
			a, v, chatID := acceptedChat(e)
			doc, err := e.svc.VisitorUpload(e.ctx, v, "../notes\x00.txt", strings.NewReader("order 1234"))
			e.must(err)
			if doc.Name != "notes.txt" || doc.ContentType != "text/plain; charset=utf-8" || doc.Size != 10 || doc.Attached() {
				t.Fatalf("upload = %+v", doc)
			}
			_, err = e.svc.AgentSend(e.ctx, a, e.viewer(a), chatID, core.SendInput{ClientID: "steal", FileIDs: []string{doc.ID}})
			expectCode(t, err, parley.CodeInvalid)

			// Many sends of one file at once: exactly one carries it.
			results := make([]error, 8)
			var wg sync.WaitGroup
			for i := range results {
				wg.Go(func() {
					_, results[i] = e.svc.VisitorSend(e.ctx, v, core.SendInput{ClientID: "f" + strconv.Itoa(i), FileIDs: []string{doc.ID}})
				})
			}
			wg.Wait()
			sent := slices.IndexFunc(results, func(err error) bool { return err == nil })
			for i, err := range results {
				if i != sent && !parley.IsCode(err, parley.CodeConflict) {
					t.Errorf("send %d of a file sent already: %v", i, err)
				}
			}
			if sent < 0 {
				t.Fatalf("no send of the file succeeded: %v", results)
			}
			retry, err := e.svc.VisitorSend(e.ctx, v, core.SendInput{ClientID: "f" + strconv.Itoa(sent), FileIDs: []string{doc.ID}})
			e.must(err)
			if retry.Created || len(retry.Message.Files) != 1 || retry.Message.Files[0] != doc.Attachment {
				t.Fatalf("retry of the sent message = %+v", retry)
			}
			checkFileAccess(t, e, a, v, doc.ID)
		})
	}
}

// checkFileAccess checks who may open a file the visitor sent into their chat.
func checkFileAccess(t *testing.T, e *env, a parley.Agent, v core.VisitorAuth, id string) {
	t.Helper()
	f, err := e.svc.AgentFile(e.ctx, a, e.viewer(a), id)
	e.must(err)
	content, ctype, err := e.svc.OpenFile(e.ctx, f, false)
	e.must(err)
	defer content.Close()
	if b, err := io.ReadAll(content); err != nil || string(b) != "order 1234" || ctype != f.ContentType {
		t.Errorf("content %q (%v) of type %q", b, err, ctype)
	}
	_, _, err = e.svc.OpenFile(e.ctx, f, true)
	expectCode(t, err, parley.CodeNotFound) // a text has no preview
	_, err = e.svc.VisitorFile(e.ctx, v, id)
	e.must(err)
	_, err = e.svc.VisitorFile(e.ctx, e.visitor(), id)
	expectCode(t, err, parley.CodeNotFound)
	outsider := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "out@example.com", Name: "Out", Password: "password1"}))
	_, err = e.svc.AgentFile(e.ctx, outsider, e.viewer(outsider), id)
	expectCode(t, err, parley.CodeNotFound)
}

func TestSystemMessages(t *testing.T) {
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			e := newEnv(t, db)
			_, v, chatID := acceptedChat(e)
			e.must1p(e.svc.VisitorComplete(e.ctx, v))
			// The visitor sees both, in the order they happened, around the state changes.
			events, err := e.svc.Events(e.ctx, v.Viewer(), 0, 0)
			e.must(err)
			var got []string
			for _, ev := range events {
				step := string(ev.Kind)
				if ev.Kind == parley.EventMessageCreated {
					var m parley.Message
					e.must(json.Unmarshal(ev.Data, &m))
					step += ":" + string(m.Kind) + ":" + m.Code
				}
				if ev.ChatID == chatID {
					got = append(got, step)
				}
			}
			want := []string{"chat.created", "message.created:welcome:", "message.created:text:",
				"message.created:system:chat_accepted", "chat.accepted",
				"message.created:system:chat_completed", "chat.completed"}
			if !slices.Equal(got, want) {
				t.Errorf("the visitor's events\n got %v\nwant %v", got, want)
			}
		})
	}
}

func TestUpdateSettings(t *testing.T) {
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			e := newEnv(t, db)
			a := e.agents(1, 5, false)[0]
			fr, off := "fr", false
			_, err := e.svc.UpdateSettings(e.ctx, a, core.SettingsPatch{Language: &fr, SoundNewMessage: &off})
			expectCode(t, err, parley.CodeInvalid)
			if got, err := e.store.Agent(e.ctx, a.ID); err != nil || got.Settings != parley.DefaultAgentSettings() {
				t.Fatalf("a refused patch changed the agent: %+v (%v)", got, err)
			}
			got, err := e.svc.UpdateSettings(e.ctx, a, core.SettingsPatch{SoundNewMessage: &off})
			e.must(err)
			want := parley.AgentSettings{SoundNewChat: true, DesktopNotifications: true}
			if got.Settings != want || got.Language != a.Language {
				t.Errorf("patched = %+v", got)
			}
			last := e.allEvents()
			if ev := last[len(last)-1]; ev.Kind != parley.EventAgentUpdated || ev.AgentID != a.ID {
				t.Errorf("last event %+v, want agent.updated", ev)
			}
		})
	}
}
