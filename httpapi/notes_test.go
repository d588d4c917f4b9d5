package httpapi

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/core"
)

// TestNoteEndpoints adds, edits and deletes notes over HTTP and checks that the widget reads none of them.
func TestNoteEndpoints(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		b, bToken := e.agent(t, "bee@example.com", parley.RoleAgent)
		_, cToken := e.agent(t, "cee@example.com", parley.RoleAgent)
		s := e.configure(t, b.ID)
		e.setStatus(t, bToken, parley.StatusActive)
		v := e.visitor(t, s.channel.PublicKey)
		chatID := e.visitorSays(t, v.Token, "v-1", "Where is my parcel?").ChatID
		notes := fmt.Sprintf("/api/v1/chats/%d/notes", chatID)
		e.must(t, req{method: "POST", path: fmt.Sprintf("/api/v1/chats/%d/accept", chatID), token: bToken}, http.StatusOK, nil)

		var n parley.Note
		e.must(t, req{method: "POST", path: notes, token: bToken,
			body: core.NoteInput{HTML: `<p><b>Refund</b> agreed<script>alert(1)</script> <a href="https://shop.example/o/1">order</a></p>`}}, http.StatusCreated, &n)
		want := `<p><b>Refund</b> agreed <a href="https://shop.example/o/1" rel="noopener noreferrer" target="_blank">order</a></p>`
		if n.HTML != want || n.AuthorID != b.ID {
			t.Fatalf("note = %+v", n)
		}
		var list NoteList
		e.must(t, req{method: "GET", path: notes, token: bToken}, http.StatusOK, &list)
		if len(list.Notes) != 1 || list.Notes[0].HTML != want {
			t.Fatalf("notes = %+v", list)
		}
		// c is in no queue of the chat: for them it does not exist.
		e.must(t, req{method: "GET", path: notes, token: cToken}, http.StatusNotFound, nil)
		e.must(t, req{method: "GET", path: notes, token: e.adminToken}, http.StatusOK, &list)
		note := fmt.Sprintf("%s/%d", notes, n.ID)
		e.must(t, req{method: "PATCH", path: note, token: e.adminToken, body: core.NoteInput{HTML: "mine"}}, http.StatusForbidden, nil)
		e.must(t, req{method: "PATCH", path: note, token: bToken, body: core.NoteInput{HTML: "<i>Refund sent</i>"}}, http.StatusOK, &n)
		if n.HTML != "<i>Refund sent</i>" {
			t.Errorf("edited note = %+v", n)
		}
		testWidgetSeesNoNotes(t, e, v, chatID, "Refund")
		e.must(t, req{method: "DELETE", path: note, token: e.adminToken}, http.StatusNoContent, nil)
		e.must(t, req{method: "GET", path: notes, token: bToken}, http.StatusOK, &list)
		if len(list.Notes) != 0 {
			t.Errorf("notes after delete = %+v", list)
		}
	})
}

// testWidgetSeesNoNotes checks that no widget endpoint, nor the visitor's events, carries a note.
func testWidgetSeesNoNotes(t *testing.T, e *env, v core.VisitorSession, chatID int64, text string) {
	t.Helper()
	for _, path := range []string{"/api/v1/widget/chats", fmt.Sprintf("/api/v1/widget/chats/%d/messages", chatID)} {
		rep := e.must(t, req{method: "GET", path: path, token: v.Token}, http.StatusOK, nil)
		if strings.Contains(string(rep.body), text) {
			t.Errorf("the widget reads %s: %s", path, rep.body)
		}
	}
	e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/chats/%d/notes", chatID), token: v.Token}, http.StatusUnauthorized, nil)
	events, err := e.store.Events(t.Context(), parley.EventFilter{Viewer: parley.Viewer{IdentityID: v.IdentityID}, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range events {
		if strings.HasPrefix(string(ev.Kind), "note.") || strings.Contains(string(ev.Data), text) {
			t.Errorf("the widget's websocket would carry %s: %s", ev.Kind, ev.Data)
		}
	}
}

func TestChatFilesEndpoint(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		b, bToken := e.agent(t, "bee@example.com", parley.RoleAgent)
		s := e.configure(t, b.ID)
		e.setStatus(t, bToken, parley.StatusActive)
		v := e.visitor(t, s.channel.PublicKey)
		var up parley.File
		r := uploadReq(t, "/api/v1/widget/files", v.Token, "photo.png", testPNG(t, 4, 3))
		e.must(t, r, http.StatusCreated, &up)
		var sent core.SendResult
		e.must(t, req{method: "POST", path: "/api/v1/widget/messages", token: v.Token,
			body: core.SendInput{ClientID: "v-1", FileIDs: []string{up.ID}}}, http.StatusCreated, &sent)
		var list ChatFileList
		e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/chats/%d/files", sent.Message.ChatID), token: bToken}, http.StatusOK, &list)
		if len(list.Files) != 1 {
			t.Fatalf("files = %+v", list)
		}
		f := list.Files[0]
		if f.ID != up.ID || f.Name != "photo.png" || !f.Image || f.SentBy.Kind != parley.ActorContact || f.SentAt.IsZero() ||
			f.URL != "/api/v1/files/"+up.ID || f.PreviewURL != f.URL+"/preview" {
			t.Errorf("file = %+v", f)
		}
		rep := e.must(t, req{method: "GET", path: f.URL, token: bToken}, http.StatusOK, nil)
		if !bytes.Equal(rep.body, testPNG(t, 4, 3)) {
			t.Error("the url does not download the file")
		}
	})
}

