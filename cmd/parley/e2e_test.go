package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"parley"
	"parley/core"
	"parley/sqlstore/storetest"
)

type agentSession struct {
	agent parley.Agent
	token string
}

func (n *node) login(email string) agentSession {
	n.t.Helper()
	var res core.LoginResult
	n.call("POST", "/api/v1/auth/login", "", map[string]string{"email": email, "password": "password123"}, 200, &res)
	return agentSession{agent: res.Agent, token: res.Token}
}

func messageText(t *testing.T, e parley.Event) string {
	t.Helper()
	var m parley.Message
	if err := json.Unmarshal(e.Data, &m); err != nil {
		t.Fatal(err)
	}
	return m.Text
}

// TestEndToEnd walks the scenario through the real HTTP and websocket surfaces:
// an inactive agent is offered nothing, a decline passes the chat on, messages flow
// both ways live, a dropped agent resumes with exactly what it missed, and a message
// after completion starts a new routed chat.
func TestEndToEnd(t *testing.T) {
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) { testEndToEnd(t, db.URL) })
	}
}

func testEndToEnd(t *testing.T, database string) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"user", "add", "--database", database, "--email", "admin@example.com", "--name", "Admin", "--password", "password123"}, strings.NewReader(""), &out, &out)
	if err != nil || !strings.Contains(out.String(), "role admin") {
		t.Fatalf("user add: %v: %s", err, out.String())
	}
	n := startNode(t, database)
	admin := n.login("admin@example.com")

	ids := map[string]int64{}
	for _, name := range []string{"A", "B", "C"} {
		var a parley.Agent
		n.call("POST", "/api/v1/agents", admin.token, core.AgentInput{Email: strings.ToLower(name) + "@example.com", Name: "Agent " + name, Password: "password123"}, 201, &a)
		if a.Status != parley.StatusInactive {
			t.Fatalf("new agent %s is %s, want inactive", name, a.Status)
		}
		ids[name] = a.ID
	}
	var room parley.Room
	n.call("POST", "/api/v1/rooms", admin.token, map[string]any{"name": "Support"}, 201, &room)
	var queue parley.Queue
	n.call("POST", "/api/v1/queues", admin.token, map[string]any{"name": "First line", "room_id": room.ID, "members": []int64{ids["A"], ids["B"], ids["C"]}}, 201, &queue)
	var ch parley.Channel
	n.call("POST", "/api/v1/channels", admin.token, map[string]any{"name": "Site", "queue_id": queue.ID, "welcome_message": "Hello!"}, 201, &ch)

	a, b, c := n.login("a@example.com"), n.login("b@example.com"), n.login("c@example.com")
	for _, s := range []agentSession{a, c} {
		n.call("PUT", "/api/v1/me/status", s.token, map[string]string{"status": "active"}, 200, nil)
	}
	wsA, wsB, wsC := n.dial("/api/v1/ws?since=0", bearerHeader(a.token)), n.dial("/api/v1/ws?since=0", bearerHeader(b.token)), n.dial("/api/v1/ws?since=0", bearerHeader(c.token))
	for _, ws := range []*wsClient{wsA, wsB, wsC} {
		ws.waitReady()
	}

	var sess core.VisitorSession
	n.call("POST", "/api/v1/widget/sessions", "", core.VisitorStart{Key: ch.PublicKey, Visitor: parley.Visitor{PageURL: "https://shop.example/cart", UTM: map[string]string{"source": "ads"}}}, 201, &sess)
	wsV := n.dial("/api/v1/widget/ws?since=0&token="+sess.Token, nil)
	wsV.waitReady()
	wsV.send(map[string]any{"type": "message", "client_id": "v1", "text": "Where is my order?"})
	wsV.waitAck("v1")

	offer := wsA.waitEvent("offer to A", func(e parley.Event) bool { return e.Kind == parley.EventChatOffered })
	chatID := offer.ChatID
	if offer.AgentID != ids["A"] {
		t.Fatalf("offer went to %d, want A (%d)", offer.AgentID, ids["A"])
	}
	n.call("POST", fmt.Sprintf("/api/v1/chats/%d/decline", chatID), a.token, nil, 204, nil)
	wsC.waitEvent("offer to C", kindFor(parley.EventChatOffered, chatID))
	n.call("POST", fmt.Sprintf("/api/v1/chats/%d/accept", chatID), c.token, nil, 200, nil)
	wsB.waitEvent("B sees the chat accepted", kindFor(parley.EventChatAccepted, chatID))
	if slices.ContainsFunc(wsB.seen, func(e parley.Event) bool { return e.Kind == parley.EventChatOffered }) {
		t.Fatal("inactive agent B was offered a chat")
	}
	wsV.waitEvent("visitor sees acceptance", kindFor(parley.EventChatAccepted, chatID))

	// Messages both ways, live.
	n.call("POST", "/api/v1/widget/messages", sess.Token, core.SendInput{ClientID: "v2", Text: "Order 1234"}, 201, nil)
	wsC.waitEvent("C gets the visitor's message", func(e parley.Event) bool {
		return e.Kind == parley.EventMessageCreated && messageText(t, e) == "Order 1234"
	})
	wsC.send(map[string]any{"type": "message", "client_id": "c1", "chat_id": chatID, "text": "Looking now"})
	wsC.waitAck("c1")
	wsC.waitEvent("C's own message", func(e parley.Event) bool {
		return e.Kind == parley.EventMessageCreated && messageText(t, e) == "Looking now"
	})
	wsV.waitEvent("visitor gets the agent's reply", func(e parley.Event) bool {
		return e.Kind == parley.EventMessageCreated && messageText(t, e) == "Looking now"
	})

	// C's connection drops; the visitor writes three messages; C resumes from its last id.
	last := wsC.lastID()
	wsC.conn.Close()
	for i := 1; i <= 3; i++ {
		n.call("POST", "/api/v1/widget/messages", sess.Token, core.SendInput{ClientID: fmt.Sprintf("away-%d", i), Text: fmt.Sprintf("away %d", i)}, 201, nil)
	}
	wsC2 := n.dial(fmt.Sprintf("/api/v1/ws?since=%d", last), bearerHeader(c.token))
	// The messages committed while C was away come in the catch-up, or live right
	// after "ready" when the hub had not fanned them out yet: either way once each,
	// in order, and nothing else.
	missed, _ := wsC2.waitReady()
	var texts []string
	for _, e := range missed {
		if e.Kind != parley.EventMessageCreated {
			t.Fatalf("unexpected %s in the catch-up", e.Kind)
		}
		texts = append(texts, messageText(t, e))
	}
	for len(texts) < 3 {
		e := wsC2.waitEvent("the rest of the messages sent while C was away", func(e parley.Event) bool { return true })
		if e.Kind != parley.EventMessageCreated {
			t.Fatalf("unexpected %s after the catch-up", e.Kind)
		}
		texts = append(texts, messageText(t, e))
	}
	if want := []string{"away 1", "away 2", "away 3"}; !slices.Equal(texts, want) {
		t.Fatalf("after reconnecting C got %q, want exactly %q", texts, want)
	}

	// C completes; the visitor's next message starts a new chat, routed to the idle A.
	n.call("POST", fmt.Sprintf("/api/v1/chats/%d/complete", chatID), c.token, nil, 200, nil)
	wsV.waitEvent("visitor sees completion", kindFor(parley.EventChatCompleted, chatID))
	var res core.SendResult
	n.call("POST", "/api/v1/widget/messages", sess.Token, core.SendInput{ClientID: "v9", Text: "One more thing"}, 201, &res)
	if res.Message.ChatID == chatID {
		t.Fatal("a message after completion went into the completed chat")
	}
	next := wsA.waitEvent("A is offered the new chat", kindFor(parley.EventChatOffered, res.Message.ChatID))
	if next.AgentID != ids["A"] {
		t.Fatalf("new chat offered to %d, want A", next.AgentID)
	}
	for _, ws := range []*wsClient{wsA, wsB, wsC2, wsV} {
		assertNoDuplicates(t, ws.seen)
	}
}

