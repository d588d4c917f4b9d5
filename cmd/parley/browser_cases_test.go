package main

import (
	"fmt"
	"strconv"
	"testing"

	"parley"
	bt "parley/browsertest"
	"parley/core"
)

// TestBrowserCreateCase has an agent create a case from an open chat in the
// console: the chat shows its linked case (R2.6), and the case's page shows
// what R4.1 fills in: the first message as subject, the contact's messages
// before the first reply as description, status New, source Chat, the agent
// as assignee and the chat among the linked ones. The Cases screen lists it.
func TestBrowserCreateCase(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	agent := site.login("agent@example.com")
	site.call("PUT", "/api/v1/me/status", agent.token, map[string]string{"status": "active"}, 200, nil)
	v := newVisitor(t, site)
	chatID := v.says(t, site, "v-1", "My teapot arrived broken")
	v.says(t, site, "v-2", "The lid is cracked.")
	if got := acceptTheChat(t, site, agent); got != chatID {
		t.Fatalf("accepted chat %d, want %d", got, chatID)
	}
	v.says(t, site, "v-3", "Order 4417.")
	site.call("POST", fmt.Sprintf("/api/v1/chats/%d/messages", chatID), agent.token,
		map[string]string{"client_id": "a-1", "text": "Sorry to hear that, let me check."}, 201, nil)
	v.says(t, site, "v-4", "Thank you!") // after the reply: not in the description

	out := bt.NewOutput(t)
	a := bt.Start(t, out, bt.Options{Name: "agent", Language: "en-US"})
	consoleLogin(a, site.base, "agent@example.com")
	a.Click("My", bt.TestID("list-my"))
	openListed(a, chatID)
	a.Wait("the chat without a case", bt.Visible(bt.TestID("case-create")))
	a.Shot("chat without a case")
	a.Click("Create case", bt.TestID("case-create"))
	a.Wait("the chat's linked case", bt.Visible(bt.TestID("chat-case-open"))+` && `+
		bt.TestID("chat-case-open")+`.textContent.includes("My teapot arrived broken")`)
	a.Shot("case linked")
	caseID := bt.Eval[string](a, bt.TestID("chat-case")+`.dataset.caseId`)

	a.Click("the linked case", bt.TestID("chat-case-open"))
	a.Wait("the case's page", bt.TestID("case-page", `[data-case-id="`+caseID+`"]`)+` !== null && `+bt.Visible(bt.TestID("case-subject")))
	checks := []struct{ what, expr, want string }{
		{"subject = the first message", bt.TestID("case-subject") + `.value`, "My teapot arrived broken"},
		{"description = the contact's messages before the first reply", bt.TestID("case-description") + `.value`,
			"My teapot arrived broken\nThe lid is cracked.\nOrder 4417."},
		{"status New", bt.TestID("case-status") + `.value`, "new"},
		{"status shown as New", bt.TestID("case-status") + `.selectedOptions[0].textContent`, "New"},
		{"assignee the agent", bt.TestID("case-assignee") + `.value`, strconv.FormatInt(site.agent.ID, 10)},
		{"assignee shown by name", bt.TestID("case-assignee") + `.selectedOptions[0].textContent`, site.agent.Name},
		{"source Chat", bt.TestID("case-source") + `.textContent`, "Chat"},
		{"the chat linked", bt.TestID("case-chats") + `.textContent`, fmt.Sprintf("Chat #%d", chatID)},
	}
	for _, c := range checks {
		a.Wait(c.what, c.expr+` === `+bt.JS(c.want))
	}
	if registered := bt.Eval[string](a, bt.TestID("case-registered")+`.textContent`); registered == "" {
		t.Errorf("no registration date shown")
	}
	a.Shot("case page")

	var k core.CaseView
	site.call("GET", "/api/v1/cases/"+caseID, agent.token, nil, 200, &k)
	if k.Subject != "My teapot arrived broken" || k.Status != "new" || k.Source != "chat" || k.AssigneeID != site.agent.ID ||
		len(k.ChatIDs) != 1 || k.ChatIDs[0] != chatID || k.RegisteredAt.IsZero() {
		t.Errorf("the case as stored: %+v", k)
	}

	a.Click("back to the list", bt.TestID("case-back"))
	a.Wait("the case in the Cases list", bt.Visible(bt.TestID("case-row", `[data-case-id="`+caseID+`"]`)))
	a.Shot("cases list")
	a.Click("Chats", `document.querySelector(".topnav .nav-btn")`)
	a.Click("the chat again", bt.TestID("chat-row", fmt.Sprintf(`[data-chat-id="%d"]`, chatID)))
	a.Wait("the chat still shows its case", bt.TestID("chat-case", `[data-case-id="`+caseID+`"]`)+` !== null`)
}

