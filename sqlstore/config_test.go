package sqlstore_test

import (
	"context"
	"testing"

	"parley"
	"parley/sqlstore"
)

func TestRooms(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a := parley.Room{Name: "A", Type: parley.RoomClients, CreatedAt: at(1)}
		b := parley.Room{Name: "B", Type: parley.RoomClients, CreatedAt: at(2)}
		write(t, s, func(tx parley.Tx) error {
			if err := tx.CreateRoom(ctx, &a); err != nil {
				return err
			}
			return tx.CreateRoom(ctx, &b)
		})
		expect(t, "Room", a)(s.Room(ctx, a.ID))
		expect(t, "Rooms", []parley.Room{a, b})(s.Rooms(ctx))
		a.Name = "A2"
		write(t, s, func(tx parley.Tx) error { return tx.UpdateRoom(ctx, a) })
		expect(t, "updated Room", a)(s.Room(ctx, a.ID))
		_, err := s.Room(ctx, 999)
		wantCode(t, "Room missing", err, parley.CodeNotFound)
		wantCode(t, "UpdateRoom missing", writeErr(s, func(tx parley.Tx) error {
			return tx.UpdateRoom(ctx, parley.Room{ID: 999, Name: "x", Type: parley.RoomClients})
		}), parley.CodeNotFound)
	})
}

func TestQueues(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		carl := newAgent("carl@example.com")
		write(t, s, func(tx parley.Tx) error { return tx.CreateAgent(ctx, &carl) })

		expect(t, "Queue with members", f.queue)(s.Queue(ctx, f.queue.ID))
		expect(t, "Queue without members", f.queue2)(s.Queue(ctx, f.queue2.ID))
		expect(t, "Queues", []parley.Queue{f.queue, f.queue2})(s.Queues(ctx))

		// Members come back sorted whatever order they were given in.
		q := f.queue2
		q.Name, q.RoomID, q.ChatLimit, q.AcceptTimeout = "Support 2", f.room.ID, 9, 45
		q.Members = []int64{carl.ID, f.agent.ID, carl.ID}
		write(t, s, func(tx parley.Tx) error { return tx.UpdateQueue(ctx, q) })
		q.Members = []int64{f.agent.ID, carl.ID}
		expect(t, "updated Queue", q)(s.Queue(ctx, q.ID))
		expect(t, "AgentQueues", []int64{f.queue.ID, q.ID})(s.AgentQueues(ctx, f.agent.ID))
		expect(t, "AgentQueues of one queue", []int64{q.ID})(s.AgentQueues(ctx, carl.ID))

		q.Members = nil
		write(t, s, func(tx parley.Tx) error { return tx.UpdateQueue(ctx, q) })
		q.Members = []int64{}
		expect(t, "Queue with members removed", q)(s.Queue(ctx, q.ID))
		expect(t, "AgentQueues of no queue", []int64{})(s.AgentQueues(ctx, carl.ID))

		_, err := s.Queue(ctx, 999)
		wantCode(t, "Queue missing", err, parley.CodeNotFound)
		q.ID = 999
		wantCode(t, "UpdateQueue missing", writeErr(s, func(tx parley.Tx) error { return tx.UpdateQueue(ctx, q) }),
			parley.CodeNotFound)
	})
}

// asStored is c as the store gives it back: empty maps and lists rather than
// nil, the names of its secrets, and its webhook path.
func asStored(c parley.Channel) parley.Channel {
	if c.PrechatFields == nil {
		c.PrechatFields = []parley.PrechatField{}
	}
	if c.Settings == nil {
		c.Settings = map[string]string{}
	}
	if c.Secrets == nil {
		c.Secrets = map[string]string{}
	}
	if c.SecretsSet == nil {
		c.SecretsSet = []string{}
	}
	if c.Templates == nil {
		c.Templates = []parley.MessageTemplate{}
	}
	c.WebhookPath = c.HookPath()
	return c
}

