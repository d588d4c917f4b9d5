package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"parley"
	bt "parley/browsertest"
	"parley/core"
)

// TestBrowserMerge has an agent fill in a chat's contact by hand with the phone
// another contact gave (R3.2): the chat then suggests the merge and counts one
// similar contact, the similar list marks the chat's own contact Current, and
// merging the other into it in the console moves the other's identity and chat
// to it (R3.3). Undo on the contact page makes two contacts again.
func TestBrowserMerge(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	out := bt.NewOutput(t)
	agent := bt.Start(t, out, bt.Options{Name: "agent", Language: "en-US"})
	agentGoesActive(agent, site.base)

	laptop := newVisitor(t, site)
	chat1 := laptop.says(t, site, "v-1", "I wrote from my laptop")
	agentAccepts(agent, "I wrote from my laptop")
	phone := newVisitor(t, site)
	chat2 := phone.says(t, site, "v-1", "And now from my phone")
	agentAccepts(agent, "And now from my phone")
	own, other := chatContactID(t, site, chat1), chatContactID(t, site, chat2)
	site.call("PATCH", fmt.Sprintf("/api/v1/contacts/%d", other), site.admin.token,
		map[string]string{"name": "Vera on the phone", "phone": "+442079460958"}, 200, nil)

	agent.Click("the first chat", bt.TestID("chat-row", fmt.Sprintf(`[data-chat-id="%d"]`, chat1)))
	agent.Wait("the first chat's contact", bt.TestID("contact-panel", fmt.Sprintf(`[data-contact-id="%d"]`, own))+` !== null`)
	if bt.Eval[bool](agent, bt.TestID("merge-suggestion")+` !== null`) {
		t.Errorf("a merge is suggested before the contacts share anything")
	}
	fillInContact(agent, "Vera Visitor", "+44 20 7946 0958")
	agent.Wait("the merge suggested", bt.Visible(bt.TestID("merge-suggestion")))
	agent.Wait("one similar contact", bt.TestID("contact-similar")+`?.dataset.count === "1"`)
	agent.Shot("merge suggested")

	mergeInConsole(t, agent, own, other)
	agent.Wait("the contact page of the kept contact", bt.TestID("contact-page", fmt.Sprintf(`[data-contact-id="%d"]`, own))+` !== null`)
	agent.Wait("both identities on the page", bt.AllTestID("contact-identity")+`.length === 2`)
	chats := fmt.Sprintf(`%s.map((r) => r.dataset.chatId).sort().join(",") === "%s"`, bt.AllTestID("contact-chat"), sortedIDs(chat1, chat2))
	agent.Wait("both chats on the page", chats)
	agent.Shot("merged contact")
	var merged core.ContactRecord
	site.call("GET", fmt.Sprintf("/api/v1/contacts/%d", other), site.admin.token, nil, 200, &merged)
	if merged.Contact.MergedInto != own {
		t.Errorf("after the merge contact %d is merged into %d, want %d", other, merged.Contact.MergedInto, own)
	}

	agent.Click("undo", bt.TestID("merge-undo"))
	agent.Wait("the confirmation", bt.Visible(bt.TestID("confirm-ok")))
	agent.Click("confirm", bt.TestID("confirm-ok"))
	agent.Wait("the merge shown undone", bt.Visible(bt.TestID("merge-undone")))
	agent.Wait("one identity left on the page", bt.AllTestID("contact-identity")+`.length === 1`)
	agent.Shot("merge undone")
	checkParted(t, site, own, other, chat2)
}

// fillInContact edits the open chat's contact in its panel.
func fillInContact(agent *bt.Browser, name, phone string) {
	agent.Click("edit the contact", bt.TestID("contact-edit"))
	agent.Wait("the contact form", bt.Visible(bt.TestID("contact-form")))
	setField(agent, "contact-name", name)
	setField(agent, "contact-phone", phone)
	agent.Shot("contact form")
	agent.Click("save the contact", bt.TestID("contact-save"))
	agent.Wait("the contact saved", bt.TestID("contact-form")+` === null && `+
		bt.TestID("contact-detail-phone", " dd")+`?.textContent === `+bt.JS(phone))
}

