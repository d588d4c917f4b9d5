package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/sqlstore"
	"parley/sqlstore/storetest"
)

// The search benchmark's database: 50,000 chats of 20 messages each.
const (
	benchChats       = 50000
	benchPerChat     = 20
	benchQueues      = 10
	benchAgents      = 50
	benchSearchEnv   = "PARLEY_BENCH_SEARCH"    // 1 runs BenchmarkSearch
	benchSearchDBEnv = "PARLEY_BENCH_SEARCH_DB" // the SQLite file to fill once and reuse
	benchSchema      = "parley_bench_search"    // PostgreSQL's, kept and reused
)

var benchEnglish = strings.Fields(`hello thanks order please help delivery refund payment card account
	password login problem issue broken package tracking number address change cancel return product
	price discount invoice receipt shipping store item size color warranty repair replace email phone
	call today tomorrow week status update wait late arrived missing wrong damaged support manager
	question answer subscription plan upgrade error app website checkout coupon bonus balance transfer
	bank courier pickup point city street morning evening weekend holiday gift box battery charger screen laptop`)

var benchRussian = strings.Fields(`здравствуйте спасибо заказ пожалуйста доставка заказа заказы заказом
	доставки доставку возврат возврата оплата оплаты карта карты пароль помощь проблема проблемы сломан
	посылка посылки трек номер адрес изменить отменить товар товара цена скидка счет чек магазин размер
	цвет гарантия ремонт замена почта телефон звонок сегодня завтра неделя статус ждать опоздание пришел
	нет курьер самовывоз город улица подарок батарея экран ноутбук бонусы`)

var benchNames = strings.Fields(`Anna Ivan Maria Peter Olga John Elena Sergey Kate Dmitry Laura Alexei Nina Paul Irina Mark`)
var benchSurnames = strings.Fields(`Smith Ivanova Petrov Brown Sokolova Miller Kuznetsov Wilson Popova Taylor Volkov Clark Morozova Lewis`)

// benchCode is the rare word of message i: a product code few messages share.
func benchCode(i int) string { return "p" + strconv.Itoa(100000+(i*7919)%900000) }

// BenchmarkSearch measures SearchChats on a million messages, on SQLite and,
// with PARLEY_TEST_POSTGRES, on PostgreSQL. Filling takes minutes, so it runs
// only with PARLEY_BENCH_SEARCH=1, and the databases are kept for the next run.
func BenchmarkSearch(b *testing.B) {
	if os.Getenv(benchSearchEnv) != "1" {
		b.Skip("set " + benchSearchEnv + "=1 to fill and search a database of a million messages")
	}
	dbs := []storetest.Database{{Name: "sqlite", URL: benchSQLitePath()}}
	if base := os.Getenv(storetest.PostgresEnv); base != "" {
		dbs = append(dbs, storetest.Database{Name: "postgres", URL: benchPostgresURL(b, base)})
	}
	for _, db := range dbs {
		b.Run(db.Name, func(b *testing.B) { benchmarkSearch(b, db) })
	}
}

func benchSQLitePath() string {
	if p := os.Getenv(benchSearchDBEnv); p != "" {
		return p
	}
	return filepath.Join(os.TempDir(), "parley-bench-search-1m.db")
}

func benchPostgresURL(b *testing.B, base string) string {
	db, err := sql.Open("pgx", base)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE SCHEMA IF NOT EXISTS " + benchSchema); err != nil {
		b.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", benchSchema)
	u.RawQuery = q.Encode()
	return u.String()
}

type benchQuery struct {
	name string
	q    parley.SearchQuery
}