func TestChannels(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		withFields := parley.Channel{Type: parley.ChannelWebchat, Name: "Shop", PublicKey: "pk2", QueueID: f.queue2.ID,
			WelcomeMessage: "Hello!", Active: false, CreatedAt: at(7),
			PrechatFields: []parley.PrechatField{{Name: "name", Label: "Your name", Required: true}, {Name: "order", Label: "Order"}}}
		emptyFields := parley.Channel{Type: parley.ChannelWebchat, Name: "Blog", PublicKey: "pk3", QueueID: f.queue.ID,
			PrechatFields: []parley.PrechatField{}, Active: true, CreatedAt: at(8)}
		write(t, s, func(tx parley.Tx) error {
			if err := tx.CreateChannel(ctx, &withFields); err != nil {
				return err
			}
			return tx.CreateChannel(ctx, &emptyFields)
		})
		expect(t, "Channel without fields (nil)", asStored(f.channel))(s.Channel(ctx, f.channel.ID))
		expect(t, "Channel with fields", asStored(withFields))(s.Channel(ctx, withFields.ID))
		expect(t, "Channel with empty fields", asStored(emptyFields))(s.ChannelByKey(ctx, "pk3"))
		expect(t, "Channels", []parley.Channel{asStored(f.channel), asStored(withFields), asStored(emptyFields)})(s.Channels(ctx))

		withFields.Name, withFields.PublicKey, withFields.QueueID, withFields.WelcomeMessage = "Shop 2", "pk4", f.queue.ID, "Hi"
		withFields.Active, withFields.PrechatFields = true, nil
		write(t, s, func(tx parley.Tx) error { return tx.UpdateChannel(ctx, withFields) })
		withFields.PrechatFields = []parley.PrechatField{}
		expect(t, "updated Channel", asStored(withFields))(s.ChannelByKey(ctx, "pk4"))

		bot := parley.Channel{Type: parley.ChannelTelegram, Name: "Bot", PublicKey: "hk_1", QueueID: f.queue.ID, Active: true,
			CreatedAt: at(9), Settings: map[string]string{"base_url": "http://127.0.0.1:1"},
			Secrets:   map[string]string{"bot_token": "1:abc", "secret_token": "s"},
			Templates: []parley.MessageTemplate{{Name: "hello", Language: "en", Body: "Hello {{1}}"}}}
		write(t, s, func(tx parley.Tx) error { return tx.CreateChannel(ctx, &bot) })
		bot.PrechatFields, bot.SecretsSet, bot.WebhookPath = []parley.PrechatField{}, []string{"bot_token", "secret_token"}, "/hooks/hk_1"
		expect(t, "messenger channel with settings, secrets and templates", bot)(s.ChannelByKey(ctx, "hk_1"))

		dup := emptyFields
		wantCode(t, "duplicate public key", writeErr(s, func(tx parley.Tx) error { return tx.CreateChannel(ctx, &dup) }),
			parley.CodeConflict)
		withFields.PublicKey = "pk1"
		wantCode(t, "update to a taken public key", writeErr(s, func(tx parley.Tx) error { return tx.UpdateChannel(ctx, withFields) }),
			parley.CodeConflict)
		_, err := s.ChannelByKey(ctx, "nope")
		wantCode(t, "ChannelByKey missing", err, parley.CodeNotFound)
		_, err = s.Channel(ctx, 999)
		wantCode(t, "Channel missing", err, parley.CodeNotFound)
	})
}

func TestSettings(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		_, err := s.Setting(ctx, "site.name")
		wantCode(t, "Setting missing", err, parley.CodeNotFound)
		write(t, s, func(tx parley.Tx) error { return tx.SetSetting(ctx, "site.name", "Parley") })
		expect(t, "Setting", "Parley")(s.Setting(ctx, "site.name"))
		write(t, s, func(tx parley.Tx) error { return tx.SetSetting(ctx, "site.name", "") })
		expect(t, "Setting replaced", "")(s.Setting(ctx, "site.name"))
	})
}