// TestBrowserLinkCaseRussian has an agent whose console speaks Russian link a
// contact's new chat to the case made of their earlier one (R4.2), then walk
// the case's page and the Cases screen: every screen is in Russian.
func TestBrowserLinkCaseRussian(t *testing.T) {
	site := startBrowserSite(t, "ru", nil)
	agent := site.login("agent@example.com")
	site.call("PUT", "/api/v1/me/status", agent.token, map[string]string{"status": "active"}, 200, nil)
	var sess core.VisitorSession
	site.call("POST", "/api/v1/widget/sessions", "", map[string]any{"key": site.channel.PublicKey,
		"visitor": map[string]string{"page_url": "http://127.0.0.1/", "language": "ru"},
		"fields":  map[string]string{"name": "Вера"}}, 201, &sess)
	v := browserVisitor{token: sess.Token}
	first := v.says(t, site, "v-1", "Чайник пришёл разбитым")
	site.call("POST", fmt.Sprintf("/api/v1/chats/%d/accept", first), agent.token, nil, 200, nil)
	var k core.CaseView
	site.call("POST", fmt.Sprintf("/api/v1/chats/%d/case", first), agent.token, nil, 201, &k)
	site.call("POST", fmt.Sprintf("/api/v1/chats/%d/complete", first), agent.token, nil, 200, nil)
	second := v.says(t, site, "v-2", "Это снова я, по тому же чайнику")
	site.call("POST", fmt.Sprintf("/api/v1/chats/%d/accept", second), agent.token, nil, 200, nil)

	en, ru := consoleDictionary(t, "en"), consoleDictionary(t, "ru")
	out := bt.NewOutput(t)
	a := bt.Start(t, out, bt.Options{Name: "agent", Language: "ru-RU"})
	check := func(screen string) {
		t.Helper()
		a.Shot(screen)
		visible := bt.Eval[[]string](a, bt.VisibleTexts(userContent))
		for _, f := range bt.TextsShown(visible, en, ru) {
			t.Errorf("%s: English %q (%s) shows in %q", screen, f.Text, f.Key, f.Shown)
		}
		if len(bt.TextsShown(visible, ru, en)) == 0 {
			t.Errorf("%s: no Russian text of the console shows: %q", screen, visible)
		}
	}
	consoleLogin(a, site.base, "agent@example.com")
	a.Click("My", bt.TestID("list-my"))
	openListed(a, second)
	a.Wait("the chat without a case", bt.Visible(bt.TestID("case-link")))
	check("chat without a case")
	a.Click("Link case", bt.TestID("case-link"))
	a.Wait("the contact's case offered", bt.TestID("case-picker", fmt.Sprintf(` option[value="%d"]`, k.ID))+` !== null`)
	check("case picker")
	setField(a, "case-picker", strconv.FormatInt(k.ID, 10))
	a.Click("link", bt.TestID("case-link-confirm"))
	a.Wait("the chat linked to the case", bt.TestID("chat-case", fmt.Sprintf(`[data-case-id="%d"]`, k.ID))+` !== null`)
	check("chat linked")

	a.Click("the linked case", bt.TestID("chat-case-open"))
	a.Wait("both chats on the case's page", bt.AllTestID("case-chat")+`.length === 2`)
	a.Wait("status shown as Новое", bt.TestID("case-status")+`.selectedOptions[0].textContent === "Новое"`)
	check("case page")
	a.Click("back to the list", bt.TestID("case-back"))
	a.Wait("the case in the list", bt.Visible(bt.TestID("case-row", fmt.Sprintf(`[data-case-id="%d"]`, k.ID))))
	check("cases list")

	var chat parley.Chat
	site.call("GET", fmt.Sprintf("/api/v1/chats/%d", second), agent.token, nil, 200, &chat)
	if chat.CaseID != k.ID {
		t.Errorf("the second chat's case is %d, want %d", chat.CaseID, k.ID)
	}
}