func benchmarkSearch(b *testing.B, db storetest.Database) {
	ctx := context.Background()
	if err := sqlstore.Migrate(ctx, db.URL); err != nil {
		b.Fatal(err)
	}
	s, err := sqlstore.Open(ctx, sqlstore.Options{URL: db.URL})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if _, err := s.Setting(ctx, "bench_search"); err != nil {
		start := time.Now()
		fillSearchBench(b, s, db)
		b.Logf("%s filled in %s", db.Name, time.Since(start).Round(time.Second))
	}
	queues, err := s.Queues(ctx)
	if err != nil || len(queues) < 2 {
		b.Fatalf("queues: %v %v", queues, err)
	}
	q1 := queues[0].ID
	agentView := parley.Viewer{AgentID: queues[0].Members[0], Role: parley.RoleAgent, Queues: []int64{q1}}
	admin := parley.Viewer{AgentID: queues[0].Members[0], Role: parley.RoleAdmin}
	month := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	first, err := s.SearchChats(ctx, parley.SearchQuery{Text: "order", Viewer: admin})
	if err != nil || len(first) == 0 {
		b.Fatalf("order: %v", err)
	}
	// The rare word: the product code of a message in the middle of the data.
	var mid string
	if err := rawBenchDB(b, db).QueryRow("SELECT text FROM messages WHERE id > 500000 AND text LIKE '% p1%' ORDER BY id LIMIT 1").Scan(&mid); err != nil {
		b.Fatal(err)
	}
	fields := strings.Fields(mid)
	rare := fields[len(fields)-1]
	queries := []benchQuery{
		{"common word", parley.SearchQuery{Text: "order"}},
		{"common word page 2", parley.SearchQuery{Text: "order", Before: first[len(first)-1].Key}},
		{"two common words", parley.SearchQuery{Text: "hello thanks"}},
		{"rare word", parley.SearchQuery{Text: rare}},
		{"russian word", parley.SearchQuery{Text: "заказ"}},
		{"russian inflected", parley.SearchQuery{Text: "доставки"}},
		{"contact name", parley.SearchQuery{Text: "petrov"}},
		{"absent word", parley.SearchQuery{Text: "zzyzx"}},
		{"common word, queue", parley.SearchQuery{Text: "order", QueueID: q1}},
		{"common word, in progress", parley.SearchQuery{Text: "order", States: []parley.ChatState{parley.ChatInProgress}}},
		{"common word, month", parley.SearchQuery{Text: "order", From: month, To: month.AddDate(0, 1, 0)}},
		{"rare word, agent", parley.SearchQuery{Text: rare, Viewer: agentView}},
		{"no text, queue and state", parley.SearchQuery{QueueID: q1, States: []parley.ChatState{parley.ChatCompleted}}},
	}
	for _, bq := range queries {
		if bq.q.Viewer.AgentID == 0 {
			bq.q.Viewer = admin
		}
		b.Run(bq.name, func(b *testing.B) {
			var took []time.Duration
			hits := 0
			for b.Loop() {
				start := time.Now()
				got, err := s.SearchChats(ctx, bq.q)
				took = append(took, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
				hits = len(got)
			}
			reportPercentiles(b, took)
			b.ReportMetric(float64(hits), "hits")
		})
	}
	b.Run("agent's common word", func(b *testing.B) {
		q := parley.SearchQuery{Text: "order", Viewer: agentView}
		var took []time.Duration
		for b.Loop() {
			start := time.Now()
			if _, err := s.SearchChats(ctx, q); err != nil {
				b.Fatal(err)
			}
			took = append(took, time.Since(start))
		}
		reportPercentiles(b, took)
	})
	b.Run("contacts", func(b *testing.B) {
		var took []time.Duration
		for b.Loop() {
			start := time.Now()
			if _, err := s.SearchContacts(ctx, "иван", 20); err != nil {
				b.Fatal(err)
			}
			took = append(took, time.Since(start))
		}
		reportPercentiles(b, took)
	})
}

func reportPercentiles(b *testing.B, took []time.Duration) {
	slices.Sort(took)
	pct := func(p float64) float64 {
		return float64(took[min(len(took)-1, int(p*float64(len(took))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.5), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(0, "ns/op") // the percentiles say more than the mean
}

// fillSearchBench stores the team through the store, then contacts, chats and
// messages with multi-row inserts in large transactions straight to the
// database, which is many times faster than a write per message.
func fillSearchBench(b *testing.B, s *sqlstore.Store, db storetest.Database) {
	ctx := context.Background()
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var agents []int64
	var queues []int64
	var channel parley.Channel
	write(b, s, func(tx parley.Tx) error {
		room := parley.Room{Name: "Clients", Type: parley.RoomClients, CreatedAt: now}
		if err := tx.CreateRoom(ctx, &room); err != nil {
			return err
		}
		agents = agents[:0]
		for i := range benchAgents {
			a := newAgent(fmt.Sprintf("agent%d@example.com", i))
			if err := tx.CreateAgent(ctx, &a); err != nil {
				return err
			}
			agents = append(agents, a.ID)
		}
		queues = queues[:0]
		for i := range benchQueues {
			q := parley.Queue{Name: fmt.Sprintf("Queue %d", i), RoomID: room.ID, ChatLimit: 5, AcceptTimeout: 30,
				Members: agents[i*5 : i*5+5], CreatedAt: now}
			if err := tx.CreateQueue(ctx, &q); err != nil {
				return err
			}
			queues = append(queues, q.ID)
		}
		channel = parley.Channel{Type: parley.ChannelWebchat, Name: "Site", PublicKey: "bench", QueueID: queues[0], Active: true, CreatedAt: now}
		return tx.CreateChannel(ctx, &channel)
	})
	raw := rawBenchDB(b, db)
	pg := strings.HasPrefix(db.URL, "postgres")
	rng := rand.New(rand.NewPCG(1, 2))
	// "order" and "заказ" rank among the commonest words, as in any shop's chats.
	var vocab []string
	for _, w := range append(slices.Clone(benchEnglish), benchRussian...) {
		if w != "order" && w != "заказ" {
			vocab = append(vocab, w)
		}
	}
	rng.Shuffle(len(vocab), func(i, j int) { vocab[i], vocab[j] = vocab[j], vocab[i] })
	vocab = append([]string{vocab[0], "order", "заказ"}, vocab[1:]...)
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	const perTx = 1000 // chats per transaction
	msg := 0
	for start := 0; start < benchChats; start += perTx {
		tx, err := raw.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		var contacts, identities, chats, messages [][]any
		for c := start; c < min(start+perTx, benchChats); c++ {
			id := int64(c + 1)
			name := benchNames[rng.IntN(len(benchNames))] + " " + benchSurnames[rng.IntN(len(benchSurnames))]
			created := now.Add(time.Duration(c) * 10 * time.Minute) // about a year
			contacts = append(contacts, []any{id, name, fmt.Sprintf("c%d@example.com", id), fmt.Sprintf("+7912%07d", id), micros(created), micros(created)})
			identities = append(identities, []any{id, id, channel.ID, "v" + strconv.FormatInt(id, 10), name, "{}", micros(created), micros(created)})
			queue := queues[rng.IntN(len(queues))]
			qi := slices.Index(queues, queue)
			owner := agents[qi*5+rng.IntN(5)]
			state := parley.ChatCompleted
			switch r := rng.IntN(100); {
			case r < 2:
				state = parley.ChatInProgress
			case r < 3:
				state = parley.ChatWaiting
			}
			var ownerID any = owner
			if state == parley.ChatWaiting {
				ownerID = nil
			}
			last := created.Add(benchPerChat * time.Minute)
			chats = append(chats, []any{id, channel.ID, string(channel.Type), id, id, queue, string(state), ownerID, name,
				benchPerChat, micros(created), micros(created), "system", micros(created), micros(last)})
			for seq := 1; seq <= benchPerChat; seq++ {
				msg++
				words := make([]string, 4+rng.IntN(9))
				for i := range words {
					words[i] = vocab[zipf.Uint64()]
				}
				if rng.IntN(10) == 0 {
					words = append(words, benchCode(msg))
				}
				author, authorID := "contact", int64(0)
				if seq%2 == 0 {
					author, authorID = "agent", owner
				}
				messages = append(messages, []any{int64(msg), id, seq, author, authorID, "text", strings.Join(words, " "),
					rng.IntN(20) == 0, micros(created.Add(time.Duration(seq) * time.Minute))})
			}
		}
		benchInsert(b, tx, pg, "contacts (id, name, email, phone, created_at, updated_at)", contacts)
		benchInsert(b, tx, pg, "identities (id, contact_id, channel_id, external_id, name, visitor, created_at, updated_at)", identities)
		benchInsert(b, tx, pg, `chats (id, channel_id, channel_type, identity_id, contact_id, queue_id, state, owner_id, name,
			last_seq, created_at, state_changed_at, state_changed_by_kind, updated_at, last_message_at)`, chats)
		benchInsert(b, tx, pg, "messages (id, chat_id, seq, author_kind, author_id, kind, text, internal, created_at)", messages)
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	if pg {
		for _, t := range []string{"contacts", "identities", "chats", "messages"} {
			if _, err := raw.Exec("SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), (SELECT MAX(id) FROM " + t + "))"); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := raw.Exec("VACUUM ANALYZE contacts, identities, chats, messages"); err != nil {
			b.Fatal(err)
		}
	} else if _, err := raw.Exec("ANALYZE"); err != nil {
		b.Fatal(err)
	}
	write(b, s, func(tx parley.Tx) error { return tx.SetSetting(ctx, "bench_search", "filled") })
}

func micros(t time.Time) int64 { return t.UnixMicro() }

func rawBenchDB(b *testing.B, db storetest.Database) *sql.DB {
	driver := "sqlite"
	dsn := db.URL
	if strings.HasPrefix(db.URL, "postgres") {
		driver = "pgx"
	} else {
		dsn = "file:" + db.URL + "?_pragma=busy_timeout(10000)&_pragma=synchronous(off)"
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		b.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	b.Cleanup(func() { raw.Close() })
	return raw
}

// benchInsert inserts rows into table (with its column list) in statements of
// a few hundred rows.
func benchInsert(b *testing.B, tx *sql.Tx, pg bool, table string, rows [][]any) {
	const per = 200
	for len(rows) > 0 {
		n := min(per, len(rows))
		var sb strings.Builder
		sb.WriteString("INSERT INTO " + table + " VALUES ")
		var args []any
		for i, r := range rows[:n] {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteByte('(')
			for j, v := range r {
				if j > 0 {
					sb.WriteString(", ")
				}
				args = append(args, v)
				if pg {
					sb.WriteString("$" + strconv.Itoa(len(args)))
				} else {
					sb.WriteByte('?')
				}
			}
			sb.WriteByte(')')
		}
		if _, err := tx.Exec(sb.String(), args...); err != nil {
			b.Fatalf("insert %s: %v", strings.Fields(table)[0], err)
		}
		rows = rows[n:]
	}
}
