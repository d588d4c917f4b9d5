package sqlstore_test

import (
	"context"
	"testing"

	"parley"
	"parley/sqlstore/storetest"
)

// Writes hinted with parley.ReadAhead share one batch with writes that create,
// change and complete the chats they read: each must see the chat as the writes
// before it in the batch left it, exactly as without the hint.
func TestReadAheadSeesTheBatchsOwnChanges(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, db storetest.Database) {
		ctx := context.Background()
		s := storetest.Open(t, db, nil)
		f := newFixture(t, s)
		created, changed, completed, untouched := f.identity, f.newIdentity(t, "v2"), f.newIdentity(t, "v3"), f.newIdentity(t, "v4")
		chatChanged, chatCompleted, chatUntouched := f.chat(changed, f.queue.ID), f.chat(completed, f.queue.ID), f.chat(untouched, f.queue.ID)
		for _, c := range []*parley.Chat{&chatChanged, &chatCompleted, &chatUntouched} {
			f.createChat(t, c)
		}

		hinted := func(identity int64) context.Context {
			return parley.WithReadAhead(ctx, parley.ReadAhead{OpenChatOf: identity})
		}
		type seen struct {
			chat parley.Chat
			err  error
		}
		reads := map[int64]*seen{}
		read := func(identity int64) func(parley.Tx) error {
			reads[identity] = &seen{}
			return func(tx parley.Tx) error {
				c, err := tx.OpenChat(ctx, identity)
				*reads[identity] = seen{c, err}
				return nil
			}
		}
		release, blocked := blockWriter(t, s)
		var results []<-chan error
		// Before the reads, in the same batch: a chat created, one changed, one completed.
		newChat := f.chat(created, f.queue.ID)
		results = append(results, enqueue(t, s, func(tx parley.Tx) error { return tx.CreateChat(ctx, &newChat) }))
		results = append(results, enqueue(t, s, func(tx parley.Tx) error {
			c := chatChanged
			c.Topic = "changed in the batch"
			return tx.SaveChat(ctx, &c)
		}))
		results = append(results, enqueue(t, s, func(tx parley.Tx) error {
			c := chatCompleted
			c.State = parley.ChatCompleted
			return tx.SaveChat(ctx, &c)
		}))
		for _, id := range []int64{created.ID, changed.ID, completed.ID, untouched.ID} {
			results = append(results, enqueueCtx(t, s, hinted(id), read(id)))
		}
		release()
		if err := <-blocked; err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			if err := <-r; err != nil {
				t.Fatal(err)
			}
		}

		equal(t, "chat created in the batch", reads[created.ID].chat.ID, newChat.ID)
		equal(t, "its version", reads[created.ID].chat.Version, int64(1))
		equal(t, "chat changed in the batch: topic", reads[changed.ID].chat.Topic, "changed in the batch")
		equal(t, "its version", reads[changed.ID].chat.Version, chatChanged.Version+1)
		wantCode(t, "chat completed in the batch", reads[completed.ID].err, parley.CodeNotFound)
		equal(t, "untouched chat", reads[untouched.ID].chat, chatUntouched)
		// What the batch read is what the database holds.
		for _, id := range []int64{created.ID, changed.ID, untouched.ID} {
			expect(t, "open chat in the database", reads[id].chat)(s.OpenChat(ctx, id))
		}
	})
}
