package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"parley"
)

const fileColumns = `id, sha256, name, content_type, size, image, width, height, preview_type,
	uploader_kind, uploader_id, message_id, chat_id, created_at`

func scanFile(s scanner) (parley.File, error) {
	var f parley.File
	var message, chat sql.NullInt64
	var created int64
	err := s.Scan(&f.ID, &f.SHA256, &f.Name, &f.ContentType, &f.Size, &f.Image, &f.Width, &f.Height, &f.PreviewType,
		&f.UploadedBy.Kind, &f.UploadedBy.ID, &message, &chat, &created)
	f.MessageID, f.ChatID, f.CreatedAt = message.Int64, chat.Int64, fromMicros(created)
	return f, err
}

// File returns the uploaded file with the id.
func (r queries) File(ctx context.Context, id string) (parley.File, error) {
	return one(ctx, r.q, "file", scanFile, "SELECT "+fileColumns+" FROM files WHERE id = $1", id)
}

// CreateFile records an upload, not yet attached to any message.
func (t *tx) CreateFile(ctx context.Context, f parley.File) error {
	_, err := t.q.exec(ctx, `INSERT INTO files (id, sha256, name, content_type, size, image, width, height,
		preview_type, uploader_kind, uploader_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		f.ID, f.SHA256, f.Name, f.ContentType, f.Size, f.Image, f.Width, f.Height, f.PreviewType,
		string(f.UploadedBy.Kind), f.UploadedBy.ID, micros(f.CreatedAt))
	if err != nil {
		return writeErr(t.b.d, "create file", err, "file %s exists", f.ID)
	}
	return nil
}

// AttachFiles gives unattached files to a message. The condition on message_id
// makes attaching a compare-and-set: a file can never end up in two messages.
// It is never deferred (see tx.change): its check needs the exact count of rows
// changed, which a deferred statement sent with COMMIT does not report.
func (t *tx) AttachFiles(ctx context.Context, chatID, messageID int64, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	w := where{args: []any{chatID, messageID}}
	w.add("message_id IS NULL")
	w.add("id IN " + in(&w, ids))
	n, err := t.q.exec(ctx, "UPDATE files SET chat_id = $1, message_id = $2"+w.sql(), w.args...)
	switch {
	case err != nil:
		return fmt.Errorf("sqlstore: attach files: %w", err)
	case n != int64(len(ids)):
		return parley.Errorf(parley.CodeConflict, "of the files %s, only %d could be attached", strings.Join(ids, ", "), n)
	}
	return nil
}
