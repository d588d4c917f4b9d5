package sqlstore_test

import (
	"context"
	"testing"

	"parley"
	"parley/sqlstore"
)

func TestBlocks(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		second := newIdentity(f.contact.ID, f.channel.ID, "visitor-2")
		other := parley.Contact{Name: "Olga", CreatedAt: at(0), UpdatedAt: at(0)}
		write(t, s, func(tx parley.Tx) error {
			if err := tx.CreateContact(ctx, &other); err != nil {
				return err
			}
			return tx.CreateIdentity(ctx, &second)
		})
		create := func(b *parley.Block) error {
			return writeErr(s, func(tx parley.Tx) error { return tx.CreateBlock(ctx, b) })
		}
		ident := parley.Block{ContactID: f.contact.ID, IdentityID: f.identity.ID, Reason: "spam", Until: ptr(at(100)),
			State: parley.BlockActive, CreatedAt: at(1), CreatedBy: f.agent.ID}
		forever := parley.Block{ContactID: other.ID, Reason: "fraud", State: parley.BlockActive, CreatedAt: at(2), CreatedBy: f.agent2.ID}
		for _, b := range []*parley.Block{&ident, &forever} {
			if err := create(b); err != nil || b.ID == 0 {
				t.Fatalf("create block: id %d, %v", b.ID, err)
			}
		}
		expect(t, "Block", ident)(s.Block(ctx, ident.ID))
		expect(t, "Block until further notice", forever)(s.Block(ctx, forever.ID))
		_, err := s.Block(ctx, 999999)
		wantCode(t, "unknown Block", err, parley.CodeNotFound)

		again := ident
		wantCode(t, "a second block of the same identity", create(&again), parley.CodeConflict)
		expect(t, "HoldingBlock of the blocked identity", ident)(s.HoldingBlock(ctx, f.identity.ID, f.contact.ID, at(99)))
		_, err = s.HoldingBlock(ctx, f.identity.ID, f.contact.ID, at(100))
		wantCode(t, "HoldingBlock at its until", err, parley.CodeNotFound)
		_, err = s.HoldingBlock(ctx, second.ID, f.contact.ID, at(50))
		wantCode(t, "HoldingBlock of the contact's other identity", err, parley.CodeNotFound)

		// A block of the whole contact stops every identity; the identity's own,
		// older, is the one found for it.
		whole := parley.Block{ContactID: f.contact.ID, Reason: "abuse", Until: ptr(at(200)), State: parley.BlockActive,
			CreatedAt: at(3), CreatedBy: f.agent.ID}
		if err := create(&whole); err != nil {
			t.Fatal(err)
		}
		expect(t, "HoldingBlock of the other identity", whole)(s.HoldingBlock(ctx, second.ID, f.contact.ID, at(50)))
		expect(t, "HoldingBlock of the blocked identity", ident)(s.HoldingBlock(ctx, f.identity.ID, f.contact.ID, at(50)))
		expect(t, "ContactBlocks", []parley.Block{whole, ident})(s.ContactBlocks(ctx, f.contact.ID))

		lifted := ident
		if err := lifted.Lift(f.agent2.ID, "sorry", at(10)); err != nil {
			t.Fatal(err)
		}
		write(t, s, func(tx parley.Tx) error { return tx.EndBlock(ctx, lifted) })
		expect(t, "lifted Block", lifted)(s.Block(ctx, ident.ID))
		wantCode(t, "EndBlock twice", writeErr(s, func(tx parley.Tx) error { return tx.EndBlock(ctx, lifted) }), parley.CodeConflict)
		expect(t, "HoldingBlock after the lift", whole)(s.HoldingBlock(ctx, f.identity.ID, f.contact.ID, at(50)))
		if err := create(&again); err != nil {
			t.Errorf("a new block after the lift: %v", err)
		}

		files := []parley.Attachment{newFile("f_1", parley.Actor{Kind: parley.ActorContact, ID: f.contact.ID}).Attachment}
		m1 := parley.BlockedMessage{BlockID: whole.ID, ContactID: f.contact.ID, IdentityID: second.ID, Text: "hello",
			ClientID: "c1", DedupeKey: "contact:2:c1", CreatedAt: at(20), Files: files}
		m2 := parley.BlockedMessage{BlockID: whole.ID, ContactID: f.contact.ID, IdentityID: f.identity.ID, Text: "again", CreatedAt: at(21)}
		m3 := parley.BlockedMessage{BlockID: forever.ID, ContactID: other.ID, IdentityID: f.identity.ID, Text: "elsewhere", CreatedAt: at(22)}
		write(t, s, func(tx parley.Tx) error {
			for _, m := range []*parley.BlockedMessage{&m1, &m2, &m3} {
				if err := tx.AddBlockedMessage(ctx, m); err != nil {
					return err
				}
			}
			return nil
		})
		dup := m1
		wantCode(t, "a repeated blocked message", writeErr(s, func(tx parley.Tx) error { return tx.AddBlockedMessage(ctx, &dup) }), parley.CodeConflict)
		expect(t, "BlockedMessageByDedupeKey", m1)(s.BlockedMessageByDedupeKey(ctx, "contact:2:c1"))
		expect(t, "BlockedMessages", []parley.BlockedMessage{m2, m1})(s.BlockedMessages(ctx, f.contact.ID, 0, 0))
		expect(t, "BlockedMessages, first page", []parley.BlockedMessage{m2})(s.BlockedMessages(ctx, f.contact.ID, 0, 1))
		expect(t, "BlockedMessages, next page", []parley.BlockedMessage{m1})(s.BlockedMessages(ctx, f.contact.ID, m2.ID, 1))
	})
}