// noteCases are the refused requests of notes, chat files and exports.
func noteCases(t *testing.T, e *env, f badFixture, admin string) []badCase {
	chat := fmt.Sprintf("/api/v1/chats/%d", f.inProgressC)
	var n parley.Note
	e.must(t, req{method: "POST", path: chat + "/notes", token: f.cToken, body: core.NoteInput{HTML: "c's note"}}, http.StatusCreated, &n)
	note := fmt.Sprintf("%s/notes/%d", chat, n.ID)
	add := func(html string) req {
		return req{method: "POST", path: chat + "/notes", token: f.cToken, body: core.NoteInput{HTML: html}}
	}
	b := f.bToken
	e.must(t, req{method: "POST", path: "/api/v1/topics", token: admin, body: map[string]any{"name": "Dup"}}, http.StatusCreated, nil)
	return []badCase{
		{"note over 20 KB", add(strings.Repeat("<b>x</b>", parley.MaxNoteHTML/8+1)), 413, parley.CodeTooLarge, "20480"},
		{"empty note", add(""), 422, parley.CodeInvalid, "empty"},
		{"note of nothing but a script", add("<script>alert(1)</script>"), 422, parley.CodeInvalid, "empty"},
		{"note with an unknown field", req{method: "POST", path: chat + "/notes", token: f.cToken, raw: ptr(`{"text":"x"}`), contentType: "application/json"}, 400, parley.CodeMalformed, "text"},
		{"note on an unknown chat", req{method: "POST", path: "/api/v1/chats/999999/notes", token: b, body: core.NoteInput{HTML: "x"}}, 404, parley.CodeNotFound, ""},
		{"notes of an unknown chat", req{method: "GET", path: "/api/v1/chats/999999/notes", token: b}, 404, parley.CodeNotFound, ""},
		{"edit another's note", req{method: "PATCH", path: note, token: b, body: core.NoteInput{HTML: "mine"}}, 403, parley.CodeForbidden, "author"},
		{"delete another's note", req{method: "DELETE", path: note, token: b}, 403, parley.CodeForbidden, "author"},
		{"edit an unknown note", req{method: "PATCH", path: chat + "/notes/999999", token: f.cToken, body: core.NoteInput{HTML: "x"}}, 404, parley.CodeNotFound, ""},
		{"delete a note through another chat", req{method: "DELETE", path: fmt.Sprintf("/api/v1/chats/%d/notes/%d", f.completedByC, n.ID), token: admin}, 404, parley.CodeNotFound, ""},
		{"note id not a number", req{method: "DELETE", path: chat + "/notes/abc", token: f.cToken}, 404, parley.CodeNotFound, ""},
		{"notes with a visitor token", req{method: "GET", path: chat + "/notes", token: f.v1.Token}, 401, parley.CodeUnauthorized, ""},
		{"files of an unknown chat", req{method: "GET", path: "/api/v1/chats/999999/files", token: b}, 404, parley.CodeNotFound, ""},
		{"export without a format", req{method: "GET", path: "/api/v1/chats/export", token: b}, 422, parley.CodeInvalid, "csv or xlsx"},
		{"export as PDF", req{method: "GET", path: "/api/v1/chats/export?format=pdf", token: b}, 422, parley.CodeInvalid, "csv or xlsx"},
		{"export with an invalid state", req{method: "GET", path: "/api/v1/chats/export?format=csv&state=sleeping", token: b}, 422, parley.CodeInvalid, "sleeping"},
		{"export with a bad queue", req{method: "GET", path: "/api/v1/chats/export?format=csv&queue=first", token: b}, 400, parley.CodeMalformed, "queue"},
		{"export with a visitor token", req{method: "GET", path: "/api/v1/chats/export?format=csv", token: f.v1.Token}, 401, parley.CodeUnauthorized, ""},
		{"export deleted chats without a right", req{method: "GET", path: "/api/v1/chats/export?format=csv&deleted=true", token: b}, 403, parley.CodeForbidden, "right"},
		{"deleted neither true nor false", req{method: "GET", path: "/api/v1/chats?deleted=yes", token: b}, 400, parley.CodeMalformed, "true or false"},
		{"blank comment", req{method: "POST", path: chat + "/comments", token: f.cToken, body: core.CommentInput{Text: " \t\n"}}, 422, parley.CodeInvalid, "text"},
		{"comment too long", req{method: "POST", path: chat + "/comments", token: f.cToken,
			body: core.CommentInput{Text: strings.Repeat("x", parley.MaxCommentText+1)}}, 413, parley.CodeTooLarge, "4000"},
		{"comment on an unknown chat", req{method: "POST", path: "/api/v1/chats/999999/comments", token: b, body: core.CommentInput{Text: "x"}}, 404, parley.CodeNotFound, ""},
		{"follow an unknown chat", req{method: "PUT", path: "/api/v1/chats/999999/follow", token: b}, 404, parley.CodeNotFound, ""},
		{"topic both listed and other", req{method: "POST", path: chat + "/topic", token: f.cToken, body: map[string]any{"topic_id": 1, "other": "x"}}, 422, parley.CodeInvalid, "not both"},
		{"status of a negative id", req{method: "POST", path: chat + "/status", token: f.cToken, body: map[string]any{"status_id": -1}}, 422, parley.CodeInvalid, "status_id"},
		{"participant without an agent", req{method: "POST", path: chat + "/participants", token: f.cToken, body: map[string]any{}}, 422, parley.CodeInvalid, "agent_id"},
		{"remove a participant who is not one", req{method: "DELETE", path: chat + "/participants/999999", token: f.cToken}, 404, parley.CodeNotFound, ""},
		{"restore a chat that is not deleted", req{method: "POST", path: chat + "/restore", token: admin}, 409, parley.CodeConflict, "not deleted"},
		{"delete for good a chat that is not deleted", req{method: "DELETE", path: chat, token: admin}, 409, parley.CodeConflict, "not deleted"},
		{"a topic with a taken name", req{method: "POST", path: "/api/v1/topics", token: admin, body: map[string]any{"name": "Dup"}}, 409, parley.CodeConflict, "exists"},
		{"a status of an unknown kind", req{method: "POST", path: "/api/v1/chat-statuses", token: admin, body: map[string]any{"room_id": 1, "name": "X", "kind": "ajar"}}, 422, parley.CodeInvalid, "kind"},
		{"rights naming an unknown room", req{method: "PATCH", path: "/api/v1/agents/1", token: admin, body: map[string]any{"rights": map[string]any{"rooms": []int64{999999}}}}, 422, parley.CodeInvalid, "room"},
	}
}