// mergeInConsole opens the similar contacts from the chat and merges other into own.
func mergeInConsole(t *testing.T, agent *bt.Browser, own, other int64) {
	t.Helper()
	row := func(id int64, more string) string {
		return bt.TestID("similar-row", fmt.Sprintf(`[data-id="%d"] %s`, id, more))
	}
	agent.Click("the suggestion", bt.TestID("merge-suggestion-open"))
	agent.Wait("the similar contacts", bt.Visible(bt.TestID("similar-list")))
	agent.Wait("the chat's contact marked Current", row(own, `[data-testid="similar-current"]`)+`?.textContent === "Current"`)
	agent.Wait("the other found by its phone", row(other, `[data-rule="phone"]`)+` !== null`)
	if bt.Eval[bool](agent, row(other, `[data-testid="similar-current"]`)+` !== null`) {
		t.Errorf("the other contact is marked Current too")
	}
	if !bt.Eval[bool](agent, row(own, `[data-testid="similar-keep"]`)+`?.checked === true`) {
		t.Errorf("the chat's own contact is not the record kept at first")
	}
	agent.Click("tick the other contact", row(other, `[data-testid="similar-pick"]`))
	agent.Wait("Merge enabled", bt.TestID("similar-merge")+`?.disabled === false`)
	agent.Shot("similar contacts")
	agent.Click("merge", bt.TestID("similar-merge"))
	agent.Wait("the confirmation", bt.Visible(bt.TestID("confirm-ok")))
	agent.Shot("confirm merge")
	agent.Click("confirm", bt.TestID("confirm-ok"))
}

// checkParted checks over the API that the undone merge left two contacts,
// each with its own identity, and the second chat with the other contact.
func checkParted(t *testing.T, site *browserSite, own, other, chat2 int64) {
	t.Helper()
	for _, id := range []int64{own, other} {
		var rec core.ContactRecord
		site.call("GET", fmt.Sprintf("/api/v1/contacts/%d", id), site.admin.token, nil, 200, &rec)
		if rec.Contact.MergedInto != 0 || len(rec.Identities) != 1 {
			t.Errorf("after the undo contact %d is merged into %d with %d identities, want standing with 1", id, rec.Contact.MergedInto, len(rec.Identities))
		}
	}
	var page core.ChatPage
	site.call("GET", fmt.Sprintf("/api/v1/chats?contact=%d", other), site.admin.token, nil, 200, &page)
	if len(page.Chats) != 1 || page.Chats[0].ID != chat2 {
		t.Errorf("after the undo the other contact's chats are %+v, want chat %d alone", page.Chats, chat2)
	}
}

// chatContactID returns the id of a chat's contact.
func chatContactID(t *testing.T, site *browserSite, chatID int64) int64 {
	t.Helper()
	var c parley.Chat
	site.call("GET", fmt.Sprintf("/api/v1/chats/%d", chatID), site.admin.token, nil, 200, &c)
	return c.ContactID
}

// sortedIDs joins ids as the page's data attributes sort them, as strings.
func sortedIDs(ids ...int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = fmt.Sprint(id)
	}
	slices.Sort(s)
	return strings.Join(s, ",")
}

