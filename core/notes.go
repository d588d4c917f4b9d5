package core

import (
	"context"
	"time"
	"unicode/utf8"

	"parley"
)

// noteAudience is who learns of a note's changes: the agents who follow its
// chat. Notes are the team's own, so no visitor bit is ever set.
const noteAudience = parley.AudienceQueue | parley.AudienceAgent

// NoteInput is a note's text as HTML; the server keeps only safe markup of it.
type NoteInput struct {
	HTML string `json:"html"`
}

// clean checks the size and sanitises the HTML; the limit applies to what the
// client sent, so that a huge note is refused before any work is done on it.
func (in NoteInput) clean() (string, error) {
	if len(in.HTML) > parley.MaxNoteHTML {
		return "", parley.Errorf(parley.CodeTooLarge, "the note has %d bytes of HTML, at most %d are allowed", len(in.HTML), parley.MaxNoteHTML)
	}
	if !utf8.ValidString(in.HTML) {
		return "", parley.Errorf(parley.CodeInvalid, "the note is not valid UTF-8")
	}
	html, visible := SanitizeNoteHTML(in.HTML)
	if !visible {
		return "", parley.Errorf(parley.CodeInvalid, "the note is empty")
	}
	return html, nil
}

// notedChat loads a chat whose notes the viewer may read: agents who may see
// it. A visitor is told the chat does not exist, as for a chat not theirs.
func (s *Service) notedChat(ctx context.Context, r parley.ChatReader, v parley.Viewer, chatID int64) (parley.Chat, error) {
	if v.IsVisitor() {
		return parley.Chat{}, parley.NotFound("chat")
	}
	return s.visibleChat(ctx, r, v, chatID)
}

// Notes lists a chat's private notes, oldest first (R2.23).
func (s *Service) Notes(ctx context.Context, v parley.Viewer, chatID int64) ([]parley.Note, error) {
	if _, err := s.notedChat(ctx, s.store, v, chatID); err != nil {
		return nil, err
	}
	return s.store.Notes(ctx, chatID)
}

// AddNote adds an agent's note to a chat they may see.
func (s *Service) AddNote(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64, in NoteInput) (parley.Note, error) {
	html, err := in.clean()
	if err != nil {
		return parley.Note{}, err
	}
	var n parley.Note
	err = s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.notedChat(ctx, tx, v, chatID)
		if err != nil {
			return err
		}
		n = parley.Note{ChatID: c.ID, AuthorID: by.ID, HTML: html, CreatedAt: now, UpdatedAt: now}
		if err := tx.CreateNote(ctx, &n); err != nil {
			return err
		}
		emit(tx, now, parley.ChatEvent(parley.EventNoteCreated, noteAudience, c, chatAgent(c), n))
		return nil
	})
	return n, err
}

// EditNote replaces the text of a note; only its author may.
func (s *Service) EditNote(ctx context.Context, by parley.Agent, v parley.Viewer, chatID, noteID int64, in NoteInput) (parley.Note, error) {
	html, err := in.clean()
	if err != nil {
		return parley.Note{}, err
	}
	var n parley.Note
	err = s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.notedChat(ctx, tx, v, chatID)
		if err != nil {
			return err
		}
		if n, err = tx.Note(ctx, c.ID, noteID); err != nil {
			return err
		}
		if n.AuthorID != by.ID {
			return parley.Errorf(parley.CodeForbidden, "only the note's author may edit it")
		}
		n.HTML, n.UpdatedAt = html, now
		if err := tx.UpdateNote(ctx, n); err != nil {
			return err
		}
		emit(tx, now, parley.ChatEvent(parley.EventNoteUpdated, noteAudience, c, chatAgent(c), n))
		return nil
	})
	return n, err
}

// DeleteNote deletes a note: its author may, and an admin may delete any.
func (s *Service) DeleteNote(ctx context.Context, by parley.Agent, v parley.Viewer, chatID, noteID int64) error {
	return s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.notedChat(ctx, tx, v, chatID)
		if err != nil {
			return err
		}
		n, err := tx.Note(ctx, c.ID, noteID)
		if err != nil {
			return err
		}
		if n.AuthorID != by.ID && by.Role != parley.RoleAdmin {
			return parley.Errorf(parley.CodeForbidden, "only the note's author or an admin may delete it")
		}
		if err := tx.DeleteNote(ctx, c.ID, n.ID); err != nil {
			return err
		}
		emit(tx, now, parley.ChatEvent(parley.EventNoteDeleted, noteAudience, c, chatAgent(c), n))
		return nil
	})
}
