package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	bt "parley/browsertest"
	"parley/core"
)

// TestBrowserWidgetOnPhone uses the widget on a 360-pixel-wide phone in Russian,
// with the agent on the API: the open panel fills the screen, an answer that
// arrives while it is closed shows the unread badge, and the end of the chat is
// told in the visitor's language.
func TestBrowserWidgetOnPhone(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	agent := site.login("agent@example.com")
	site.call("PUT", "/api/v1/me/status", agent.token, map[string]string{"status": "active"}, 200, nil)
	out := bt.NewOutput(t)
	v := bt.Start(t, out, bt.Options{Name: "phone", Language: "ru-RU", Width: 360, Height: 740})

	v.Navigate(site.siteURL)
	v.Click("the launcher", bt.InWidget("launcher"))
	v.Wait("the panel", bt.Visible(bt.InWidget("panel")))
	rect := bt.Eval[[]float64](v, `((r) => [r.left, r.top, r.width, r.height])(`+bt.InWidget("panel")+`.getBoundingClientRect())`)
	if rect[0] != 0 || rect[1] != 0 || math.Abs(rect[2]-360) > 1 || math.Abs(rect[3]-740) > 1 {
		t.Errorf("the panel on a 360×740 screen is at %v, want the whole screen", rect)
	}
	if ph := bt.Eval[string](v, bt.InWidget("composer-input")+`.placeholder`); ph != "Введите сообщение…" {
		t.Errorf("the composer's placeholder is %q, want Russian", ph)
	}
	v.Wait("the live connection", bt.InWidget("connection-state")+`?.dataset.state === "online"`)
	v.Shot("panel full screen")
	program := filepath.Join(t.TempDir(), "program.bin")
	if err := os.WriteFile(program, append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 256)...), 0o644); err != nil {
		t.Fatal(err)
	}
	v.Upload("the file input", bt.InWidget("composer-file-input"), program)
	v.Wait("the refusal in Russian", bt.Visible(bt.InWidget("error"))+` && `+bt.InWidget("error")+`.textContent === "Такой файл отправить нельзя."`)
	v.Shot("file refused")
	pdf, pdfData := filepath.Join(t.TempDir(), "invoice.pdf"), []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	if err := os.WriteFile(pdf, pdfData, 0o644); err != nil {
		t.Fatal(err)
	}
	v.Upload("the file input", bt.InWidget("composer-file-input"), pdf)
	v.Wait("the document as a link", bt.LinkedFiles(widgetContact)+`.includes("invoice.pdf")`)
	downloads := t.TempDir()
	v.AllowDownloads(downloads)
	v.Click("the document", bt.InWidget("message-file"))
	v.WaitDownload(downloads, "invoice.pdf", pdfData)
	v.Type("the composer", bt.InWidget("composer-input"), "Здравствуйте!\r")
	v.Wait("the message acknowledged", bt.HasMessage(widgetContact, "Здравствуйте!"))

	id := acceptTheChat(t, site, agent)

	v.Click("close", bt.WidgetRoot+`.querySelector(".close")`)
	v.Wait("the launcher again", bt.Visible(bt.InWidget("launcher")))
	site.call("POST", fmt.Sprintf("/api/v1/chats/%d/messages", id), agent.token, map[string]string{"client_id": "a-1", "text": "Добрый день!"}, 201, nil)
	v.Wait("the unread badge", bt.Visible(bt.InWidget("unread-badge"))+` && `+bt.InWidget("unread-badge")+`.textContent === "1"`)
	v.Shot("unread badge")
	v.Click("the launcher", bt.InWidget("launcher"))
	v.Wait("the answer", bt.HasMessage(widgetAgent, "Добрый день!"))
	v.Wait("the badge gone", `!(`+bt.Visible(bt.InWidget("unread-badge"))+`)`)

	site.call("POST", fmt.Sprintf("/api/v1/chats/%d/complete", id), agent.token, nil, 200, nil)
	v.Wait("the end in Russian", bt.HasMessage(bt.AllInWidget("message", `[data-author="system"]`), "Чат завершён."))
	v.Shot("chat ended")
}

// TestBrowserWidgetSurvivesRestart stops the server under a connected widget:
// the widget says it is reconnecting and keeps what the visitor writes meanwhile
// as pending; once the server is back it resumes after its last event and sends
// the pending message again with its client_id, so each message shows once on
// both sides.
func TestBrowserWidgetSurvivesRestart(t *testing.T) {
	proc := newServerProc(t, browserDatabase(t, "en"))
	proc.start()
	site := setUpBrowserSite(t, &node{t: t, base: "http://" + proc.addr}, "en", nil)
	agent := site.login("agent@example.com")
	site.call("PUT", "/api/v1/me/status", agent.token, map[string]string{"status": "active"}, 200, nil)
	v := bt.Start(t, bt.NewOutput(t), bt.Options{Name: "visitor", Language: "en-US"})
	v.Navigate(site.siteURL)
	v.Click("the launcher", bt.InWidget("launcher"))
	online := bt.InWidget("connection-state") + `?.dataset.state === "online"`
	v.Wait("the live connection", online)
	before, away, back := "Before the restart.", "While the server is away.", "Back again."
	visitorSays(v, before)
	id := acceptTheChat(t, site, agent)

	proc.stop()
	v.Wait("the widget to notice", bt.InWidget("connection-state")+`?.dataset.state === "reconnecting"`)
	v.Type("the composer", bt.InWidget("composer-input"), away+"\r")
	v.Wait("the pending message", bt.HasMessage(bt.AllInWidget("message", "[data-pending]"), away))
	v.Shot("server away")

	proc.start()
	// Answered at once: the widget may not be back yet and then reads it from the backlog.
	site.call("POST", fmt.Sprintf("/api/v1/chats/%d/messages", id), agent.token, map[string]string{"client_id": "a-back", "text": back}, 201, nil)
	v.Wait("the connection again", online)
	v.Wait("the pending message sent", bt.HasMessage(widgetContact, away)+` && `+bt.AllInWidget("message", "[data-pending]")+`.length === 0`)
	v.Wait("the agent's answer", bt.HasMessage(widgetAgent, back))
	v.Shot("server back")

	var page core.MessagePage
	site.call("GET", fmt.Sprintf("/api/v1/chats/%d/messages", id), agent.token, nil, 200, &page)
	for _, text := range []string{before, away, back} {
		if n := bt.Eval[int](v, bt.CountMessages(widgetAll, text)); n != 1 {
			t.Errorf("the widget shows %q %d times, want once", text, n)
		}
		stored := 0
		for _, m := range page.Messages {
			if m.Text == text {
				stored++
			}
		}
		if stored != 1 {
			t.Errorf("the chat holds %q %d times, want once", text, stored)
		}
	}
}

// acceptTheChat accepts, over the API, the one chat the agent sees.
func acceptTheChat(t *testing.T, site *browserSite, agent agentSession) int64 {
	t.Helper()
	var chats core.ChatPage
	site.call("GET", "/api/v1/chats", agent.token, nil, 200, &chats)
	if len(chats.Chats) != 1 {
		t.Fatalf("the agent sees %d chats, want 1", len(chats.Chats))
	}
	id := chats.Chats[0].ID
	site.call("POST", fmt.Sprintf("/api/v1/chats/%d/accept", id), agent.token, nil, 200, nil)
	return id
}