// exportFixture stores n completed chats of one visitor beside the open one,
// with names that test quoting and encodings, and returns the ids newest first.
func exportFixture(t *testing.T, e *env, n int) (parley.Agent, []int64, []string) {
	b, bToken := e.agent(t, "bee@example.com", parley.RoleAgent)
	s := e.configure(t, b.ID)
	e.setStatus(t, bToken, parley.StatusActive)
	v := e.visitor(t, s.channel.PublicKey)
	open, err := e.store.Chat(t.Context(), e.visitorSays(t, v.Token, "v-1", "hi").ChatID)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{`Иван "Ваня" Петров`, "Comma, Inc.", "line\nbreak", "=HYPERLINK(\"x\")", "plain"}
	ids := make([]int64, n)
	chatNames := make([]string, n)
	err = e.store.Write(context.Background(), func(tx parley.Tx) error {
		for i := range n {
			c := open
			c.ID, c.State, c.Name, c.Topic, c.OwnerID = 0, parley.ChatCompleted, names[i%len(names)], "topic "+strconv.Itoa(i), b.ID
			at := open.CreatedAt.Add(time.Duration(i) * time.Second)
			c.CreatedAt, c.AcceptedAt, c.CompletedAt = at, &at, &at
			if err := tx.CreateChat(t.Context(), &c); err != nil {
				return err
			}
			ids[i], chatNames[i] = c.ID, c.Name
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(ids)
	slices.Reverse(chatNames)
	return b, append(ids, open.ID), append(chatNames, open.Name)
}

// TestExport exports 5000 chats and more as CSV and as XLSX: every row, in order.
func TestExport(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		b, ids, names := exportFixture(t, e, 5000)
		// The open chat is the oldest here only by creation order; ids decide.
		slices.SortFunc(ids, func(x, y int64) int { return int(y - x) })
		byID := map[int64]string{}
		for i, id := range ids {
			byID[id] = names[i]
		}
		for _, format := range []string{"csv", "xlsx"} {
			t.Run(format, func(t *testing.T) {
				rep := e.must(t, req{method: "GET", path: "/api/v1/chats/export?format=" + format, token: e.adminToken}, http.StatusOK, nil)
				if cd := rep.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; filename=chats-") || !strings.HasSuffix(cd, "."+format) {
					t.Errorf("Content-Disposition %q", cd)
				}
				if rep.header.Get("Content-Length") != "" {
					t.Errorf("the export was not streamed: Content-Length %s", rep.header.Get("Content-Length"))
				}
				var rows [][]string
				if format == "csv" {
					rows = readCSV(t, rep)
				} else {
					rows = readXLSX(t, rep.body)
				}
				if len(rows) != len(ids)+1 || !slices.Equal(rows[0], []string{"Chat ID", "Created (UTC)", "State", "Queue", "Owner", "Contact",
					"Channel", "Topic", "Accepted (UTC)", "Completed (UTC)", "Messages"}) {
					t.Fatalf("%d rows, header %q", len(rows), rows[0])
				}
				for i, row := range rows[1:] {
					if row[0] != strconv.FormatInt(ids[i], 10) {
						t.Fatalf("row %d is chat %s, want %d", i+1, row[0], ids[i])
					}
					want := byID[ids[i]]
					if format == "csv" && strings.HasPrefix(want, "=") {
						want = "'" + want
					}
					if row[5] != want || row[3] != "First line" || row[6] != "Site" {
						t.Fatalf("row %d = %q, want contact %q", i+1, row, want)
					}
					if row[2] == "completed" && (row[4] != b.Name || row[9] == "") {
						t.Fatalf("row %d = %q", i+1, row)
					}
				}
			})
		}
		rep := e.must(t, req{method: "GET", path: "/api/v1/chats/export?format=csv&state=waiting", token: e.adminToken}, http.StatusOK, nil)
		if rows := readCSV(t, rep); len(rows) != 2 || rows[1][2] != "waiting" {
			t.Errorf("waiting chats exported: %q", rows)
		}
		// An agent of no queue may see none of them.
		_, other := e.agent(t, "out@example.com", parley.RoleAgent)
		rep = e.must(t, req{method: "GET", path: "/api/v1/chats/export?format=xlsx", token: other}, http.StatusOK, nil)
		if rows := readXLSX(t, rep.body); len(rows) != 1 {
			t.Errorf("an agent of no queue exported %d rows", len(rows)-1)
		}
		// The header row speaks the agent's language.
		ru, ruToken := e.agent(t, "ru@example.com", parley.RoleAgent)
		e.must(t, req{method: "PATCH", path: fmt.Sprintf("/api/v1/agents/%d", ru.ID), token: e.adminToken,
			body: map[string]string{"language": "ru"}}, http.StatusOK, nil)
		rep = e.must(t, req{method: "GET", path: "/api/v1/chats/export?format=csv", token: ruToken}, http.StatusOK, nil)
		if rows := readCSV(t, rep); rows[0][0] != "Номер чата" || rows[0][10] != "Сообщений" {
			t.Errorf("a Russian agent's export header %q", rows[0])
		}
	})
}

