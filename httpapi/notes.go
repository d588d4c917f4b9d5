package httpapi

import (
	"net/http"

	"parley"
	"parley/core"
)

// What the routes of notes, a chat's files and exports say.
const (
	notesDoc = "Private notes of agents on a chat: never shown to the visitor, and their events (note.created, note.updated, note.deleted) " +
		"reach agents only. html is kept to p, br, b, strong, i, em, u, s, ul, ol, li, code, pre, blockquote, " +
		"a (http, https and mailto links, opened in a new tab) and img (this server's /api/v1/files/… or https); " +
		"anything else is removed, its text kept. At most 20480 bytes of HTML (413 past it); 422 when nothing visible remains."
	noteChangeDoc = "Only the note's author may edit it; the author or an admin may delete it (403 otherwise)."
	chatFilesDoc  = "Every file sent in the chat's messages, in the order sent, with who sent it (sent_by, sender_name), when, " +
		"and url to download it (preview_url for pictures). Files of internal messages are included, marked internal: this list is for agents."
	exportDoc = "Every chat the caller may see that the filters select, newest first, one row each, streamed as it is read: " +
		"format=csv (UTF-8 with a byte order mark) or format=xlsx (one sheet). Times are UTC; messages counts every message of the chat, system ones included."
)

// noteRoutes is the route table's rows for a chat's notes, its files and exports of chat lists.
func (a *API) noteRoutes() []route {
	return []route{
		{method: get, path: "/api/v1/chats/{id}/notes", summary: "A chat's private notes, oldest first", auth: authAgent, op: ok(a.listNotes), doc: notesDoc},
		{method: post, path: "/api/v1/chats/{id}/notes", summary: "Add a private note to a chat", auth: authAgent, op: created(a.addNote), doc: notesDoc},
		{method: patch, path: "/api/v1/chats/{id}/notes/{note}", summary: "Edit my note", auth: authAgent, op: ok(a.editNote), doc: noteChangeDoc},
		{method: http.MethodDelete, path: "/api/v1/chats/{id}/notes/{note}", summary: "Delete a note", auth: authAgent, op: noContent(a.deleteNote), doc: noteChangeDoc},
		{method: get, path: "/api/v1/chats/{id}/files", summary: "The files sent in a chat", auth: authAgent, op: ok(a.chatFiles), doc: chatFilesDoc},
		{method: get, path: "/api/v1/chats/export", summary: "Export a list of chats as CSV or XLSX", auth: authAgent, op: a.exportOp(), doc: exportDoc},
	}
}

// NoteList is a chat's notes.
type NoteList struct {
	Notes []parley.Note `json:"notes"`
}

func (a *API) listNotes(r *http.Request, _ none) (NoteList, error) {
	return chatCall(r, func(who agentAuth, id int64) (NoteList, error) {
		notes, err := a.svc.Notes(r.Context(), who.Viewer, id)
		return NoteList{Notes: nonNil(notes)}, err
	})
}

func (a *API) addNote(r *http.Request, in core.NoteInput) (parley.Note, error) {
	return chatCall(r, func(who agentAuth, id int64) (parley.Note, error) {
		return a.svc.AddNote(r.Context(), who.Agent, who.Viewer, id, in)
	})
}

func (a *API) editNote(r *http.Request, in core.NoteInput) (parley.Note, error) {
	return chatCall(r, func(who agentAuth, id int64) (parley.Note, error) {
		noteID, err := pathID(r, "note")
		if err != nil {
			return parley.Note{}, err
		}
		return a.svc.EditNote(r.Context(), who.Agent, who.Viewer, id, noteID, in)
	})
}

func (a *API) deleteNote(r *http.Request, _ none) error {
	_, err := chatCall(r, func(who agentAuth, id int64) (none, error) {
		noteID, err := pathID(r, "note")
		if err != nil {
			return none{}, err
		}
		return none{}, a.svc.DeleteNote(r.Context(), who.Agent, who.Viewer, id, noteID)
	})
	return err
}

// ChatFile is a file of a chat's list with where to download it.
type ChatFile struct {
	core.ChatFileEntry
	URL        string `json:"url"`
	PreviewURL string `json:"preview_url,omitempty"`
}

// ChatFileList is the files sent in a chat.
type ChatFileList struct {
	Files []ChatFile `json:"files"`
}

func (a *API) chatFiles(r *http.Request, _ none) (ChatFileList, error) {
	return chatCall(r, func(who agentAuth, id int64) (ChatFileList, error) {
		entries, err := a.svc.ChatFiles(r.Context(), who.Viewer, id)
		if err != nil {
			return ChatFileList{}, err
		}
		list := ChatFileList{Files: make([]ChatFile, len(entries))}
		for i, f := range entries {
			list.Files[i] = ChatFile{ChatFileEntry: f, URL: "/api/v1/files/" + f.ID}
			if f.Image {
				list.Files[i].PreviewURL = list.Files[i].URL + "/preview"
			}
		}
		return list, nil
	})
}
