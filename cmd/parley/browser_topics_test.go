package main

import (
	"fmt"
	"strconv"
	"testing"

	"parley"
	bt "parley/browsertest"
	"parley/core"
)

// TestBrowserTopicHidesChat has a colleague allowed one topic alone watch a chat
// of that topic, open, when its owner gives it another topic in the console:
// the chat leaves the colleague's list and screen live, with a notice (R2.16).
func TestBrowserTopicHidesChat(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	var billing, delivery parley.Topic
	site.call("POST", "/api/v1/topics", site.admin.token, map[string]any{"name": "Billing"}, 201, &billing)
	site.call("POST", "/api/v1/topics", site.admin.token, map[string]any{"name": "Delivery"}, 201, &delivery)
	colleague := addQueueAgent(t, site, "bea@example.com", "Bea Agent")
	setRights(site, colleague.ID, map[string]any{"topics": []int64{billing.ID}})
	chatID := acceptedChat(t, site, "My invoice is wrong")
	owner := site.login("agent@example.com")
	site.call("POST", fmt.Sprintf("/api/v1/chats/%d/topic", chatID), owner.token, map[string]any{"topic_id": billing.ID}, 200, nil)

	out := bt.NewOutput(t)
	b := bt.Start(t, out, bt.Options{Name: "colleague", Language: "en-US"})
	consoleLogin(b, site.base, "bea@example.com")
	b.Wait("the live connection", bt.TestID("connection-state")+`?.dataset.state === "online"`)
	b.Click("All", bt.TestID("list-all"))
	row := bt.TestID("chat-row", fmt.Sprintf(`[data-chat-id="%d"]`, chatID))
	b.Wait("the Billing chat listed for the colleague", bt.Visible(row))
	b.Click("the chat", row)
	b.Wait("the chat open for the colleague", bt.TestID("conversation", fmt.Sprintf(`[data-chat-id="%d"]`, chatID))+` !== null`)
	b.Shot("billing chat")

	a := bt.Start(t, out, bt.Options{Name: "owner", Language: "en-US"})
	consoleLogin(a, site.base, "agent@example.com")
	a.Click("My", bt.TestID("list-my"))
	a.Click("the chat", bt.TestID("chat-row", fmt.Sprintf(`[data-chat-id="%d"]`, chatID)))
	a.Wait("the topic picker on Billing", bt.TestID("chat-topic")+`?.value === `+bt.JS(strconv.FormatInt(billing.ID, 10)))
	setField(a, "chat-topic", strconv.FormatInt(delivery.ID, 10))
	a.Shot("topic changed")

	b.Wait("the chat gone from the colleague's list", row+` === null`)
	b.Wait("the All count down to nothing", bt.TestID("count-all")+`?.textContent === "0"`)
	b.Wait("the chat closed on the colleague's screen", bt.TestID("conversation")+` === null`)
	b.Wait("a notice saying why", bt.HasText(bt.AllTestID("info-toast", " span"), "The chat is no longer available to you."))
	b.Shot("chat gone")
	var chat parley.Chat
	site.call("GET", fmt.Sprintf("/api/v1/chats/%d", chatID), owner.token, nil, 200, &chat)
	if chat.TopicID != delivery.ID || chat.Topic != "Delivery" {
		t.Errorf("the chat's topic is %d %q, want %d %q", chat.TopicID, chat.Topic, delivery.ID, "Delivery")
	}
}

