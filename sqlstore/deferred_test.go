package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"parley"
	"parley/sqlstore"
	"parley/sqlstore/storetest"
)

// On PostgreSQL a batch defers AddMessage, SaveChat, AddDecline and UpdateAgent
// (they return nil and go with the next statement that needs a round trip); the
// tests here hold for both databases and check the deferring itself where it
// shows, on PostgreSQL.

// appendOnce is core's path of an inbound message in small: it reads the chat,
// adds m with the next seq, saves the chat and emits an event; when m's dedupe
// key is taken, m becomes the first delivery. added records, run by run, what
// AddMessage returned.
func appendOnce(ctx context.Context, tx parley.Tx, chatID int64, m *parley.Message, added *[]error) error {
	c, err := tx.Chat(ctx, chatID)
	if err != nil {
		return err
	}
	c.LastSeq++
	m.ChatID, m.Seq = c.ID, c.LastSeq
	err = tx.AddMessage(ctx, m)
	if added != nil {
		*added = append(*added, err)
	}
	if parley.IsCode(err, parley.CodeConflict) {
		first, err := tx.MessageByDedupeKey(ctx, m.DedupeKey)
		*m = first
		return err
	}
	if err != nil {
		return err
	}
	if m.ID == 0 {
		return errors.New("AddMessage returned without setting the message's id")
	}
	if err := tx.SaveChat(ctx, &c); err != nil {
		return err
	}
	tx.Emit(parley.ChatEvent(parley.EventMessageCreated, parley.AudienceQueue, c, 0, *m))
	return nil
}

func textMessage(key string) parley.Message {
	return parley.Message{Author: parley.SystemActor, Kind: parley.MessageText, Text: key, CreatedAt: at(5), DedupeKey: key}
}

func TestDeferredWriteFailure(t *testing.T) {
	tests := []struct {
		name       string
		stale      bool // the failing write saves a stale chat; else it repeats a delivery
		readsAfter bool // a write reading the database follows the failing one
	}{
		{"stale chat, found by a later read", true, true},
		{"stale chat, found at commit", true, false},
		{"repeated delivery, found by a later read", false, true},
		{"repeated delivery, found at commit", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forEachDatabase(t, func(t *testing.T, db storetest.Database) {
				testDeferredWriteFailure(t, db, tt.stale, tt.readsAfter)
			})
		})
	}
}

