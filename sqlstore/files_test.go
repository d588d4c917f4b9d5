package sqlstore_test

import (
	"context"
	"testing"

	"parley"
	"parley/sqlstore"
)

func newFile(id string, by parley.Actor) parley.File {
	return parley.File{Attachment: parley.Attachment{ID: id, Name: id + ".png", ContentType: "image/png", Size: 1234,
		Image: true, Width: 640, Height: 480}, SHA256: "ab" + id, PreviewType: "image/png", UploadedBy: by, CreatedAt: at(1)}
}

func TestFiles(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		c := f.chat(f.identity, f.queue.ID)
		f.createChat(t, &c)
		visitor := parley.Actor{Kind: parley.ActorContact, ID: f.contact.ID}
		pic, doc := newFile("f_pic", visitor), newFile("f_doc", visitor)
		doc.Image, doc.Width, doc.Height, doc.PreviewType, doc.ContentType = false, 0, 0, "", "application/pdf"
		write(t, s, func(tx parley.Tx) error {
			if err := tx.CreateFile(ctx, pic); err != nil {
				return err
			}
			return tx.CreateFile(ctx, doc)
		})
		expect(t, "File", pic)(s.File(ctx, pic.ID))
		wantCode(t, "same id again", writeErr(s, func(tx parley.Tx) error { return tx.CreateFile(ctx, pic) }), parley.CodeConflict)

		m := parley.Message{ChatID: c.ID, Seq: 1, Author: visitor, Kind: parley.MessageText, CreatedAt: at(2),
			Files: []parley.Attachment{pic.Attachment, doc.Attachment}}
		write(t, s, func(tx parley.Tx) error {
			if err := tx.AddMessage(ctx, &m); err != nil {
				return err
			}
			return tx.AttachFiles(ctx, c.ID, m.ID, []string{pic.ID, doc.ID})
		})
		expect(t, "message with files", []parley.Message{m})(s.Messages(ctx, parley.MessageFilter{ChatID: c.ID}))
		pic.MessageID, pic.ChatID = m.ID, c.ID
		expect(t, "attached file", pic)(s.File(ctx, pic.ID))

		// Attaching is a compare-and-set: a file in a message goes into no other, and
		// a refused attach changes none of the files it named.
		fresh := newFile("f_fresh", visitor)
		other := parley.Message{ChatID: c.ID, Seq: 2, Author: visitor, Kind: parley.MessageText, Text: "again", CreatedAt: at(3)}
		write(t, s, func(tx parley.Tx) error {
			if err := tx.CreateFile(ctx, fresh); err != nil {
				return err
			}
			return tx.AddMessage(ctx, &other)
		})
		for name, ids := range map[string][]string{"attached": {fresh.ID, pic.ID}, "missing": {fresh.ID, "f_none"}} {
			err := writeErr(s, func(tx parley.Tx) error { return tx.AttachFiles(ctx, c.ID, other.ID, ids) })
			wantCode(t, "attach with one "+name, err, parley.CodeConflict)
		}
		expect(t, "file of a refused attach", fresh)(s.File(ctx, fresh.ID))
		_, err := s.File(ctx, "f_none")
		wantCode(t, "File missing", err, parley.CodeNotFound)
	})
}