// TestBrowserContactsRussian walks the contacts screens of an admin whose
// language is Russian — the directory, a new contact's form, a contact's page
// with its history, its Block and Write dialogs and its form with custom fields
// of every kind, the similar contacts and the merge's confirmation, and the
// admin screens of contact fields, duplicate rules and accounts — and fails on
// any English text of the console's dictionary. On the way the admin sets a
// contact's account and a choice field.
func TestBrowserContactsRussian(t *testing.T) {
	site := startBrowserSite(t, "ru", nil)
	kept, twin := russianContacts(t, site)
	a := bt.Start(t, bt.NewOutput(t), bt.Options{Name: "admin", Language: "ru-RU"})
	check := russianCheck(t, a)
	consoleLogin(a, site.base, "admin@example.com")

	a.Click("contacts", bt.TestID("nav-contacts"))
	a.Wait("the directory", bt.AllTestID("contacts-row")+`.length === 2`)
	check("directory")
	a.Type("the search", bt.TestID("contacts-search"), "Иванова")
	a.Wait("the one contact found", fmt.Sprintf(`%s.map((r) => r.dataset.id).join() === "%d"`, bt.AllTestID("contacts-row"), kept))
	check("directory search")
	a.Click("create contact", bt.TestID("contact-create"))
	a.Wait("the new contact's form", bt.Visible(bt.TestID("contact-form")))
	check("new contact")
	a.Click("cancel", bt.TestID("contact-cancel"))
	a.Click("the contact", bt.TestID("contacts-row", fmt.Sprintf(`[data-id="%d"] button`, kept)))
	a.Wait("the contact's page", bt.TestID("similar-row", fmt.Sprintf(`[data-id="%d"]`, twin))+` !== null`)
	check("contact page")
	russianContactDialogs(a, check)
	a.Click("edit", bt.TestID("contact-page-edit"))
	a.Wait("the form with the custom fields", bt.Visible(bt.TestID("contact-field-plan")))
	check("contact form")
	setField(a, "contact-account", bt.Eval[string](a, bt.TestID("contact-account")+`.options[1].value`))
	setField(a, "contact-field-plan", "Премиум")
	a.Click("save", bt.TestID("contact-save"))
	a.Wait("the account and the plan saved", bt.TestID("contact-detail-account", " dd")+`?.textContent === "ООО Ромашка" && `+
		bt.TestID("contact-detail-field-plan", " dd")+`?.textContent === "Премиум"`)

	a.Click("tick the twin", bt.TestID("similar-row", fmt.Sprintf(`[data-id="%d"] [data-testid="similar-pick"]`, twin)))
	a.Click("merge", bt.TestID("similar-merge"))
	a.Wait("the confirmation", bt.Visible(bt.TestID("confirm-ok")))
	check("confirm merge")
	a.Click("confirm", bt.TestID("confirm-ok"))
	a.Wait("the merge on the page", bt.Visible(bt.TestID("merge-undo")))
	check("merged")

	a.Click("administration", bt.TestID("nav-admin"))
	for _, section := range []string{"contact-fields", "duplicate-rules", "accounts"} {
		a.Click(section, bt.TestID("admin-"+section))
		a.Wait("the "+section, bt.Visible(bt.TestID("admin-editor"))+` || `+bt.Visible(bt.TestID("admin-row")))
		check("admin " + section)
	}
}

// russianContactDialogs opens the contact page's Block and Write dialogs and
// checks them, then closes them.
func russianContactDialogs(a *bt.Browser, check func(screen string)) {
	a.Click("block", bt.TestID("contact-block"))
	a.Wait("the block dialog", bt.Visible(bt.TestID("block-none")))
	check("block dialog")
	a.Click("close", bt.TestID("block-close"))
	a.Click("write to the contact", bt.TestID("contact-write"))
	a.Wait("the write dialog", bt.Visible(bt.TestID("write-no-identities")))
	check("write dialog")
	a.Click("cancel", bt.TestID("write-cancel"))
	a.Wait("the dialogs closed", bt.TestID("write-dialog")+` === null && `+bt.TestID("block-dialog")+` === null`)
}

// russianContacts makes custom fields of every kind, an account, and two
// contacts with one phone written two ways; it returns the contacts' ids.
func russianContacts(t *testing.T, site *browserSite) (int64, int64) {
	t.Helper()
	for _, f := range []map[string]any{
		{"key": "position", "label": "Должность", "kind": "text"},
		{"key": "orders", "label": "Заказов", "kind": "number"},
		{"key": "birthday", "label": "День рождения", "kind": "date"},
		{"key": "plan", "label": "Тариф", "kind": "choice", "choices": []string{"Базовый", "Премиум"}},
	} {
		site.call("POST", "/api/v1/contact-fields", site.admin.token, f, 201, nil)
	}
	site.call("POST", "/api/v1/accounts", site.admin.token, map[string]string{"name": "ООО Ромашка"}, 201, nil)
	var kept, twin parley.Contact
	site.call("POST", "/api/v1/contacts", site.admin.token, map[string]string{"name": "Вера Иванова", "phone": "+7 912 345-67-89"}, 201, &kept)
	site.call("POST", "/api/v1/contacts", site.admin.token, map[string]string{"name": "Вера И.", "phone": "+79123456789"}, 201, &twin)
	return kept.ID, twin.ID
}

// russianCheck returns a check that a screen shows Russian and no English of
// the console's dictionary, with a screenshot of it.
func russianCheck(t *testing.T, a *bt.Browser) func(screen string) {
	en, ru := consoleDictionary(t, "en"), consoleDictionary(t, "ru")
	return func(screen string) {
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
}
