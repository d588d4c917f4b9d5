package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"slices"
	"strings"
	"testing"

	"parley"
	"parley/core"
)

// testPNG draws a w×h gradient.
func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{R: uint8(x), G: uint8(y), B: 128, A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// chatWithAgent is a visitor's chat accepted by an agent.
type chatWithAgent struct {
	agent   parley.Agent
	token   string
	visitor core.VisitorSession
	chatID  int64
}

func newChatWithAgent(t *testing.T, e *env) chatWithAgent {
	var c chatWithAgent
	c.agent, c.token = e.agent(t, "bee@example.com", parley.RoleAgent)
	s := e.configure(t, c.agent.ID)
	e.setStatus(t, c.token, parley.StatusActive)
	c.visitor = e.visitor(t, s.channel.PublicKey)
	c.chatID = e.visitorSays(t, c.visitor.Token, "v-1", "Hello").ChatID
	e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/chats/%d/accept", c.chatID), token: c.token}, http.StatusOK, nil)
	return c
}

// TestFileRoundTrip uploads, sends and downloads files both ways.
func TestFileRoundTrip(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		c := newChatWithAgent(t, e)
		if lim := c.visitor.Limits; lim.MaxFileBytes != testMaxFile || !slices.Contains(lim.FileTypes, "image/png") {
			t.Errorf("widget session limits = %+v", lim)
		}
		var me Me
		e.must(t, req{method: "GET", path: "/api/v1/me", token: c.token}, http.StatusOK, &me)
		if me.Limits.MaxFileBytes != testMaxFile || !slices.Contains(me.Limits.FileTypes, "application/pdf") {
			t.Errorf("me limits = %+v", me.Limits)
		}

		picture := testPNG(t, 400, 300)
		img := e.upload(t, "/api/v1/files", c.token, "cat.png", picture)
		want := parley.Attachment{ID: img.ID, Name: "cat.png", ContentType: "image/png", Size: int64(len(picture)), Image: true, Width: 400, Height: 300}
		if img.Attachment != want || !strings.HasPrefix(img.ID, "f_") || len(img.ID) < 20 {
			t.Fatalf("uploaded picture = %+v, want %+v", img.Attachment, want)
		}
		var sent core.SendResult
		e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/chats/%d/messages", c.chatID), token: c.token,
			body: core.SendInput{ClientID: "a-1", FileIDs: []string{img.ID}}}, http.StatusCreated, &sent)
		if sent.Message.Text != "" || !slices.Equal(sent.Message.Files, []parley.Attachment{want}) {
			t.Fatalf("sent = %+v", sent.Message)
		}
		checkPicture(t, e, "/api/v1/files/"+img.ID, c.token, picture)
		checkPicture(t, e, "/api/v1/widget/files/"+img.ID, c.visitor.Token, picture)

		notes := []byte("Order 1234\n<script>alert(1)</script>\n")
		text := e.upload(t, "/api/v1/widget/files", c.visitor.Token, "notes.html", notes)
		if text.ContentType != "text/plain; charset=utf-8" || text.Image || text.Width != 0 {
			t.Fatalf("uploaded text = %+v", text.Attachment)
		}
		e.must(t, req{method: "POST", path: "/api/v1/widget/messages", token: c.visitor.Token,
			body: core.SendInput{ClientID: "v-2", Text: "see attached", FileIDs: []string{text.ID}}}, http.StatusCreated, &sent)
		for _, path := range []string{"/api/v1/files/" + text.ID, "/api/v1/widget/files/" + text.ID} {
			token := c.token
			if strings.Contains(path, "widget") {
				token = c.visitor.Token
			}
			rep := e.must(t, req{method: "GET", path: path, token: token}, http.StatusOK, nil)
			checkHeaders(t, rep, "text/plain; charset=utf-8", `attachment; filename=notes.html`)
			if !bytes.Equal(rep.body, notes) {
				t.Errorf("%s: body %q", path, rep.body)
			}
		}
		if rep := e.do(t, req{method: "GET", path: "/api/v1/files/" + text.ID + "/preview", token: c.token}); rep.status != http.StatusNotFound {
			t.Errorf("preview of a text: status %d, want 404", rep.status)
		}
		checkFileEvents(t, e, c.token, []string{img.ID, text.ID})
		var page core.MessagePage
		e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/widget/chats/%d/messages", c.chatID), token: c.visitor.Token}, http.StatusOK, &page)
		if last := page.Messages[len(page.Messages)-1]; len(last.Files) != 1 || last.Files[0].ID != text.ID {
			t.Errorf("last message as the visitor reads it = %+v", last)
		}
	})
}

