package sqlstore_test

import (
	"context"
	"testing"

	"parley"
	"parley/sqlstore"
)

func TestContacts(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		// Fields read back as an empty object, never null: clients get {} to fill in.
		c := parley.Contact{Name: "Dora", Email: "dora@example.com", Phone: "+100", Fields: map[string]string{},
			AccountID: 7, OwnerID: 3, PhoneKey: "+100", EmailKey: "dora@example.com", NameKey: "dora k", CreatedAt: at(1), UpdatedAt: at(2)}
		write(t, s, func(tx parley.Tx) error { return tx.CreateContact(ctx, &c) })
		expect(t, "Contact", c)(s.Contact(ctx, c.ID))
		c.Name, c.Email, c.Phone, c.UpdatedAt = "Dora K", "", "+200", at(3)
		c.Fields = map[string]string{"tier": "gold"}
		write(t, s, func(tx parley.Tx) error { return tx.UpdateContact(ctx, c) })
		expect(t, "updated Contact", c)(s.Contact(ctx, c.ID))
		_, err := s.Contact(ctx, 999)
		wantCode(t, "Contact missing", err, parley.CodeNotFound)
		wantCode(t, "UpdateContact missing", writeErr(s, func(tx parley.Tx) error {
			return tx.UpdateContact(ctx, parley.Contact{ID: 999})
		}), parley.CodeNotFound)
	})
}

func TestIdentities(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		i := newIdentity(f.contact.ID, f.channel.ID, "visitor-2")
		i.Visitor = parley.Visitor{PageURL: "https://example.com/p", Referrer: "https://search.example/",
			Language: "ru", UserAgent: "Firefox", UTM: map[string]string{"source": "ad", "campaign": "spring"},
			Fields: map[string]string{"order": "42"}}
		write(t, s, func(tx parley.Tx) error { return tx.CreateIdentity(ctx, &i) })
		expect(t, "Identity with visitor", i)(s.Identity(ctx, i.ID))
		expect(t, "Identity with empty visitor", f.identity)(s.Identity(ctx, f.identity.ID))
		expect(t, "IdentityByExternal", i)(s.IdentityByExternal(ctx, f.channel.ID, "visitor-2"))

		other := parley.Contact{Name: "Other", CreatedAt: at(4), UpdatedAt: at(4)}
		write(t, s, func(tx parley.Tx) error { return tx.CreateContact(ctx, &other) })
		i.ContactID, i.Name, i.Visitor, i.UpdatedAt = other.ID, "Renamed", parley.Visitor{Language: "en"}, at(9)
		write(t, s, func(tx parley.Tx) error { return tx.UpdateIdentity(ctx, i) })
		expect(t, "updated Identity", i)(s.Identity(ctx, i.ID))

		dup := newIdentity(f.contact.ID, f.channel.ID, "visitor-2")
		wantCode(t, "duplicate external id", writeErr(s, func(tx parley.Tx) error { return tx.CreateIdentity(ctx, &dup) }),
			parley.CodeConflict)
		_, err := s.IdentityByExternal(ctx, f.channel.ID, "nobody")
		wantCode(t, "IdentityByExternal missing", err, parley.CodeNotFound)
		_, err = s.Identity(ctx, 999)
		wantCode(t, "Identity missing", err, parley.CodeNotFound)
		wantCode(t, "UpdateIdentity missing", writeErr(s, func(tx parley.Tx) error {
			return tx.UpdateIdentity(ctx, parley.Identity{ID: 999, ContactID: other.ID})
		}), parley.CodeNotFound)
	})
}