func testDeferredWriteFailure(t *testing.T, db storetest.Database, stale, readsAfter bool) {
	ctx := context.Background()
	var seen commits
	s := storetest.Open(t, db, seen.onCommit)
	f := newFixture(t, s)
	chatA, chatB := f.chat(f.identity, f.queue.ID), f.chat(f.newIdentity(t, "visitor-2"), f.queue.ID)
	f.createChat(t, &chatA)
	f.createChat(t, &chatB)
	taken := textMessage("taken")
	write(t, s, func(tx parley.Tx) error {
		m := taken
		err := appendOnce(ctx, tx, chatB.ID, &m, nil)
		taken = m
		return err
	})
	staleB, err := s.Chat(ctx, chatB.ID)
	if err != nil {
		t.Fatal(err)
	}
	write(t, s, func(tx parley.Tx) error { c := staleB; c.Topic = "changed"; return tx.SaveChat(ctx, &c) })

	release, blocked := blockWriter(t, s)
	before := s.WriteStats()
	var good1 parley.Message
	var good1Runs int
	results := map[string]<-chan error{}
	results["good1"] = enqueue(t, s, func(tx parley.Tx) error {
		good1Runs++
		good1 = textMessage("good1")
		return appendOnce(ctx, tx, chatA.ID, &good1, nil)
	})
	var failingSaw []error // what the failing write's AddMessage or SaveChat returned, run by run
	var repeated parley.Message
	results["failing"] = enqueue(t, s, func(tx parley.Tx) error {
		if stale {
			err := tx.SaveChat(ctx, &staleB) // staleB itself: a failed run must leave it as it was
			failingSaw = append(failingSaw, err)
			return err
		}
		repeated = textMessage("taken")
		return appendOnce(ctx, tx, chatB.ID, &repeated, &failingSaw)
	})
	var readerErrs []error
	var readerSaw []int64 // chat A's version, run by run
	if readsAfter {
		results["reader"] = enqueue(t, s, func(tx parley.Tx) error {
			c, err := tx.Chat(ctx, chatA.ID)
			if err != nil {
				// Dropped on purpose: the batch must fail even when a write
				// ignores what it was told.
				readerErrs = append(readerErrs, err)
				return nil
			}
			readerSaw = append(readerSaw, c.Version)
			return nil
		})
	}
	agent := f.agent
	agent.Name = "Ann Renamed"
	results["good2"] = enqueue(t, s, func(tx parley.Tx) error {
		if err := tx.AddDecline(ctx, chatA.ID, f.agent.ID); err != nil {
			return err
		}
		tx.Emit(parley.Event{Kind: parley.EventChatOfferEnded, ChatID: chatA.ID, Audience: parley.AudienceStaff})
		return tx.UpdateAgent(ctx, agent)
	})
	release()
	if err := <-blocked; err != nil {
		t.Fatal(err)
	}
	for name, r := range results {
		err := <-r
		if name == "failing" && stale {
			wantCode(t, "stale SaveChat", err, parley.CodeConflict)
		} else if err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}

	if db.Name == "postgres" {
		// The failing write was told nothing at first; alone, it met its error.
		equal(t, "what the failing write saw, run by run", codes(failingSaw),
			[]parley.ErrorCode{"", parley.CodeConflict})
		equal(t, "batches run again", s.WriteStats().Retries-before.Retries, int64(1))
		equal(t, "runs of the first good write", good1Runs, 2)
		if readsAfter && len(readerErrs) != 1 {
			t.Errorf("the reader's first run read %v, want an error", readerErrs)
		}
		// The others committed together again: the blocking write, then them,
		// then the failing one alone (which commits nothing when it fails).
		alone := int64(1)
		if stale {
			alone = 0
		}
		equal(t, "transactions", s.WriteStats().Transactions-before.Transactions, 2+alone)
		equal(t, "events handed to OnCommit, call by call", seen.sizes(), []int{1, 2})
	}
	equal(t, "version of the stale chat value", staleB.Version, int64(2))
	if readsAfter {
		equal(t, "chat A's version as the reader finally saw it", readerSaw[len(readerSaw)-1], int64(2))
	}
	if !stale {
		equal(t, "the repeated delivery's answer", repeated, taken)
	}
	expect(t, "messages of chat A", []parley.Message{good1})(s.Messages(ctx, parley.MessageFilter{ChatID: chatA.ID}))
	expect(t, "messages of chat B", []parley.Message{taken})(s.Messages(ctx, parley.MessageFilter{ChatID: chatB.ID}))
	expect(t, "declines of chat A", []int64{f.agent.ID})(s.Declines(ctx, chatA.ID))
	expect(t, "agent", "Ann Renamed")(agentName(s.Agent(ctx, f.agent.ID)))
	want := int64(staleB.Version + 1) // saved once by the setup
	expect(t, "version of chat B", want)(version(s.Chat(ctx, chatB.ID)))
	equal(t, "event ids committed", seen.ids(), seq(1, 3)) // the setup's, good1's and good2's
}

// codes lists the error codes of errs ("" for nil).
func codes(errs []error) []parley.ErrorCode {
	var out []parley.ErrorCode
	for _, err := range errs {
		var e *parley.Error
		switch {
		case err == nil:
			out = append(out, "")
		case errors.As(err, &e):
			out = append(out, e.Code)
		default:
			out = append(out, "other: "+parley.ErrorCode(err.Error()))
		}
	}
	return out
}

func agentName(a parley.Agent, err error) (string, error) { return a.Name, err }
func version(c parley.Chat, err error) (int64, error)     { return c.Version, err }

