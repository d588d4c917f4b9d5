package sqlstore_test

import (
	"context"
	"testing"

	"parley"
	"parley/sqlstore"
)

func TestNotes(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		c, other := f.chat(f.identity, f.queue.ID), f.chat(f.identity, f.queue.ID)
		c.State, other.State = parley.ChatCompleted, parley.ChatCompleted
		f.createChat(t, &c)
		f.createChat(t, &other)
		first := parley.Note{ChatID: c.ID, AuthorID: f.agent.ID, HTML: "<b>one</b>", CreatedAt: at(1), UpdatedAt: at(1)}
		second := parley.Note{ChatID: c.ID, AuthorID: f.agent2.ID, HTML: "two", CreatedAt: at(2), UpdatedAt: at(2)}
		elsewhere := parley.Note{ChatID: other.ID, AuthorID: f.agent.ID, HTML: "three", CreatedAt: at(3), UpdatedAt: at(3)}
		write(t, s, func(tx parley.Tx) error {
			for _, n := range []*parley.Note{&first, &second, &elsewhere} {
				if err := tx.CreateNote(ctx, n); err != nil {
					return err
				}
			}
			return nil
		})
		if first.ID == 0 || second.ID <= first.ID {
			t.Fatalf("ids %d, %d", first.ID, second.ID)
		}
		expect(t, "Notes", []parley.Note{first, second})(s.Notes(ctx, c.ID))
		expect(t, "Note", second)(s.Note(ctx, c.ID, second.ID))
		_, err := s.Note(ctx, other.ID, second.ID)
		wantCode(t, "Note of another chat", err, parley.CodeNotFound)

		first.HTML, first.UpdatedAt = "<i>edited</i>", at(4)
		write(t, s, func(tx parley.Tx) error { return tx.UpdateNote(ctx, first) })
		expect(t, "edited note", first)(s.Note(ctx, c.ID, first.ID))
		wrong := elsewhere
		wrong.ChatID = c.ID
		wantCode(t, "UpdateNote through another chat", writeErr(s, func(tx parley.Tx) error { return tx.UpdateNote(ctx, wrong) }), parley.CodeNotFound)
		wantCode(t, "DeleteNote through another chat", writeErr(s, func(tx parley.Tx) error { return tx.DeleteNote(ctx, c.ID, elsewhere.ID) }), parley.CodeNotFound)
		write(t, s, func(tx parley.Tx) error { return tx.DeleteNote(ctx, c.ID, second.ID) })
		expect(t, "Notes after delete", []parley.Note{first})(s.Notes(ctx, c.ID))
		wantCode(t, "DeleteNote again", writeErr(s, func(tx parley.Tx) error { return tx.DeleteNote(ctx, c.ID, second.ID) }), parley.CodeNotFound)
		expect(t, "Notes of a chat without", []parley.Note{})(s.Notes(ctx, f.chat(f.identity, f.queue.ID).ID))
	})
}

func TestChatFiles(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		c := f.chat(f.identity, f.queue.ID)
		f.createChat(t, &c)
		visitor, agent := parley.Actor{Kind: parley.ActorContact, ID: f.contact.ID}, parley.Actor{Kind: parley.ActorAgent, ID: f.agent.ID}
		pic, doc, secret, unsent := newFile("f_pic", visitor), newFile("f_doc", agent), newFile("f_secret", agent), newFile("f_unsent", agent)
		m1 := parley.Message{ChatID: c.ID, Seq: 1, Author: visitor, Kind: parley.MessageText, CreatedAt: at(2), Files: []parley.Attachment{pic.Attachment}}
		m2 := parley.Message{ChatID: c.ID, Seq: 2, Author: agent, Kind: parley.MessageText, CreatedAt: at(3), Internal: true, Files: []parley.Attachment{secret.Attachment}}
		m3 := parley.Message{ChatID: c.ID, Seq: 3, Author: agent, Kind: parley.MessageText, CreatedAt: at(4), Files: []parley.Attachment{doc.Attachment}}
		write(t, s, func(tx parley.Tx) error {
			for _, file := range []parley.File{pic, doc, secret, unsent} {
				if err := tx.CreateFile(ctx, file); err != nil {
					return err
				}
			}
			for _, m := range []*parley.Message{&m1, &m2, &m3} {
				if err := tx.AddMessage(ctx, m); err != nil {
					return err
				}
				if err := tx.AttachFiles(ctx, c.ID, m.ID, []string{m.Files[0].ID}); err != nil {
					return err
				}
			}
			return nil
		})
		entry := func(file parley.File, m parley.Message) parley.ChatFile {
			return parley.ChatFile{Attachment: file.Attachment, MessageID: m.ID, Seq: m.Seq, SentBy: m.Author, SentAt: m.CreatedAt, Internal: m.Internal}
		}
		expect(t, "ChatFiles for agents", []parley.ChatFile{entry(pic, m1), entry(secret, m2), entry(doc, m3)})(s.ChatFiles(ctx, c.ID, true))
		expect(t, "ChatFiles without internal", []parley.ChatFile{entry(pic, m1), entry(doc, m3)})(s.ChatFiles(ctx, c.ID, false))
		expect(t, "ChatFiles of another chat", []parley.ChatFile{})(s.ChatFiles(ctx, c.ID+100, true))
	})
}
