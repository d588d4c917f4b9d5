package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"parley"
)

const queueColumns = `id, name, room_id, chat_limit, accept_timeout, created_at, routing, mode,
	priority, first_reply_time, reply_time, completion_timeout, last_offered_agent`

func scanQueue(s scanner) (parley.Queue, error) {
	var q parley.Queue
	var created int64
	err := s.Scan(&q.ID, &q.Name, &q.RoomID, &q.ChatLimit, &q.AcceptTimeout, &created, &q.Routing, &q.Mode,
		&q.Priority, &q.FirstReplyTime, &q.ReplyTime, &q.CompletionTimeout, &q.LastOffered)
	q.CreatedAt = fromMicros(created)
	q.Members = []int64{}
	return q, err
}

// Queue returns the queue with the id and its members. One statement, as routing
// reads the queue in most write transactions: the members come as one text
// (string_agg, which SQLite and PostgreSQL both have).
func (r queries) Queue(ctx context.Context, id int64) (parley.Queue, error) {
	return one(ctx, r.q, "queue", func(s scanner) (parley.Queue, error) {
		var members sql.NullString
		q, err := scanQueue(withLast(s, &members))
		if err == nil {
			q.Members, err = parseIDs(members.String)
		}
		return q, err
	}, "SELECT "+queueColumns+`, (SELECT string_agg(CAST(agent_id AS TEXT), ',') FROM queue_members
		WHERE queue_id = queues.id) FROM queues WHERE id = $1`, id)
}

// parseIDs reads ids written as text separated by commas, in ascending order.
func parseIDs(text string) ([]int64, error) {
	ids := []int64{}
	for f := range strings.SplitSeq(text, ",") {
		if f == "" {
			continue
		}
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: reading ids %q: %w", text, err)
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, nil
}

// withLast lets a scan of some columns also scan one more, last, into dest.
func withLast(s scanner, dest any) scanner { return lastScanner{s, dest} }

type lastScanner struct {
	s    scanner
	last any
}

func (l lastScanner) Scan(dest ...any) error { return l.s.Scan(append(dest, l.last)...) }

// Queues returns every queue by id, with its members.
func (r queries) Queues(ctx context.Context) ([]parley.Queue, error) {
	qs, err := list(ctx, r.q, "queues", scanQueue, "SELECT "+queueColumns+" FROM queues ORDER BY id")
	if err != nil {
		return nil, err
	}
	type member struct{ queue, agent int64 }
	ms, err := list(ctx, r.q, "queue members", func(s scanner) (member, error) {
		var m member
		return m, s.Scan(&m.queue, &m.agent)
	}, "SELECT queue_id, agent_id FROM queue_members ORDER BY queue_id, agent_id")
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*parley.Queue, len(qs))
	for i := range qs {
		byID[qs[i].ID] = &qs[i]
	}
	for _, m := range ms {
		if q := byID[m.queue]; q != nil {
			q.Members = append(q.Members, m.agent)
		}
	}
	return qs, nil
}

// AgentQueues returns the sorted ids of the queues the agent belongs to.
func (r queries) AgentQueues(ctx context.Context, agentID int64) ([]int64, error) {
	return list(ctx, r.q, "agent queues", scanInt64,
		"SELECT queue_id FROM queue_members WHERE agent_id = $1 ORDER BY queue_id", agentID)
}

// AgentQueueTurns returns the agent's queues with chats waiting unoffered, each
// with its priority and its oldest such chat's creation, in one statement.
func (r queries) AgentQueueTurns(ctx context.Context, agentID int64) ([]parley.QueueTurn, error) {
	return list(ctx, r.q, "agent queue turns", func(s scanner) (parley.QueueTurn, error) {
		var t parley.QueueTurn
		var oldest int64
		err := s.Scan(&t.QueueID, &t.Priority, &oldest)
		t.Oldest = fromMicros(oldest)
		return t, err
	}, `SELECT * FROM (SELECT q.id, q.priority, (SELECT c.created_at FROM chats c
			WHERE c.queue_id = q.id AND c.state = 'waiting' AND c.offered_to IS NULL ORDER BY c.id LIMIT 1) AS oldest
		FROM queue_members m JOIN queues q ON q.id = m.queue_id WHERE m.agent_id = $1) t
		WHERE oldest IS NOT NULL ORDER BY id`, agentID)
}

// CreateQueue stores q with its members and sets its ID.
func (t *tx) CreateQueue(ctx context.Context, q *parley.Queue) error {
	err := t.q.queryRow(ctx, `INSERT INTO queues (name, room_id, chat_limit, accept_timeout, created_at,
		routing, mode, priority, first_reply_time, reply_time, completion_timeout)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		q.Name, q.RoomID, q.ChatLimit, int64(q.AcceptTimeout), micros(q.CreatedAt), string(q.Routing), string(q.Mode),
		q.Priority, int64(q.FirstReplyTime), int64(q.ReplyTime), int64(q.CompletionTimeout)).Scan(&q.ID)
	if err != nil {
		return insertErr(err, "create queue", "queue conflicts")
	}
	return t.insertMembers(ctx, q.ID, q.Members)
}

// UpdateQueue stores q, but for round robin's place, and replaces its members.
func (t *tx) UpdateQueue(ctx context.Context, q parley.Queue) error {
	n, err := t.q.exec(ctx, `UPDATE queues SET name = $1, room_id = $2, chat_limit = $3,
		accept_timeout = $4, routing = $5, mode = $6, priority = $7, first_reply_time = $8,
		reply_time = $9, completion_timeout = $10 WHERE id = $11`,
		q.Name, q.RoomID, q.ChatLimit, int64(q.AcceptTimeout), string(q.Routing), string(q.Mode),
		q.Priority, int64(q.FirstReplyTime), int64(q.ReplyTime), int64(q.CompletionTimeout), q.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: update queue: %w", err)
	}
	if err := affected("queue", n); err != nil {
		return err
	}
	if err := t.exec(ctx, "replace queue members", "DELETE FROM queue_members WHERE queue_id = $1", q.ID); err != nil {
		return err
	}
	return t.insertMembers(ctx, q.ID, q.Members)
}

func (t *tx) insertMembers(ctx context.Context, queueID int64, agents []int64) error {
	if len(agents) == 0 {
		return nil
	}
	var w where
	rows := make([]string, len(agents))
	for i, a := range agents {
		rows[i] = "(" + w.arg(queueID) + ", " + w.arg(a) + ")"
	}
	// A member listed twice is one member.
	return t.exec(ctx, "add queue members", "INSERT INTO queue_members (queue_id, agent_id) VALUES "+
		strings.Join(rows, ", ")+" ON CONFLICT DO NOTHING", w.args...)
}