// TestBrowserDeletedRestored has an agent allowed to delete and restore chats
// delete one in the console, find it under Deleted alone, and restore it: the
// chat, ended by its deletion, is back under Closed (R2.18).
func TestBrowserDeletedRestored(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	setRights(site, site.agent.ID, map[string]any{"delete_chats": true, "restore_chats": true})
	chatID := acceptedChat(t, site, "Please forget this conversation")

	out := bt.NewOutput(t)
	a := bt.Start(t, out, bt.Options{Name: "agent", Language: "en-US"})
	consoleLogin(a, site.base, "agent@example.com")
	a.Click("My", bt.TestID("list-my"))
	row := bt.TestID("chat-row", fmt.Sprintf(`[data-chat-id="%d"]`, chatID))
	a.Click("the chat", row)
	a.Wait("the conversation", bt.HasMessage(consoleContact, "Please forget this conversation"))
	if bt.Eval[bool](a, bt.TestID("chat-purge")+` !== null`) {
		t.Errorf("Delete for good shows to an agent without the right")
	}
	a.Click("delete", bt.TestID("chat-delete"))
	a.Wait("the confirmation", bt.Visible(bt.TestID("confirm-ok")))
	a.Shot("confirm delete")
	a.Click("confirm", bt.TestID("confirm-ok"))
	a.Wait("the chat gone from My", row+` === null && `+bt.TestID("count-my")+`?.textContent === "0"`)
	a.Wait("the chat shown as deleted", bt.Visible(bt.TestID("chat-restore")))
	a.Click("Closed", bt.TestID("list-closed"))
	a.Wait("the Closed list", bt.TestID("list-closed")+`.getAttribute("aria-selected") === "true"`)
	if bt.Eval[bool](a, row+` !== null`) {
		t.Errorf("the deleted chat shows under Closed")
	}

	a.Click("Deleted", bt.TestID("list-deleted"))
	a.Wait("the chat under Deleted", bt.TestID("deleted-list")+fmt.Sprintf(`?.querySelector('[data-chat-id="%d"]') != null`, chatID))
	a.Wait("Deleted counting it", bt.TestID("count-deleted")+`?.textContent === "1"`)
	a.Shot("deleted list")
	a.Click("restore", bt.TestID("chat-restore"))
	a.Wait("the chat gone from Deleted", bt.TestID("deleted-list")+fmt.Sprintf(`?.querySelector('[data-chat-id="%d"]') == null`, chatID))
	a.Wait("Deleted empty", bt.TestID("count-deleted")+`?.textContent === "0"`)
	a.Click("Closed", bt.TestID("list-closed"))
	a.Wait("the chat back under Closed", bt.Visible(row))
	a.Shot("restored")
	var chat parley.Chat
	site.call("GET", fmt.Sprintf("/api/v1/chats/%d", chatID), site.admin.token, nil, 200, &chat)
	if chat.DeletedAt != nil || chat.State != parley.ChatCompleted {
		t.Errorf("after the restore the chat is %s, deleted at %v; want completed, not deleted", chat.State, chat.DeletedAt)
	}
}

// addQueueAgent creates an agent and makes them a member of the site's queue
// beside the admin and the first agent.
func addQueueAgent(t *testing.T, site *browserSite, email, name string) parley.Agent {
	t.Helper()
	var a parley.Agent
	site.call("POST", "/api/v1/agents", site.admin.token, core.AgentInput{Email: email, Name: name,
		Password: browserPassword, Language: "en"}, 201, &a)
	var queues struct{ Items []parley.Queue }
	site.call("GET", "/api/v1/queues", site.admin.token, nil, 200, &queues)
	if len(queues.Items) != 1 {
		t.Fatalf("%d queues, want 1", len(queues.Items))
	}
	q := queues.Items[0]
	site.call("PATCH", fmt.Sprintf("/api/v1/queues/%d", q.ID), site.admin.token,
		map[string]any{"members": append(q.Members, a.ID)}, 200, nil)
	return a
}

// setRights gives an agent rights: every room and topic, and no right over
// deleted chats, except as set says.
func setRights(site *browserSite, agentID int64, set map[string]any) {
	rights := map[string]any{"rooms": nil, "topics": nil, "delete_chats": false, "restore_chats": false, "purge_chats": false}
	for k, v := range set {
		rights[k] = v
	}
	site.call("PATCH", fmt.Sprintf("/api/v1/agents/%d", agentID), site.admin.token, map[string]any{"rights": rights}, 200, nil)
}

// acceptedChat has a visitor write and the first agent accept it over the API,
// and returns the chat's id.
func acceptedChat(t *testing.T, site *browserSite, text string) int64 {
	t.Helper()
	agent := site.login("agent@example.com")
	site.call("PUT", "/api/v1/me/status", agent.token, map[string]string{"status": "active"}, 200, nil)
	visitorWrites(t, site, text)
	return acceptTheChat(t, site, agent)
}
