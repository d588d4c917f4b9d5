package main

import (
	"fmt"
	"path/filepath"
	"testing"

	"parley"
	bt "parley/browsertest"
	"parley/core"
)

// userContent is what people wrote, which the language check leaves out.
const userContent = `[data-testid="message-text"], [data-testid="widget-snippet"]`

// TestBrowserConsoleRussian walks the console of an admin whose language is
// Russian — login, the lists, the status menu and a pause, a conversation, the
// settings, the admin screens and the supervisor screen — and fails on any
// English text of the console's dictionary.
func TestBrowserConsoleRussian(t *testing.T) {
	site := startBrowserSite(t, "ru", nil)
	var lunch parley.PauseReason
	site.call("POST", "/api/v1/pause-reasons", site.admin.token, map[string]any{"name": "Обед"}, 201, &lunch)
	en, ru := consoleDictionary(t, "en"), consoleDictionary(t, "ru")
	out := bt.NewOutput(t)
	a := bt.Start(t, out, bt.Options{Name: "admin", Language: "ru-RU"})
	check := func(screen string) {
		t.Helper()
		a.Shot(screen)
		visible := bt.Eval[[]string](a, bt.VisibleTexts(userContent))
		for _, f := range bt.TextsShown(visible, en, ru) {
			t.Errorf("%s: English %q (%s) shows in %q", screen, f.Text, f.Key, f.Shown)
		}
		if len(bt.TextsShown(visible, ru, en)) == 0 { // the check itself works: Russian is seen
			t.Errorf("%s: no Russian text of the console shows: %q", screen, visible)
		}
	}

	a.Navigate(site.base + "/")
	a.Wait("the login form", bt.Visible(bt.TestID("login-email")))
	check("login")
	a.Type("the e-mail", bt.TestID("login-email"), "admin@example.com")
	a.Type("the password", bt.TestID("login-password"), "not the password")
	a.Click("sign in", bt.TestID("login-submit"))
	a.Wait("the login error", bt.Visible(bt.TestID("login-error")))
	check("login error")

	consoleLogin(a, site.base, "admin@example.com")
	check("lists")
	a.Click("the status menu", bt.TestID("status-switch"))
	a.Wait("the status menu", bt.Visible(bt.TestID("status-menu")))
	check("status menu")
	a.Click("the lunch pause", bt.TestID(fmt.Sprintf("status-option-pause-%d", lunch.ID)))
	a.Wait("the pause in the header", bt.TestID("status-switch")+`?.dataset.status === "paused" && `+
		bt.TestID("status-switch")+`.textContent.trim() === "Пауза: Обед"`)
	check("paused")
	chooseStatus(a, "active", "active")
	check("active")

	visitorWrites(t, site, "Здравствуйте, где мой заказ?")
	a.Wait("the invitation", bt.Visible(bt.TestID("invitation")))
	check("invitation")
	a.Click("accept", bt.TestID("invitation-accept"))
	a.Wait("the conversation", bt.Visible(bt.TestID("conversation")))
	check("conversation")
	a.Type("the reply box", bt.TestID("reply-input"), "Сейчас посмотрю.\r")
	a.Wait("the reply", bt.HasMessage(consoleAgent, "Сейчас посмотрю."))
	check("reply")
	openTransferDialogs(a, check)
	for _, list := range []string{"list-new", "list-closed", "list-my"} {
		a.Click(list, bt.TestID(list))
		check(list)
	}
	a.Click("end chat", bt.TestID("end-chat"))
	a.Wait("the confirmation", bt.Visible(bt.TestID("confirm-ok")))
	check("confirm end")
	a.Click("confirm", bt.TestID("confirm-ok"))
	a.Wait("the chat ended", `!(`+bt.Visible(bt.TestID("end-chat"))+`)`)
	check("chat ended")
	a.Click("list-closed", bt.TestID("list-closed"))
	a.Wait("the closed chat", bt.Visible(bt.TestID("chat-row")))
	check("closed list")

	a.Click("settings", bt.TestID("settings-open"))
	a.Wait("the settings", bt.Visible(bt.TestID("settings-panel")))
	check("settings")
	a.Reload()
	a.Wait("the console", bt.Visible(bt.TestID("nav-admin")))

	a.Click("administration", bt.TestID("nav-admin"))
	a.Wait("the agents", bt.Visible(bt.TestID("admin-agents")))
	check("admin agents")
	a.Wait("the admin's console shown as connected", bt.TestID("admin-row", fmt.Sprintf(`[data-id="%d"] [data-testid="agent-online"]`, site.admin.agent.ID))+
		`?.dataset.online === "true"`)
	// The admin pauses the agent from the list; the list follows the event.
	agentRow := func(more string) string {
		return bt.TestID("admin-row", fmt.Sprintf(`[data-id="%d"] %s`, site.agent.ID, more))
	}
	bt.Eval[bool](a, fmt.Sprintf(`((s) => { s.value = "pause-%d"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })(%s)`,
		lunch.ID, agentRow(`[data-testid="agent-status"]`)))
	a.Wait("the agent paused in the list", agentRow(`[data-testid="agent-status"]`)+`?.dataset.status === "paused"`)
	check("admin agent paused")
	a.Click("supervisor", bt.TestID("nav-supervisor"))
	a.Wait("the agent paused on the supervisor screen", bt.TestID("supervisor-agent", fmt.Sprintf(`[data-id="%d"]`, site.agent.ID))+
		`?.dataset.status === "paused"`)
	check("supervisor")
	a.Click("administration", bt.TestID("nav-admin"))
	a.Wait("the admin sections", bt.Visible(bt.TestID("admin-agents")))
	// Channels last: the channel's editor is opened below.
	for _, section := range []string{"agents", "rooms", "queues", "pause-reasons", "channels"} {
		a.Click(section, bt.TestID("admin-"+section))
		a.Wait("the "+section, bt.Visible(bt.TestID("admin-row")))
		check("admin " + section)
		a.Click("new", bt.TestID("admin-new"))
		a.Wait("the editor", bt.Visible(bt.TestID("admin-editor")))
		check("admin new " + section)
	}
	a.Click("the channel's edit button", `document.querySelector('[data-testid="admin-row"] .actions button')`)
	a.Wait("the snippet", bt.Visible(bt.TestID("widget-snippet")))
	check("admin channel")
	want := `<script src="` + site.base + `/widget.js" data-parley-key="` + site.channel.PublicKey + `" async></script>`
	if got := bt.Eval[string](a, bt.TestID("widget-snippet")+`.textContent.trim()`); got != want {
		t.Errorf("the snippet is %q, want %q", got, want)
	}
	if v := a.CSPViolations(); len(v) > 0 {
		t.Errorf("the console's Content-Security-Policy blocked %q", v)
	}
}

func consoleDictionary(t *testing.T, lang string) bt.Dictionary {
	t.Helper()
	d, err := bt.ReadDictionary(filepath.Join("..", "..", "web", "console", "src", "i18n", lang+".ts"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d) < 50 {
		t.Fatalf("the %s dictionary has %d entries: not read right", lang, len(d))
	}
	return d
}

// visitorWrites starts a chat over the widget's API as a visitor named in Russian.
func visitorWrites(t *testing.T, site *browserSite, text string) {
	t.Helper()
	var sess core.VisitorSession
	site.call("POST", "/api/v1/widget/sessions", "", map[string]any{"key": site.channel.PublicKey,
		"visitor": map[string]string{"page_url": "http://127.0.0.1/", "language": "ru", "user_agent": "Браузер/1.0"},
		"fields":  map[string]string{"name": "Вера"}}, 201, &sess)
	site.call("POST", "/api/v1/widget/messages", sess.Token, map[string]string{"client_id": "v-1", "text": text}, 201, nil)
}
