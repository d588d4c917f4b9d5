package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"parley"
	"parley/core"
	"parley/sqlstore/storetest"
)

// upload sends content as a multipart upload and returns the stored file.
func (n *node) upload(path, token, name, content string) parley.File {
	n.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, err := w.CreateFormFile("file", name)
	if err == nil {
		_, err = io.WriteString(part, content)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		n.t.Fatal(err)
	}
	req, err := http.NewRequestWithContext(context.Background(), "POST", n.base+path, &body)
	if err != nil {
		n.t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		n.t.Fatal(err)
	}
	defer resp.Body.Close()
	var f parley.File
	if err := json.NewDecoder(resp.Body).Decode(&f); err != nil || resp.StatusCode != http.StatusCreated {
		n.t.Fatalf("upload %s: status %d, %v", name, resp.StatusCode, err)
	}
	return f
}

// TestFilesOverWebsockets sends files in message frames both ways.
func TestFilesOverWebsockets(t *testing.T) {
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			var out bytes.Buffer
			if err := run(context.Background(), []string{"user", "add", "--database", db.URL, "--email", "admin@example.com",
				"--name", "Admin", "--password", "password123"}, strings.NewReader(""), &out, &out); err != nil {
				t.Fatalf("user add: %v: %s", err, out.String())
			}
			n := startNode(t, db.URL)
			admin := n.login("admin@example.com")
			var room parley.Room
			n.call("POST", "/api/v1/rooms", admin.token, map[string]any{"name": "Support"}, 201, &room)
			var queue parley.Queue
			n.call("POST", "/api/v1/queues", admin.token, map[string]any{"name": "Q", "room_id": room.ID, "members": []int64{admin.agent.ID}}, 201, &queue)
			var ch parley.Channel
			n.call("POST", "/api/v1/channels", admin.token, map[string]any{"name": "Site", "queue_id": queue.ID}, 201, &ch)
			n.call("PUT", "/api/v1/me/status", admin.token, map[string]string{"status": "active"}, 200, nil)
			var sess core.VisitorSession
			n.call("POST", "/api/v1/widget/sessions", "", core.VisitorStart{Key: ch.PublicKey}, 201, &sess)

			wsA := n.dial("/api/v1/ws?since=0", bearerHeader(admin.token))
			wsA.waitReady()
			wsV := n.dial("/api/v1/widget/ws?since=0&token="+sess.Token, nil)
			wsV.waitReady()
			fromVisitor := n.upload("/api/v1/widget/files", sess.Token, "receipt.pdf", "%PDF-1.4\n1 0 obj\n")
			wsV.send(map[string]any{"type": "message", "client_id": "v1", "file_ids": []string{fromVisitor.ID}})
			wsV.waitAck("v1")
			created := wsA.waitEvent("the visitor's file", func(e parley.Event) bool { return hasFile(t, e, fromVisitor.ID) })
			n.call("POST", fmt.Sprintf("/api/v1/chats/%d/accept", created.ChatID), admin.token, nil, 200, nil)

			fromAgent := n.upload("/api/v1/files", admin.token, "answer.txt", "Here it is.")
			wsA.send(map[string]any{"type": "message", "client_id": "a1", "chat_id": created.ChatID, "text": "See this", "file_ids": []string{fromAgent.ID}})
			wsA.waitAck("a1")
			wsV.waitEvent("the agent's file", func(e parley.Event) bool { return hasFile(t, e, fromAgent.ID) })
			status, body, err := n.do("GET", "/api/v1/widget/files/"+fromAgent.ID, sess.Token, nil)
			if err != nil || status != http.StatusOK || string(body) != "Here it is." {
				t.Fatalf("visitor downloads the agent's file: %d %q %v", status, body, err)
			}
		})
	}
}

func hasFile(t *testing.T, e parley.Event, id string) bool {
	t.Helper()
	if e.Kind != parley.EventMessageCreated {
		return false
	}
	var m parley.Message
	if err := json.Unmarshal(e.Data, &m); err != nil {
		t.Fatal(err)
	}
	return len(m.Files) == 1 && m.Files[0].ID == id
}
