package sqlstore_test

import (
	"context"
	"testing"

	"parley"
	"parley/sqlstore"
)

func TestQuickReplies(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		mk := func(name string, scope parley.QuickReplyScope, id int64) parley.QuickReply {
			return parley.QuickReply{Name: name, Text: "Text of " + name, Scope: scope, ScopeID: id, CreatedBy: f.agent.ID, CreatedAt: at(1), UpdatedAt: at(1)}
		}
		all, room, queue, queue2, own, other := mk("all", parley.ScopeAll, 0), mk("room", parley.ScopeRoom, f.room.ID),
			mk("queue", parley.ScopeQueue, f.queue.ID), mk("queue2", parley.ScopeQueue, f.queue2.ID),
			mk("own", parley.ScopeAgent, f.agent.ID), mk("other", parley.ScopeAgent, f.agent2.ID)
		write(t, s, func(tx parley.Tx) error {
			for _, r := range []*parley.QuickReply{&all, &room, &queue, &queue2, &own, &other} {
				if err := tx.CreateQuickReply(ctx, r); err != nil {
					return err
				}
			}
			return nil
		})
		expect(t, "QuickReply", queue)(s.QuickReply(ctx, queue.ID))
		_, err := s.QuickReply(ctx, 99999)
		wantCode(t, "QuickReply of none", err, parley.CodeNotFound)

		expect(t, "QuickReplies, every one by name", []parley.QuickReply{all, other, own, queue, queue2, room})(
			s.QuickReplies(ctx, parley.QuickReplyFilter{All: true}))
		expect(t, "QuickReplies for an agent of queue and room", []parley.QuickReply{all, own, queue, room})(
			s.QuickReplies(ctx, parley.QuickReplyFilter{RoomIDs: []int64{f.room.ID}, QueueIDs: []int64{f.queue.ID}, AgentID: f.agent.ID}))
		expect(t, "QuickReplies for an agent of no queue", []parley.QuickReply{all, other})(
			s.QuickReplies(ctx, parley.QuickReplyFilter{AgentID: f.agent2.ID}))

		queue.Name, queue.Text, queue.Scope, queue.ScopeID, queue.UpdatedAt = "renamed", "new text", parley.ScopeAgent, f.agent2.ID, at(5)
		write(t, s, func(tx parley.Tx) error { return tx.UpdateQuickReply(ctx, queue) })
		expect(t, "QuickReply updated", queue)(s.QuickReply(ctx, queue.ID))
		write(t, s, func(tx parley.Tx) error { return tx.DeleteQuickReply(ctx, other.ID) })
		expect(t, "QuickReplies after the change", []parley.QuickReply{all, queue})(
			s.QuickReplies(ctx, parley.QuickReplyFilter{AgentID: f.agent2.ID}))
		wantCode(t, "DeleteQuickReply of none", writeErr(s, func(tx parley.Tx) error { return tx.DeleteQuickReply(ctx, other.ID) }), parley.CodeNotFound)
		missing := all
		missing.ID = 99999
		wantCode(t, "UpdateQuickReply of none", writeErr(s, func(tx parley.Tx) error { return tx.UpdateQuickReply(ctx, missing) }), parley.CodeNotFound)
	})
}

func TestDrafts(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		c1 := f.chat(f.identity, f.queue.ID)
		f.createChat(t, &c1)
		c2 := f.chat(f.newIdentity(t, "second"), f.queue.ID)
		f.createChat(t, &c2)

		_, err := s.Draft(ctx, f.agent.ID, c1.ID)
		wantCode(t, "Draft of none", err, parley.CodeNotFound)
		d := parley.Draft{AgentID: f.agent.ID, ChatID: c1.ID, Text: "Привет, half typed", UpdatedAt: at(1)}
		other := parley.Draft{AgentID: f.agent2.ID, ChatID: c1.ID, Text: "someone else's", UpdatedAt: at(1)}
		elsewhere := parley.Draft{AgentID: f.agent.ID, ChatID: c2.ID, Text: "another chat", UpdatedAt: at(1)}
		write(t, s, func(tx parley.Tx) error {
			for _, x := range []parley.Draft{d, other, elsewhere} {
				if err := tx.SaveDraft(ctx, x); err != nil {
					return err
				}
			}
			return nil
		})
		expect(t, "Draft", d)(s.Draft(ctx, f.agent.ID, c1.ID))
		d.Text, d.UpdatedAt = "rewritten", at(2)
		write(t, s, func(tx parley.Tx) error { return tx.SaveDraft(ctx, d) })
		expect(t, "Draft replaced", d)(s.Draft(ctx, f.agent.ID, c1.ID))
		write(t, s, func(tx parley.Tx) error { return tx.DeleteDraft(ctx, f.agent.ID, c1.ID) })
		_, err = s.Draft(ctx, f.agent.ID, c1.ID)
		wantCode(t, "Draft deleted", err, parley.CodeNotFound)
		write(t, s, func(tx parley.Tx) error { return tx.DeleteDraft(ctx, f.agent.ID, c1.ID) }) // none left: no error
		expect(t, "another agent's draft kept", other)(s.Draft(ctx, f.agent2.ID, c1.ID))
		expect(t, "the agent's draft in another chat kept", elsewhere)(s.Draft(ctx, f.agent.ID, c2.ID))
	})
}
