package sqlstore_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"parley"
	"parley/sqlstore"
)

// searchFixture holds chats with known words, in two queues, for search tests.
type searchFixture struct {
	*fixture
	outsider parley.Agent // in no queue
	ivan     parley.Contact
	// orders: queue, owned by agent, in progress, topic billing, webchat, created at(3)
	// order: queue2, waiting, created at(100), with an internal and a system message
	// petrov: ivan's chat in queue2, completed, created at(200)
	orders, order, petrov parley.Chat
}

func newSearchFixture(t *testing.T, s *sqlstore.Store) *searchFixture {
	t.Helper()
	f := &searchFixture{fixture: newFixture(t, s)}
	ctx := context.Background()
	f.outsider = newAgent("cat@example.com")
	f.ivan = parley.Contact{Name: "Иван Petrov", Email: "ivan@shop.example", Phone: "+7 (912) 345-67-89", CreatedAt: at(0), UpdatedAt: at(0)}
	write(t, s, func(tx parley.Tx) error {
		return errors.Join(tx.CreateAgent(ctx, &f.outsider), tx.CreateContact(ctx, &f.ivan))
	})
	ivanID := newIdentity(f.ivan.ID, f.channel.ID, "ivan")
	write(t, s, func(tx parley.Tx) error { return tx.CreateIdentity(ctx, &ivanID) })

	f.orders = f.chat(f.identity, f.queue.ID)
	f.orders.State, f.orders.OwnerID, f.orders.Topic, f.orders.TopicID = parley.ChatInProgress, f.agent.ID, "billing", 7
	f.createChat(t, &f.orders)
	f.say(t, &f.orders, parley.MessageText, false, "I want to cancel my ORDERS please")
	f.say(t, &f.orders, parley.MessageText, false, "Где мои заказы? Café")

	f.order = f.chat(f.newIdentity(t, "second"), f.queue2.ID)
	f.order.CreatedAt = at(100)
	f.createChat(t, &f.order)
	f.say(t, &f.order, parley.MessageText, false, "The order arrived broken, заказа нет")
	f.say(t, &f.order, parley.MessageText, true, "refund approved by finance")
	f.say(t, &f.order, parley.MessageSystem, false, "secretword chat accepted")

	f.petrov = f.chat(ivanID, f.queue2.ID)
	f.petrov.State, f.petrov.CreatedAt = parley.ChatCompleted, at(200)
	f.createChat(t, &f.petrov)
	f.say(t, &f.petrov, parley.MessageText, false, "nothing to see here")
	return f
}

// say adds a message to c and stores c's new last seq.
func (f *searchFixture) say(t *testing.T, c *parley.Chat, kind parley.MessageKind, internal bool, text string) {
	t.Helper()
	write(t, f.s, func(tx parley.Tx) error {
		ctx := context.Background()
		cur, err := tx.Chat(ctx, c.ID)
		if err != nil {
			return err
		}
		cur.LastSeq++
		m := parley.Message{ChatID: c.ID, Seq: cur.LastSeq, Author: parley.Actor{Kind: parley.ActorContact},
			Kind: kind, Text: text, Internal: internal, CreatedAt: at(int(cur.LastSeq))}
		if err := tx.AddMessage(ctx, &m); err != nil {
			return err
		}
		return tx.SaveChat(ctx, &cur)
	})
}

func hitIDs(hits []parley.ChatHit) []int64 {
	ids := []int64{}
	for _, h := range hits {
		ids = append(ids, h.Chat.ID)
	}
	return ids
}

var admin = parley.Viewer{AgentID: 999, Role: parley.RoleAdmin}

