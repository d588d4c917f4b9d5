package sqlstore_test

import (
	"context"
	"testing"

	"parley"
	"parley/sqlstore"
	"parley/sqlstore/storetest"
)

func TestChatRoundTrip(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, db storetest.Database) {
		ctx := context.Background()
		s := storetest.Open(t, db, nil)
		f := newFixture(t, s)
		bare := f.chat(f.identity, f.queue.ID) // every optional reference 0, every optional time nil
		f.createChat(t, &bare)
		if bare.ID == 0 || bare.Version != 1 {
			t.Fatalf("created chat has id %d, version %d", bare.ID, bare.Version)
		}
		expect(t, "Chat without references", bare)(s.Chat(ctx, bare.ID))
		var nulls int
		if err := rawDB(t, db).QueryRowContext(ctx, `SELECT COUNT(*) FROM chats WHERE owner_id IS NULL
			AND offered_to IS NULL AND case_id IS NULL AND parent_id IS NULL AND accepted_at IS NULL
			AND completed_at IS NULL`).Scan(&nulls); err != nil {
			t.Fatal(err)
		}
		equal(t, "chats storing 0 and nil as NULL", nulls, 1)

		full := f.chat(f.newIdentity(t, "visitor-2"), f.queue2.ID)
		full.State, full.OwnerID, full.OfferedTo, full.OfferSeq = parley.ChatCompleted, f.agent.ID, f.agent2.ID, 3
		full.Topic, full.CaseID, full.ParentID, full.LastSeq = "Refund", 77, bare.ID, 12
		full.AcceptedAt, full.CompletedAt = ptr(at(4)), ptr(at(5))
		full.StateChangedAt, full.StateChangedBy, full.UpdatedAt = at(5), parley.Actor{Kind: parley.ActorAgent, ID: f.agent.ID}, at(6)
		f.createChat(t, &full)
		expect(t, "Chat with every field", full)(s.Chat(ctx, full.ID))

		// SaveChat stores every mutable field, both ways between set and unset.
		other := parley.Contact{Name: "Other", CreatedAt: at(1), UpdatedAt: at(1)}
		write(t, s, func(tx parley.Tx) error { return tx.CreateContact(ctx, &other) })
		bare.ContactID, bare.QueueID, bare.State, bare.OwnerID, bare.OfferedTo = other.ID, f.queue2.ID, parley.ChatInProgress, f.agent2.ID, f.agent.ID
		bare.OfferSeq, bare.Name, bare.Topic, bare.CaseID, bare.ParentID, bare.LastSeq = 2, "N", "T", 5, full.ID, 9
		bare.AcceptedAt, bare.CompletedAt = ptr(at(20)), ptr(at(21))
		bare.StateChangedAt, bare.StateChangedBy, bare.UpdatedAt = at(22), parley.Actor{Kind: parley.ActorContact, ID: 4}, at(23)
		full.OwnerID, full.OfferedTo, full.CaseID, full.ParentID, full.AcceptedAt, full.CompletedAt = 0, 0, 0, 0, nil, nil
		write(t, s, func(tx parley.Tx) error {
			if err := tx.SaveChat(ctx, &bare); err != nil {
				return err
			}
			return tx.SaveChat(ctx, &full)
		})
		equal(t, "versions after SaveChat", []int64{bare.Version, full.Version}, []int64{2, 2})
		expect(t, "saved Chat", bare)(s.Chat(ctx, bare.ID))
		expect(t, "saved Chat with references removed", full)(s.Chat(ctx, full.ID))
	})
}

func TestSaveChatVersion(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		c := f.chat(f.identity, f.queue.ID)
		f.createChat(t, &c)
		first, second := c, c
		first.Topic = "first"
		write(t, s, func(tx parley.Tx) error { return tx.SaveChat(ctx, &first) })
		second.Topic = "second"
		err := writeErr(s, func(tx parley.Tx) error { return tx.SaveChat(ctx, &second) })
		wantCode(t, "SaveChat on a stale version", err, parley.CodeConflict)
		equal(t, "version of the failed save", second.Version, c.Version)
		expect(t, "Chat after the stale save", first)(s.Chat(ctx, c.ID))

		missing := c
		missing.ID = 999
		wantCode(t, "SaveChat missing", writeErr(s, func(tx parley.Tx) error { return tx.SaveChat(ctx, &missing) }),
			parley.CodeConflict)
		_, err = s.Chat(ctx, 999)
		wantCode(t, "Chat missing", err, parley.CodeNotFound)
	})
}

func TestOpenChat(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		_, err := s.OpenChat(ctx, f.identity.ID)
		wantCode(t, "OpenChat before any chat", err, parley.CodeNotFound)

		c := f.chat(f.identity, f.queue.ID)
		f.createChat(t, &c)
		expect(t, "OpenChat", c)(s.OpenChat(ctx, f.identity.ID))

		second := f.chat(f.identity, f.queue.ID)
		wantCode(t, "second open chat", writeErr(s, func(tx parley.Tx) error { return tx.CreateChat(ctx, &second) }),
			parley.CodeConflict)

		if err := c.Complete(parley.SystemActor, at(30)); err != nil {
			t.Fatal(err)
		}
		write(t, s, func(tx parley.Tx) error { return tx.SaveChat(ctx, &c) })
		_, err = s.OpenChat(ctx, f.identity.ID)
		wantCode(t, "OpenChat after completion", err, parley.CodeNotFound)
		f.createChat(t, &second)
		expect(t, "OpenChat of the next chat", second)(s.OpenChat(ctx, f.identity.ID))

		// Reopening the completed chat would make two open chats.
		c.State = parley.ChatInProgress
		wantCode(t, "SaveChat reopening", writeErr(s, func(tx parley.Tx) error { return tx.SaveChat(ctx, &c) }),
			parley.CodeConflict)
	})
}

