package sqlstore_test

import (
	"context"
	"fmt"
	"testing"

	"parley"
	"parley/sqlstore"
)

func TestMessages(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		c := f.chat(f.identity, f.queue.ID)
		f.createChat(t, &c)
		full := parley.Message{ChatID: c.ID, Seq: 1, Author: parley.Actor{Kind: parley.ActorContact, ID: f.contact.ID},
			Kind: parley.MessageText, Text: "Hello, мир", ClientID: "cid-1", CreatedAt: at(1), DedupeKey: "webchat:cid-1"}
		bare := parley.Message{ChatID: c.ID, Seq: 2, Author: parley.SystemActor, Kind: parley.MessageWelcome,
			Text: "Welcome", Internal: true, CreatedAt: at(2)}
		noKey := parley.Message{ChatID: c.ID, Seq: 3, Author: parley.SystemActor, Kind: parley.MessageText, Text: "x", CreatedAt: at(3)}
		write(t, s, func(tx parley.Tx) error {
			for _, m := range []*parley.Message{&full, &bare, &noKey} { // two without a key: NULLs never collide
				if err := tx.AddMessage(ctx, m); err != nil {
					return err
				}
			}
			return nil
		})
		if full.ID == 0 || bare.ID == 0 || full.ID == bare.ID {
			t.Fatalf("ids %d, %d", full.ID, bare.ID)
		}
		expect(t, "MessageByDedupeKey", full)(s.MessageByDedupeKey(ctx, "webchat:cid-1"))
		expect(t, "Messages with internal", []parley.Message{full, bare, noKey})(s.Messages(ctx, parley.MessageFilter{ChatID: c.ID, IncludeInternal: true}))
		expect(t, "Messages without internal", []parley.Message{full, noKey})(s.Messages(ctx, parley.MessageFilter{ChatID: c.ID}))

		dup := full
		dup.Seq = 4
		wantCode(t, "duplicate dedupe key", writeErr(s, func(tx parley.Tx) error { return tx.AddMessage(ctx, &dup) }), parley.CodeConflict)
		dupSeq := noKey
		wantCode(t, "duplicate seq", writeErr(s, func(tx parley.Tx) error { return tx.AddMessage(ctx, &dupSeq) }), parley.CodeConflict)
		_, err := s.MessageByDedupeKey(ctx, "webchat:nope")
		wantCode(t, "MessageByDedupeKey missing", err, parley.CodeNotFound)
		_, err = s.MessageByDedupeKey(ctx, "")
		wantCode(t, "MessageByDedupeKey of the empty key", err, parley.CodeNotFound)
	})
}

func TestMessagesPagination(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		c := f.chat(f.identity, f.queue.ID)
		f.createChat(t, &c)
		write(t, s, func(tx parley.Tx) error {
			for seq := int64(1); seq <= 10; seq++ {
				m := parley.Message{ChatID: c.ID, Seq: seq, Author: parley.SystemActor, Kind: parley.MessageText,
					Text: fmt.Sprint(seq), Internal: seq == 5, CreatedAt: at(int(seq))}
				if err := tx.AddMessage(ctx, &m); err != nil {
					return err
				}
			}
			return nil
		})
		tests := []struct {
			name   string
			filter parley.MessageFilter
			want   []int64
		}{
			{"first page", parley.MessageFilter{Limit: 3}, []int64{1, 2, 3}},
			{"after", parley.MessageFilter{AfterSeq: 3, Limit: 3}, []int64{4, 6, 7}},
			{"after, with internal", parley.MessageFilter{AfterSeq: 3, Limit: 3, IncludeInternal: true}, []int64{4, 5, 6}},
			{"last page after", parley.MessageFilter{AfterSeq: 8, Limit: 3}, []int64{9, 10}},
			{"before: the page just before, ascending", parley.MessageFilter{BeforeSeq: 9, Limit: 3}, []int64{6, 7, 8}},
			{"before, skipping internal", parley.MessageFilter{BeforeSeq: 7, Limit: 3}, []int64{3, 4, 6}},
			{"before the start", parley.MessageFilter{BeforeSeq: 3, Limit: 3}, []int64{1, 2}},
			{"between", parley.MessageFilter{AfterSeq: 6, BeforeSeq: 10, Limit: 2}, []int64{8, 9}},
			{"default limit", parley.MessageFilter{}, []int64{1, 2, 3, 4, 6, 7, 8, 9, 10}},
			{"other chat", parley.MessageFilter{ChatID: c.ID + 1}, []int64{}},
		}
		for _, tt := range tests {
			if tt.filter.ChatID == 0 {
				tt.filter.ChatID = c.ID
			}
			ms, err := s.Messages(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			seqs := []int64{}
			for _, m := range ms {
				seqs = append(seqs, m.Seq)
			}
			equal(t, tt.name, seqs, tt.want)
		}
	})
}
