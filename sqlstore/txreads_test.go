package sqlstore_test

import (
	"context"
	"errors"
	"testing"

	"parley"
	"parley/sqlstore"
)

func TestReadsInWriteMatchReads(t *testing.T) {
	// On PostgreSQL a write reads through pgx itself and the reader pool through
	// database/sql: both must scan every column alike, NULLs and misses included.
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		parent := f.chat(f.newIdentity(t, "parent"), f.queue.ID)
		f.createChat(t, &parent)
		c := f.chat(f.identity, f.queue.ID)
		c.State, c.OwnerID, c.OfferedTo, c.CaseID, c.ParentID = parley.ChatInProgress, f.agent.ID, f.agent2.ID, 7, parent.ID
		c.AcceptedAt, c.CompletedAt, c.Topic = ptr(at(4)), ptr(at(5)), "billing"
		f.createChat(t, &c)
		write(t, s, func(tx parley.Tx) error {
			keyed := textMessage("k1")
			keyed.ChatID, keyed.Seq = c.ID, 1
			internal := parley.Message{ChatID: c.ID, Seq: 2, Author: parley.Actor{Kind: parley.ActorAgent, ID: f.agent.ID},
				Kind: parley.MessageText, Text: "internal", Internal: true, CreatedAt: at(6)}
			tx.Emit(parley.ChatEvent(parley.EventChatCreated, parley.AudienceStaff|parley.AudienceVisitor, c, f.agent.ID, c))
			return errors.Join(tx.AddMessage(ctx, &keyed), tx.AddMessage(ctx, &internal),
				tx.AddDecline(ctx, c.ID, f.agent2.ID),
				tx.AddTimer(ctx, &parley.Timer{Kind: parley.TimerOfferExpiry, ChatID: c.ID, AgentID: f.agent.ID, Ref: 1, DueAt: at(7)}),
				tx.CreateSession(ctx, parley.Session{TokenHash: "hash", AgentID: f.agent.ID, CSRFToken: "csrf", CreatedAt: at(1), ExpiresAt: at(9)}),
				tx.SetSetting(ctx, "greeting", "hello"))
		})
		viewer := parley.Viewer{AgentID: f.agent.ID, Role: parley.RoleAgent, Queues: []int64{f.queue.ID}}
		reads := []struct {
			name string
			read func(r parley.Reader) (any, error)
		}{
			{"Agent", func(r parley.Reader) (any, error) { return r.Agent(ctx, f.agent.ID) }},
			{"AgentByEmail", func(r parley.Reader) (any, error) { return r.AgentByEmail(ctx, f.agent2.Email) }},
			{"Agents", func(r parley.Reader) (any, error) { return r.Agents(ctx) }},
			{"CountAgents", func(r parley.Reader) (any, error) { return r.CountAgents(ctx) }},
			{"Session", func(r parley.Reader) (any, error) { return r.Session(ctx, "hash") }},
			{"Room", func(r parley.Reader) (any, error) { return r.Room(ctx, f.room.ID) }},
			{"Rooms", func(r parley.Reader) (any, error) { return r.Rooms(ctx) }},
			{"Queue", func(r parley.Reader) (any, error) { return r.Queue(ctx, f.queue.ID) }},
			{"Queues", func(r parley.Reader) (any, error) { return r.Queues(ctx) }},
			{"AgentQueues", func(r parley.Reader) (any, error) { return r.AgentQueues(ctx, f.agent.ID) }},
			{"Channel", func(r parley.Reader) (any, error) { return r.Channel(ctx, f.channel.ID) }},
			{"ChannelByKey", func(r parley.Reader) (any, error) { return r.ChannelByKey(ctx, f.channel.PublicKey) }},
			{"Channels", func(r parley.Reader) (any, error) { return r.Channels(ctx) }},
			{"Setting", func(r parley.Reader) (any, error) { return r.Setting(ctx, "greeting") }},
			{"Contact", func(r parley.Reader) (any, error) { return r.Contact(ctx, f.contact.ID) }},
			{"Identity", func(r parley.Reader) (any, error) { return r.Identity(ctx, f.identity.ID) }},
			{"IdentityByExternal", func(r parley.Reader) (any, error) {
				return r.IdentityByExternal(ctx, f.channel.ID, f.identity.ExternalID)
			}},
			{"Chat", func(r parley.Reader) (any, error) { return r.Chat(ctx, c.ID) }},
			{"OpenChat", func(r parley.Reader) (any, error) { return r.OpenChat(ctx, f.identity.ID) }},
			{"Chats", func(r parley.Reader) (any, error) { return r.Chats(ctx, parley.ChatFilter{Scope: &viewer}) }},
			{"Messages", func(r parley.Reader) (any, error) {
				return r.Messages(ctx, parley.MessageFilter{ChatID: c.ID, IncludeInternal: true})
			}},
			{"MessageByDedupeKey", func(r parley.Reader) (any, error) { return r.MessageByDedupeKey(ctx, "k1") }},
			{"WaitingChats", func(r parley.Reader) (any, error) { return r.WaitingChats(ctx, f.queue.ID, 10) }},
			{"Candidates", func(r parley.Reader) (any, error) { return r.Candidates(ctx, f.queue.ID) }},
			{"AgentLoad", func(r parley.Reader) (any, error) { return r.AgentLoad(ctx, f.agent.ID) }},
			{"Declines", func(r parley.Reader) (any, error) { return r.Declines(ctx, c.ID) }},
			{"DueTimers", func(r parley.Reader) (any, error) { return r.DueTimers(ctx, at(8), 10) }},
			{"ChatCounts", func(r parley.Reader) (any, error) { return r.ChatCounts(ctx) }},
			{"Events", func(r parley.Reader) (any, error) { return r.Events(ctx, parley.EventFilter{Viewer: viewer}) }},
			{"LastEventID", func(r parley.Reader) (any, error) { return r.LastEventID(ctx) }},
		}
		for _, r := range reads {
			want, err := r.read(s)
			if err != nil {
				t.Errorf("%s: %v", r.name, err)
				continue
			}
			var got any
			write(t, s, func(tx parley.Tx) error { got, err = r.read(tx); return err })
			equal(t, r.name+" in a write", got, want)
		}
		misses := []struct {
			name string
			read func(r parley.Reader) error
		}{
			{"Chat", func(r parley.Reader) error { _, err := r.Chat(ctx, 999); return err }},
			{"OpenChat", func(r parley.Reader) error { _, err := r.OpenChat(ctx, 999); return err }},
			{"MessageByDedupeKey", func(r parley.Reader) error { _, err := r.MessageByDedupeKey(ctx, "none"); return err }},
			{"AgentLoad", func(r parley.Reader) error { _, err := r.AgentLoad(ctx, 999); return err }},
			{"Setting", func(r parley.Reader) error { _, err := r.Setting(ctx, "none"); return err }},
		}
		for _, m := range misses {
			wantCode(t, m.name+" missing", m.read(s), parley.CodeNotFound)
			var err error
			write(t, s, func(tx parley.Tx) error { err = m.read(tx); return nil })
			wantCode(t, m.name+" missing in a write", err, parley.CodeNotFound)
		}
	})
}
