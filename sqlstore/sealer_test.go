package sqlstore_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"parley"
	"parley/sqlstore"
	"parley/sqlstore/storetest"
)

// TestSealedSecrets: with a secrets key, channel secrets are stored sealed: a
// store without the key, or with another, cannot read them, and one with it
// reads them back. Secrets stored before a key was set stay readable and are
// sealed at their next write.
func TestSealedSecrets(t *testing.T) {
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			ctx := context.Background()
			plain := storetest.Open(t, db, nil)
			f := newFixture(t, plain)
			bot := parley.Channel{Type: parley.ChannelTelegram, Name: "Bot", PublicKey: "hk_sealed", QueueID: f.queue.ID,
				Active: true, Secrets: map[string]string{"bot_token": "1:very-secret"}}
			write(t, plain, func(tx parley.Tx) error { return tx.CreateChannel(ctx, &bot) })

			key := bytes.Repeat([]byte{7}, 32)
			sealed := open(t, db, key)
			got, err := sealed.Channel(ctx, bot.ID)
			if err != nil || got.Secret("bot_token") != "1:very-secret" {
				t.Fatalf("a secret stored in clear, read with a key: %v %v", got.Secrets, err)
			}
			got.Secrets["bot_token"] = "2:rotated"
			write(t, sealed, func(tx parley.Tx) error { return tx.UpdateChannel(ctx, got) })

			if _, err := plain.Channel(ctx, bot.ID); err == nil || !strings.Contains(err.Error(), "sealed") {
				t.Fatalf("a sealed secret read without the key: %v", err)
			}
			if _, err := open(t, db, bytes.Repeat([]byte{8}, 32)).Channel(ctx, bot.ID); err == nil {
				t.Fatal("a sealed secret opened with another key")
			}
			if again, err := sealed.Channel(ctx, bot.ID); err != nil || again.Secret("bot_token") != "2:rotated" {
				t.Fatalf("a sealed secret read back: %v %v", again.Secrets, err)
			}
		})
	}
}

func open(t *testing.T, db storetest.Database, key []byte) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.Open(context.Background(), sqlstore.Options{URL: db.URL, SecretsKey: key})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestSecretsKeyLength(t *testing.T) {
	if _, err := sqlstore.Open(context.Background(), sqlstore.Options{URL: t.TempDir() + "/x.db", SecretsKey: []byte("short")}); err == nil {
		t.Fatal("a 5-byte secrets key was taken")
	}
}