// checkPicture downloads a picture and its preview.
func checkPicture(t *testing.T, e *env, path, token string, original []byte) {
	t.Helper()
	rep := e.must(t, req{method: "GET", path: path, token: token}, http.StatusOK, nil)
	checkHeaders(t, rep, "image/png", "inline; filename=cat.png")
	if !bytes.Equal(rep.body, original) {
		t.Errorf("%s: the download differs from the upload", path)
	}
	rep = e.must(t, req{method: "GET", path: path + "/preview", token: token}, http.StatusOK, nil)
	checkHeaders(t, rep, "image/png", "inline; filename=cat.png")
	cfg, err := png.DecodeConfig(bytes.NewReader(rep.body))
	if err != nil {
		t.Fatalf("%s/preview: %v", path, err)
	}
	if cfg.Width != 320 || cfg.Height != 240 || len(rep.body) >= len(original) {
		t.Errorf("%s/preview: %d×%d in %d bytes, want 320×240 in fewer than %d", path, cfg.Width, cfg.Height, len(rep.body), len(original))
	}
}

func checkHeaders(t *testing.T, rep reply, contentType, disposition string) {
	t.Helper()
	for name, want := range map[string]string{"Content-Type": contentType, "Content-Disposition": disposition,
		"X-Content-Type-Options": "nosniff", "Cache-Control": "private"} {
		if got := rep.header.Get(name); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

// checkFileEvents checks that the message events carry the files, in order.
func checkFileEvents(t *testing.T, e *env, token string, want []string) {
	t.Helper()
	var page EventPage
	e.must(t, req{method: "GET", path: "/api/v1/events", token: token}, http.StatusOK, &page)
	var got []string
	for _, ev := range page.Events {
		var m parley.Message
		if ev.Kind != parley.EventMessageCreated {
			continue
		}
		if err := json.Unmarshal(ev.Data, &m); err != nil {
			t.Fatal(err)
		}
		for _, f := range m.Files {
			got = append(got, f.ID)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("files in message events %v, want %v", got, want)
	}
}

// TestFileAccess checks who may send and fetch which file.
func TestFileAccess(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		c := newChatWithAgent(t, e)
		_, outsider := e.agent(t, "out@example.com", parley.RoleAgent) // in no queue
		other := e.visitor(t, keyOf(t, e))
		mine := e.upload(t, "/api/v1/widget/files", c.visitor.Token, "a.txt", []byte("first visitor's"))
		theirs := e.upload(t, "/api/v1/widget/files", other.Token, "b.txt", []byte("second visitor's"))
		agents := e.upload(t, "/api/v1/files", c.token, "c.txt", []byte("agent's"))
		chat := fmt.Sprintf("/api/v1/chats/%d/messages", c.chatID)

		// Before sending, a file is its uploader's alone.
		expectStatus(t, e, req{method: "GET", path: "/api/v1/widget/files/" + mine.ID, token: c.visitor.Token}, http.StatusOK)
		expectStatus(t, e, req{method: "GET", path: "/api/v1/widget/files/" + mine.ID, token: other.Token}, http.StatusNotFound)
		expectStatus(t, e, req{method: "GET", path: "/api/v1/files/" + mine.ID, token: c.token}, http.StatusNotFound)
		expectStatus(t, e, req{method: "GET", path: "/api/v1/files/" + agents.ID, token: c.token}, http.StatusOK)
		expectStatus(t, e, req{method: "GET", path: "/api/v1/files/" + agents.ID, token: outsider}, http.StatusNotFound)

		// Nobody sends another's upload.
		expectStatus(t, e, req{method: "POST", path: "/api/v1/widget/messages", token: c.visitor.Token,
			body: core.SendInput{ClientID: "steal", FileIDs: []string{theirs.ID}}}, http.StatusUnprocessableEntity)
		expectStatus(t, e, req{method: "POST", path: chat, token: c.token,
			body: core.SendInput{ClientID: "steal", FileIDs: []string{mine.ID}}}, http.StatusUnprocessableEntity)

		send := req{method: "POST", path: "/api/v1/widget/messages", token: c.visitor.Token,
			body: core.SendInput{ClientID: "v-2", FileIDs: []string{mine.ID}}}
		var first, again core.SendResult
		e.must(t, send, http.StatusCreated, &first)
		// A retry gets the first message; the same file in a new message is refused.
		e.must(t, send, http.StatusOK, &again)
		if again.Created || again.Message.ID != first.Message.ID {
			t.Errorf("retry = %+v, want message %d", again, first.Message.ID)
		}
		twice := req{method: "POST", path: "/api/v1/widget/messages", token: c.visitor.Token,
			body: core.SendInput{ClientID: "v-3", FileIDs: []string{mine.ID}}}
		if rep := e.do(t, twice); rep.status != http.StatusConflict || rep.errorCode(t) != parley.CodeConflict {
			t.Errorf("a file sent twice: status %d %s", rep.status, rep.body)
		}

		// Once sent, the chat's agent sees it; another visitor and an agent outside the queue do not.
		expectStatus(t, e, req{method: "GET", path: "/api/v1/files/" + mine.ID, token: c.token}, http.StatusOK)
		expectStatus(t, e, req{method: "GET", path: "/api/v1/files/" + mine.ID, token: outsider}, http.StatusNotFound)
		expectStatus(t, e, req{method: "GET", path: "/api/v1/widget/files/" + mine.ID, token: other.Token}, http.StatusNotFound)
		expectStatus(t, e, req{method: "GET", path: "/api/v1/widget/files/" + mine.ID, token: c.visitor.Token + "x"}, http.StatusUnauthorized)
		expectStatus(t, e, req{method: "GET", path: "/api/v1/widget/files/f_nothing", token: c.visitor.Token}, http.StatusNotFound)
		expectStatus(t, e, req{method: "GET", path: "/api/v1/files/" + mine.ID, token: e.adminToken}, http.StatusOK) // admins see every chat
	})
}

func expectStatus(t *testing.T, e *env, r req, want int) {
	t.Helper()
	rep := e.do(t, r)
	if rep.status != want {
		t.Errorf("%s %s: status %d, want %d; body %s", r.method, r.path, rep.status, want, rep.body)
	}
	if want >= 400 {
		rep.errorDetail(t)
	}
}

// TestMySettings changes an agent's own preferences.
func TestMySettings(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		b, token := e.agent(t, "bee@example.com", parley.RoleAgent)
		if b.Settings != parley.DefaultAgentSettings() || b.Language != "en" {
			t.Fatalf("new agent = %+v, want every signal on", b)
		}
		var got parley.Agent
		e.must(t, req{method: "PATCH", path: "/api/v1/me/settings", token: token,
			body: map[string]any{"language": "ru", "sound_new_chat": false}}, http.StatusOK, &got)
		want := parley.AgentSettings{SoundNewMessage: true, SoundNewChat: false, DesktopNotifications: true}
		if got.Settings != want || got.Language != "ru" {
			t.Errorf("patched = %+v", got)
		}
		e.must(t, req{method: "PATCH", path: "/api/v1/me/settings", token: token,
			body: map[string]any{"desktop_notifications": false}}, http.StatusOK, &got)
		want.DesktopNotifications = false
		var me Me
		e.must(t, req{method: "GET", path: "/api/v1/me", token: token}, http.StatusOK, &me)
		if me.Agent.Settings != want || me.Agent.Language != "ru" {
			t.Errorf("me after two patches = %+v", me.Agent)
		}
	})
}
