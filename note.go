package parley

import (
	"context"
	"time"
)

// MaxNoteHTML is the most HTML one note may hold, in bytes.
const MaxNoteHTML = 20 << 10

// The events of notes. They are addressed to agents only: notes are private
// to the team, and no visitor ever receives them.
const (
	EventNoteCreated EventKind = "note.created" // data: Note
	EventNoteUpdated EventKind = "note.updated" // data: Note
	EventNoteDeleted EventKind = "note.deleted" // data: Note, as it was
)

// Note is an agent's private note on a chat (R2.23): formatted text as HTML,
// already sanitised to a small set of safe tags.
type Note struct {
	ID        int64     `json:"id"`
	ChatID    int64     `json:"chat_id"`
	AuthorID  int64     `json:"author_id"`
	HTML      string    `json:"html"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// NoteReader reads notes.
type NoteReader interface {
	// Note returns one note of the chat; NotFound when the chat has no such note.
	Note(ctx context.Context, chatID, id int64) (Note, error)
	// Notes returns the chat's notes, oldest first.
	Notes(ctx context.Context, chatID int64) ([]Note, error)
}

// NoteWriter changes notes.
type NoteWriter interface {
	// CreateNote stores n and sets its ID.
	CreateNote(ctx context.Context, n *Note) error
	// UpdateNote stores n's HTML and UpdatedAt; NotFound when it is gone.
	UpdateNote(ctx context.Context, n Note) error
	// DeleteNote deletes the note; NotFound when it is gone.
	DeleteNote(ctx context.Context, chatID, id int64) error
}

// ChatFile is a file sent in one of a chat's messages: what a list of the
// chat's files shows, with who sent it and when.
type ChatFile struct {
	Attachment
	MessageID int64     `json:"message_id"`
	Seq       int64     `json:"seq"`
	SentBy    Actor     `json:"sent_by"`
	SentAt    time.Time `json:"sent_at"`
	Internal  bool      `json:"internal,omitempty"`
}