func TestChatsFilterAndScope(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		// waiting in queue, offered to agent2 in queue2, owned by agent in queue2, completed in queue
		var chats [4]parley.Chat
		for n := range chats {
			chats[n] = f.chat(f.newIdentity(t, "v"+string(rune('a'+n))), f.queue2.ID)
		}
		chats[0].QueueID = f.queue.ID
		chats[1].OfferedTo = f.agent2.ID
		chats[2].State, chats[2].OwnerID = parley.ChatInProgress, f.agent.ID
		chats[3].State, chats[3].QueueID = parley.ChatCompleted, f.queue.ID
		for n := range chats {
			f.createChat(t, &chats[n])
		}
		c0, c1, c2, c3 := chats[0], chats[1], chats[2], chats[3]
		agent := &parley.Viewer{AgentID: f.agent.ID, Role: parley.RoleAgent, Queues: []int64{f.queue.ID}}
		tests := []struct {
			name   string
			filter parley.ChatFilter
			want   []parley.Chat
		}{
			{"all, newest first", parley.ChatFilter{}, []parley.Chat{c3, c2, c1, c0}},
			{"states", parley.ChatFilter{States: []parley.ChatState{parley.ChatWaiting, parley.ChatCompleted}}, []parley.Chat{c3, c1, c0}},
			{"queues", parley.ChatFilter{QueueIDs: []int64{f.queue.ID}}, []parley.Chat{c3, c0}},
			{"owner", parley.ChatFilter{OwnerID: f.agent.ID}, []parley.Chat{c2}},
			{"offered to", parley.ChatFilter{OfferedTo: f.agent2.ID}, []parley.Chat{c1}},
			{"identity", parley.ChatFilter{IdentityID: c1.IdentityID}, []parley.Chat{c1}},
			{"cursor", parley.ChatFilter{BeforeID: c2.ID}, []parley.Chat{c1, c0}},
			{"limit", parley.ChatFilter{Limit: 2}, []parley.Chat{c3, c2}},
			{"combined", parley.ChatFilter{States: []parley.ChatState{parley.ChatWaiting}, QueueIDs: []int64{f.queue2.ID}}, []parley.Chat{c1}},
			{"scope supervisor", parley.ChatFilter{Scope: &parley.Viewer{AgentID: 99, Role: parley.RoleSupervisor}}, []parley.Chat{c3, c2, c1, c0}},
			{"scope agent: queue and owned", parley.ChatFilter{Scope: agent}, []parley.Chat{c3, c2, c0}},
			{"scope agent without queues: offered", parley.ChatFilter{Scope: &parley.Viewer{AgentID: f.agent2.ID, Role: parley.RoleAgent}}, []parley.Chat{c1}},
			{"scope visitor", parley.ChatFilter{Scope: &parley.Viewer{IdentityID: c2.IdentityID}}, []parley.Chat{c2}},
			{"scope and filter", parley.ChatFilter{Scope: agent, States: []parley.ChatState{parley.ChatWaiting}}, []parley.Chat{c0}},
			{"nothing", parley.ChatFilter{OwnerID: f.agent2.ID}, []parley.Chat{}},
		}
		for _, tt := range tests {
			expect(t, tt.name, tt.want)(s.Chats(ctx, tt.filter))
			if tt.filter.Scope != nil {
				for _, c := range tt.want {
					if !tt.filter.Scope.CanSeeChat(c) {
						t.Errorf("%s: chat %d is listed, but the viewer may not see it", tt.name, c.ID)
					}
				}
			}
		}
	})
}

func TestChatsPagination(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		var want []int64
		for n := range 7 {
			c := f.chat(f.newIdentity(t, "p"+string(rune('a'+n))), f.queue.ID)
			f.createChat(t, &c)
			want = append([]int64{c.ID}, want...)
		}
		var got []int64
		var pages int
		for before := int64(0); ; pages++ {
			page, err := s.Chats(ctx, parley.ChatFilter{BeforeID: before, Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			for _, c := range page {
				got = append(got, c.ID)
			}
			before = page[len(page)-1].ID
		}
		equal(t, "ids of every page", got, want)
		equal(t, "pages", pages, 3)
	})
}

func TestChatCounts(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		expect(t, "ChatCounts of nothing", map[parley.ChatState]int{})(s.ChatCounts(ctx))
		for n, state := range []parley.ChatState{parley.ChatWaiting, parley.ChatCompleted, parley.ChatCompleted, parley.ChatInProgress} {
			c := f.chat(f.newIdentity(t, "c"+string(rune('a'+n))), f.queue.ID)
			c.State = state
			f.createChat(t, &c)
		}
		expect(t, "ChatCounts", map[parley.ChatState]int{parley.ChatWaiting: 1, parley.ChatCompleted: 2, parley.ChatInProgress: 1})(s.ChatCounts(ctx))
	})
}