func assertNoDuplicates(t *testing.T, events []parley.Event) {
	t.Helper()
	for i := 1; i < len(events); i++ {
		if events[i].ID != 0 && events[i].ID <= events[i-1].ID {
			t.Fatalf("event %d after %d: duplicated or out of order", events[i].ID, events[i-1].ID)
		}
	}
}

// TestShutdownTellsClientsToReconnect checks that SIGTERM's graceful stop closes
// websockets with 1012 (service restart).
func TestShutdownTellsClientsToReconnect(t *testing.T) {
	db := storetest.Databases(t)[0]
	n := startNode(t, db.URL)
	adminOut := &bytes.Buffer{}
	if err := run(context.Background(), []string{"user", "add", "--database", db.URL, "--email", "x@example.com", "--name", "X", "--password", "password123"}, strings.NewReader(""), adminOut, adminOut); err != nil {
		t.Fatal(err)
	}
	x := n.login("x@example.com")
	ws := n.dial("/api/v1/ws", bearerHeader(x.token))
	ws.waitReady()
	if err := n.srv.Shutdown(); err != nil {
		t.Fatal(err)
	}
	for {
		if f := ws.next(); f.Type == "closed" {
			if f.closeCode != 1012 {
				t.Fatalf("close code %d, want 1012", f.closeCode)
			}
			return
		}
	}
}
