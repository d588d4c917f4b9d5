package sqlstore

import (
	"context"
	"fmt"

	"parley"
)

const noteColumns = "id, chat_id, author_id, html, created_at, updated_at"

func scanNote(s scanner) (parley.Note, error) {
	var n parley.Note
	var created, updated int64
	err := s.Scan(&n.ID, &n.ChatID, &n.AuthorID, &n.HTML, &created, &updated)
	n.CreatedAt, n.UpdatedAt = fromMicros(created), fromMicros(updated)
	return n, err
}

// Note returns one note of the chat.
func (r queries) Note(ctx context.Context, chatID, id int64) (parley.Note, error) {
	return one(ctx, r.q, "note", scanNote, "SELECT "+noteColumns+" FROM notes WHERE id = $1 AND chat_id = $2", id, chatID)
}

// Notes returns the chat's notes, oldest first.
func (r queries) Notes(ctx context.Context, chatID int64) ([]parley.Note, error) {
	return list(ctx, r.q, "notes", scanNote, "SELECT "+noteColumns+" FROM notes WHERE chat_id = $1 ORDER BY id", chatID)
}

// CreateNote stores n and sets its ID.
func (t *tx) CreateNote(ctx context.Context, n *parley.Note) error {
	err := t.q.queryRow(ctx, `INSERT INTO notes (chat_id, author_id, html, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		n.ChatID, n.AuthorID, n.HTML, micros(n.CreatedAt), micros(n.UpdatedAt)).Scan(&n.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: create note: %w", err)
	}
	return nil
}

// UpdateNote stores the note's HTML and the time it changed.
func (t *tx) UpdateNote(ctx context.Context, n parley.Note) error {
	count, err := t.q.exec(ctx, "UPDATE notes SET html = $1, updated_at = $2 WHERE id = $3 AND chat_id = $4",
		n.HTML, micros(n.UpdatedAt), n.ID, n.ChatID)
	if err != nil {
		return fmt.Errorf("sqlstore: update note: %w", err)
	}
	return affected("note", count)
}

// DeleteNote deletes one note of the chat.
func (t *tx) DeleteNote(ctx context.Context, chatID, id int64) error {
	count, err := t.q.exec(ctx, "DELETE FROM notes WHERE id = $1 AND chat_id = $2", id, chatID)
	if err != nil {
		return fmt.Errorf("sqlstore: delete note: %w", err)
	}
	return affected("note", count)
}

// ChatFiles returns the files sent in the chat's messages in the order they
// were sent, with internal messages' files only when includeInternal is set.
func (r queries) ChatFiles(ctx context.Context, chatID int64, includeInternal bool) ([]parley.ChatFile, error) {
	q := `SELECT f.id, f.name, f.content_type, f.size, f.image, f.width, f.height,
		m.id, m.seq, m.author_kind, m.author_id, m.created_at, m.internal
		FROM files f JOIN messages m ON m.id = f.message_id
		WHERE f.chat_id = $1`
	if !includeInternal {
		q += " AND NOT m.internal"
	}
	return list(ctx, r.q, "chat files", scanChatFile, q+" ORDER BY m.seq, f.created_at, f.id", chatID)
}

func scanChatFile(s scanner) (parley.ChatFile, error) {
	var f parley.ChatFile
	var sent int64
	err := s.Scan(&f.ID, &f.Name, &f.ContentType, &f.Size, &f.Image, &f.Width, &f.Height,
		&f.MessageID, &f.Seq, &f.SentBy.Kind, &f.SentBy.ID, &sent, &f.Internal)
	f.SentAt = fromMicros(sent)
	return f, err
}