func TestSearchChatsText(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		f := newSearchFixture(t, s)
		ctx := context.Background()
		cases := []struct {
			text             string
			want             []int64
			pgOnly, liteOnly bool
		}{
			{text: "order", want: []int64{f.order.ID, f.orders.ID}},                // prefix on SQLite, stem on PostgreSQL
			{text: "orders", want: []int64{f.order.ID, f.orders.ID}, pgOnly: true}, // only a stemmer finds "order"
			{text: "ORDERS please", want: []int64{f.orders.ID}},
			{text: "заказ", want: []int64{f.order.ID, f.orders.ID}},                // "заказы", "заказа"
			{text: "ЗАКАЗЫ", want: []int64{f.order.ID, f.orders.ID}, pgOnly: true}, // stemmed
			{text: "ЗАКАЗЫ", want: []int64{f.orders.ID}, liteOnly: true},           // a prefix of "заказы" only
			{text: "cafe", want: []int64{f.orders.ID}, liteOnly: true},             // diacritics folded
			{text: "refund", want: []int64{f.order.ID}},                            // internal messages are for agents
			{text: "secretword", want: []int64{}},                                  // system messages are not indexed
			{text: "petrov", want: []int64{f.petrov.ID}},                           // the contact's name
			{text: "иван", want: []int64{f.petrov.ID}},
			{text: "order petrov", want: []int64{}}, // every word in one place
			{text: "nomatch", want: []int64{}},
		}
		for _, c := range cases {
			pg := strings.HasSuffix(t.Name(), "/postgres")
			if c.pgOnly && !pg || c.liteOnly && pg {
				continue
			}
			hits, err := s.SearchChats(ctx, parley.SearchQuery{Text: c.text, Viewer: admin})
			if err != nil {
				t.Errorf("%q: %v", c.text, err)
				continue
			}
			equal(t, c.text, hitIDs(hits), c.want)
		}
		hits, err := s.SearchChats(ctx, parley.SearchQuery{Text: "broken", Viewer: admin})
		if err != nil || len(hits) != 1 {
			t.Fatalf("broken: %v %v", hits, err)
		}
		h := hits[0]
		if h.Kind != parley.HitMessage || h.MessageID == 0 || h.Key != h.MessageID {
			t.Errorf("hit %+v", h)
		}
		var marked []string
		for _, p := range h.Snippet {
			if p.Hit {
				marked = append(marked, p.Text)
			}
		}
		equal(t, "marked words", marked, []string{"broken"})
		hits, err = s.SearchChats(ctx, parley.SearchQuery{Text: "petrov", Viewer: admin})
		if err != nil || len(hits) != 1 || hits[0].Kind != parley.HitContact {
			t.Errorf("petrov: %+v %v", hits, err)
		}
	})
}

func TestSearchChatsFilters(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		f := newSearchFixture(t, s)
		ctx := context.Background()
		all := []int64{f.petrov.ID, f.order.ID, f.orders.ID}
		cases := []struct {
			name string
			q    parley.SearchQuery
			want []int64
		}{
			{"none", parley.SearchQuery{}, all},
			{"contact", parley.SearchQuery{ContactID: f.ivan.ID}, []int64{f.petrov.ID}},
			{"channel", parley.SearchQuery{ChannelID: f.channel.ID}, all},
			{"other channel", parley.SearchQuery{ChannelID: f.channel.ID + 100}, []int64{}},
			{"channel type", parley.SearchQuery{ChannelType: parley.ChannelWebchat}, all},
			{"other channel type", parley.SearchQuery{ChannelType: "telegram"}, []int64{}},
			{"queue", parley.SearchQuery{QueueID: f.queue.ID}, []int64{f.orders.ID}},
			{"queue2", parley.SearchQuery{QueueID: f.queue2.ID}, []int64{f.petrov.ID, f.order.ID}},
			{"agent", parley.SearchQuery{OwnerID: f.agent.ID}, []int64{f.orders.ID}},
			{"states", parley.SearchQuery{States: []parley.ChatState{parley.ChatWaiting, parley.ChatCompleted}}, []int64{f.petrov.ID, f.order.ID}},
			{"topic", parley.SearchQuery{Topic: "billing"}, []int64{f.orders.ID}},
			{"listed topic", parley.SearchQuery{TopicID: 7}, []int64{f.orders.ID}},
			{"another listed topic", parley.SearchQuery{TopicID: 8}, []int64{}},
			{"from", parley.SearchQuery{From: at(100)}, []int64{f.petrov.ID, f.order.ID}},
			{"to", parley.SearchQuery{To: at(100)}, []int64{f.orders.ID}},
			{"period", parley.SearchQuery{From: at(50), To: at(150)}, []int64{f.order.ID}},
			{"text and queue", parley.SearchQuery{Text: "order", QueueID: f.queue.ID}, []int64{f.orders.ID}},
			{"text and agent", parley.SearchQuery{Text: "order", OwnerID: f.agent.ID}, []int64{f.orders.ID}},
			{"text and state", parley.SearchQuery{Text: "order", States: []parley.ChatState{parley.ChatWaiting}}, []int64{f.order.ID}},
			{"text and topic", parley.SearchQuery{Text: "заказ", Topic: "billing"}, []int64{f.orders.ID}},
			{"text and period", parley.SearchQuery{Text: "order", From: at(50)}, []int64{f.order.ID}},
			{"text and contact", parley.SearchQuery{Text: "nothing", ContactID: f.ivan.ID}, []int64{f.petrov.ID}},
			{"contact name and filter", parley.SearchQuery{Text: "petrov", QueueID: f.queue.ID}, []int64{}},
		}
		for _, c := range cases {
			c.q.Viewer = admin
			hits, err := s.SearchChats(ctx, c.q)
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			equal(t, c.name, hitIDs(hits), c.want)
		}
	})
}

func TestSearchChatsPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		f := newSearchFixture(t, s)
		ctx := context.Background()
		// A later message of orders also matches: orders' newest match is now the
		// newest of all, and the chat must come once, first.
		f.say(t, &f.orders, parley.MessageText, false, "one more order")
		for _, q := range []parley.SearchQuery{{Text: "order"}, {}, {Text: "order заказ"}} {
			q.Viewer, q.Limit = admin, 1
			var got []int64
			for range 5 {
				hits, err := s.SearchChats(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if len(hits) == 0 {
					break
				}
				got = append(got, hits[0].Chat.ID)
				q.Before = hits[0].Key
			}
			want := []int64{f.orders.ID, f.order.ID}
			switch q.Text {
			case "":
				want = []int64{f.petrov.ID, f.order.ID, f.orders.ID}
			case "order заказ": // both words in one message: only order's
				want = []int64{f.order.ID}
			}
			equal(t, "pages of "+q.Text, got, want)
		}
	})
}

func TestSearchChatsVisibility(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		f := newSearchFixture(t, s)
		ctx := context.Background()
		viewers := []struct {
			name string
			v    parley.Viewer
			want []int64
		}{
			{"outsider", parley.Viewer{AgentID: f.outsider.ID, Role: parley.RoleAgent}, []int64{}},
			{"queue member", parley.Viewer{AgentID: f.agent2.ID, Role: parley.RoleAgent, Queues: []int64{f.queue.ID}}, []int64{f.orders.ID}},
			{"owner", parley.Viewer{AgentID: f.agent.ID, Role: parley.RoleAgent}, []int64{f.orders.ID}},
			{"supervisor", parley.Viewer{AgentID: f.outsider.ID, Role: parley.RoleSupervisor}, []int64{f.order.ID, f.orders.ID}},
		}
		for _, text := range []string{"order", ""} {
			for _, c := range viewers {
				hits, err := s.SearchChats(ctx, parley.SearchQuery{Text: text, Viewer: c.v, States: []parley.ChatState{parley.ChatWaiting, parley.ChatInProgress}})
				if err != nil {
					t.Fatal(err)
				}
				equal(t, c.name+" "+text, hitIDs(hits), c.want)
			}
		}
		// The contact's chat in queue2 is not the outsider's either.
		hits, err := s.SearchChats(ctx, parley.SearchQuery{Text: "petrov", Viewer: parley.Viewer{AgentID: f.outsider.ID, Role: parley.RoleAgent}})
		if err != nil || len(hits) != 0 {
			t.Errorf("outsider found %v, %v", hitIDs(hits), err)
		}
	})
}

// oddInputs are texts that hold every database's query syntax and more.
var oddInputs = []string{`"`, `'`, `*`, `-`, `NEAR(`, `NEAR(order заказ, 2)`, `:`, `^`, `AND OR NOT`, `order AND`,
	`text:order`, `"order`, `order*`, `-order`, `(`, `)`, `{}`, `\`, `%`, `_`, `😀`, `order 😀 заказ`, "\x00",
	`' OR 1=1 --`, `a`, `ab`, `!`, `&|!`, `<->`, `order:*`, strings.Repeat("заказ ", 300), strings.Repeat("x", 10000)}

func TestSearchOddInput(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		newSearchFixture(t, s)
		ctx := context.Background()
		for _, text := range oddInputs {
			if _, err := s.SearchChats(ctx, parley.SearchQuery{Text: text, Viewer: admin}); err != nil {
				t.Errorf("SearchChats(%.20q): %v", text, err)
			}
			if _, err := s.SearchChats(ctx, parley.SearchQuery{Text: text, Viewer: admin, Before: 1 << 40}); err != nil {
				t.Errorf("SearchChats(%.20q) page 2: %v", text, err)
			}
			if _, err := s.SearchContacts(ctx, text, 10); err != nil {
				t.Errorf("SearchContacts(%.20q): %v", text, err)
			}
		}
	})
}

func TestSearchContacts(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		f := newSearchFixture(t, s)
		ctx := context.Background()
		cases := []struct {
			text string
			want []int64
		}{
			{"pet", []int64{f.ivan.ID}},
			{"ИВА", []int64{f.ivan.ID}},
			{"ivan@shop", []int64{f.ivan.ID}},
			{"+7 912", []int64{f.ivan.ID}},
			{"7912345", []int64{f.ivan.ID}},
			{"912", []int64{}}, // the phone matches from its start
			{"carl", []int64{f.contact.ID}},
			{"nobody", []int64{}},
			{"", []int64{}},
		}
		for _, c := range cases {
			got, err := s.SearchContacts(ctx, c.text, 10)
			if err != nil {
				t.Errorf("%q: %v", c.text, err)
				continue
			}
			ids := []int64{}
			for _, ct := range got {
				ids = append(ids, ct.ID)
			}
			slices.Sort(ids)
			equal(t, c.text, ids, c.want)
		}
		// A renamed contact is found by its new name only.
		f.ivan.Name = "Ivan Sidorov"
		write(t, s, func(tx parley.Tx) error { return tx.UpdateContact(ctx, f.ivan) })
		for text, n := range map[string]int{"sidorov": 1, "petrov": 0} {
			got, err := s.SearchContacts(ctx, text, 10)
			if err != nil || len(got) != n {
				t.Errorf("%s after rename: %v %v", text, got, err)
			}
		}
	})
}