func TestDeferredWritesAreReadInTheirTransaction(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, db storetest.Database) {
		ctx := context.Background()
		s := storetest.Open(t, db, nil)
		f := newFixture(t, s)
		c := f.chat(f.identity, f.queue.ID)
		f.createChat(t, &c)
		// A first message takes PostgreSQL's block of ids, so that the
		// AddMessage below needs no round trip of its own.
		write(t, s, func(tx parley.Tx) error { m := textMessage("first"); return appendOnce(ctx, tx, c.ID, &m, nil) })
		write(t, s, func(tx parley.Tx) error {
			chat, err := tx.Chat(ctx, c.ID)
			if err != nil {
				return err
			}
			start := s.WriteStats().RoundTrips
			chat.LastSeq++
			chat.Topic = "billing"
			m := textMessage("second")
			m.ChatID, m.Seq = chat.ID, chat.LastSeq
			agent := f.agent
			agent.Name = "Ann Renamed"
			if err := errors.Join(tx.AddMessage(ctx, &m), tx.SaveChat(ctx, &chat),
				tx.AddDecline(ctx, chat.ID, agent.ID), tx.UpdateAgent(ctx, agent)); err != nil {
				return err
			}
			writing := s.WriteStats().RoundTrips - start
			expect(t, "chat", chat)(tx.Chat(ctx, chat.ID))
			expect(t, "message by its key", m)(tx.MessageByDedupeKey(ctx, "second"))
			expect(t, "seqs of the messages", []int64{1, 2})(seqs(tx.Messages(ctx, parley.MessageFilter{ChatID: chat.ID})))
			expect(t, "declines", []int64{agent.ID})(tx.Declines(ctx, chat.ID))
			expect(t, "agent", agent)(tx.Agent(ctx, agent.ID))
			if db.Name == "postgres" {
				equal(t, "round trips of the four writes", writing, int64(0))
				equal(t, "round trips of the five reads", s.WriteStats().RoundTrips-start, int64(5))
			}
			return nil
		})
	})
}

func seqs(ms []parley.Message, err error) ([]int64, error) {
	var out []int64
	for _, m := range ms {
		out = append(out, m.Seq)
	}
	return out, err
}

func TestConcurrentWritesOfTwoStores(t *testing.T) {
	// Two stores on one database stand for two processes, each batching and
	// deferring its writes: message ids are set at once and never shared, some
	// repeated deliveries make batches fail and run again, and event ids stay
	// gapless. Over 1024 messages per store, each takes more than one block of ids.
	forEachDatabase(t, func(t *testing.T, db storetest.Database) {
		ctx := context.Background()
		var seenA, seenB commits
		a := storetest.Open(t, db, seenA.onCommit)
		b, err := sqlstore.Open(ctx, sqlstore.Options{URL: db.URL, OnCommit: seenB.onCommit})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { b.Close() })
		f := newFixture(t, a)
		const writers, each, repeatEvery = 8, 300, 40
		chats := make([]parley.Chat, writers)
		for g := range chats {
			chats[g] = f.chat(f.newIdentity(t, fmt.Sprint("w", g)), f.queue.ID)
			f.createChat(t, &chats[g])
		}
		stored := make([][]parley.Message, writers) // what each writer was told it stored
		var wg sync.WaitGroup
		for g := range writers {
			s := []*sqlstore.Store{a, b}[g%2]
			wg.Go(func() {
				for n := range each {
					var m parley.Message
					key := fmt.Sprint(g, "-", n)
					if n%repeatEvery == repeatEvery-1 {
						key = fmt.Sprint(g, "-", n-1) // the previous message once more
					}
					err := s.Write(ctx, func(tx parley.Tx) error {
						m = textMessage(key)
						return appendOnce(ctx, tx, chats[g].ID, &m, nil)
					})
					if err != nil {
						t.Error(err)
						return
					}
					if n%repeatEvery == repeatEvery-1 {
						equal(t, fmt.Sprint("writer ", g, ": answer to a repeated delivery"), m, stored[g][len(stored[g])-1])
						continue
					}
					stored[g] = append(stored[g], m)
				}
			})
		}
		wg.Wait()
		if t.Failed() {
			return
		}
		ids := map[int64]bool{}
		for g := range writers {
			for _, m := range stored[g] {
				if ids[m.ID] {
					t.Fatalf("message id %d given twice", m.ID)
				}
				ids[m.ID] = true
			}
			expect(t, fmt.Sprint("messages of writer ", g), stored[g])(a.Messages(ctx,
				parley.MessageFilter{ChatID: chats[g].ID, Limit: each}))
		}
		idsA, idsB := seenA.ids(), seenB.ids()
		if !slices.IsSorted(idsA) || !slices.IsSorted(idsB) {
			t.Error("a store saw its event ids out of order")
		}
		all := append(idsA, idsB...)
		slices.Sort(all)
		equal(t, "event ids of both stores", all, seq(1, int64(len(ids))))
		if db.Name == "postgres" && a.WriteStats().Retries+b.WriteStats().Retries == 0 {
			t.Error("no batch was run again, though repeated deliveries fail deferred inserts")
		}
		t.Logf("%+v; %+v", a.WriteStats(), b.WriteStats())
	})
}