func readCSV(t *testing.T, rep reply) [][]string {
	t.Helper()
	if ct := rep.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	body, ok := bytes.CutPrefix(rep.body, []byte("\ufeff"))
	if !ok {
		t.Fatal("the CSV has no byte order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	return rows
}

// readXLSX opens the workbook as a spreadsheet program would: its parts by
// their relationships, and the rows of its one sheet.
func readXLSX(t *testing.T, body []byte) [][]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		parts[f.Name] = b
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"} {
		if parts[name] == nil {
			t.Fatalf("no %s in the workbook", name)
		}
		if err := xml.Unmarshal(parts[name], new(struct{})); err != nil {
			t.Fatalf("%s is not XML: %v", name, err)
		}
	}
	var sheet struct {
		Rows []struct {
			R     int `xml:"r,attr"`
			Cells []struct {
				R    string `xml:"r,attr"`
				T    string `xml:"t,attr"`
				V    string `xml:"v"`
				Text string `xml:"is>t"`
			} `xml:"c"`
		} `xml:"sheetData>row"`
	}
	if err := xml.Unmarshal(parts["xl/worksheets/sheet1.xml"], &sheet); err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for i, r := range sheet.Rows {
		if r.R != i+1 {
			t.Fatalf("row %d numbered %d", i+1, r.R)
		}
		var row []string
		for j, c := range r.Cells {
			if want := columnName(j) + strconv.Itoa(i+1); c.R != want {
				t.Fatalf("cell %s, want %s", c.R, want)
			}
			if c.T == "inlineStr" {
				row = append(row, c.Text)
			} else {
				row = append(row, c.V)
			}
		}
		rows = append(rows, row)
	}
	return rows
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := columnName(i); got != want {
			t.Errorf("columnName(%d) = %s, want %s", i, got, want)
		}
	}
}
