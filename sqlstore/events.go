package sqlstore

import (
	"context"
	"fmt"
	"math/bits"
	"strconv"
	"strings"

	"parley"
)

// Page sizes of Events.
const (
	defaultEventLimit = 1000
	maxEventLimit     = 10000
)

// eventsPerInsert bounds one multi-row INSERT: 10 arguments per event stay far
// below either database's limit on arguments.
const eventsPerInsert = 64

const eventColumns = "id, kind, chat_id, queue_id, agent_id, identity_id, audience, data, at, topic_id"

func scanEvent(s scanner) (parley.Event, error) {
	var e parley.Event
	var data string
	var at int64
	err := s.Scan(&e.ID, &e.Kind, &e.ChatID, &e.QueueID, &e.AgentID, &e.IdentityID, &e.Audience, &data, &at, &e.TopicID)
	if data != "" {
		e.Data = []byte(data)
	}
	e.At = fromMicros(at)
	return e, err
}

// Events returns, in id order, the events after f.After that f.Viewer may see.
func (r queries) Events(ctx context.Context, f parley.EventFilter) ([]parley.Event, error) {
	var w where
	w.add("id > " + w.arg(f.After))
	if !f.All {
		visibleEvents(&w, f.Viewer)
	}
	limit := clamp(f.Limit, defaultEventLimit, maxEventLimit)
	return list(ctx, r.q, "events", scanEvent, "SELECT "+eventColumns+" FROM events"+w.sql()+
		" ORDER BY id LIMIT "+strconv.Itoa(limit), w.args...)
}

// visibleEvents limits w to what parley.Viewer.CanSee lets v see.
func visibleEvents(w *where, v parley.Viewer) {
	aud := func(a parley.Audience) string { return "(audience & " + strconv.Itoa(int(a)) + ") <> 0" }
	switch {
	case v.IsVisitor():
		w.add("identity_id = " + w.arg(v.IdentityID) + " AND " + aud(parley.AudienceVisitor))
	case v.Role == parley.RoleAdmin:
		w.add(aud(parley.AudienceStaffBits))
	default:
		me := w.arg(v.AgentID)
		cond := aud(parley.AudienceStaff) + " OR (" + aud(parley.AudienceAgent) + " AND agent_id = " + me + ")" +
			" OR (" + aud(parley.AudienceQueue) + " AND chat_id <> 0 AND EXISTS (SELECT 1 FROM chat_participants p" +
			" WHERE p.chat_id = events.chat_id AND p.agent_id = " + me + "))"
		var queued string
		switch {
		case v.SeesAllQueues():
			queued = aud(parley.AudienceStaffBits)
		case len(v.Queues) > 0:
			queued = aud(parley.AudienceQueue) + " AND queue_id IN " + in(w, v.Queues)
		}
		if queued != "" {
			cond += " OR (" + queued + topicAllowed(w, v, "") + ")"
		}
		w.add("(" + cond + ")")
	}
}

// topicAllowed returns the condition, starting with AND, that the topic_id
// column of the table alias (with its dot, or empty) is one v is allowed (R2.16).
func topicAllowed(w *where, v parley.Viewer, alias string) string {
	switch {
	case v.Topics == nil:
		return ""
	case len(v.Topics) == 0:
		return " AND " + alias + "topic_id = 0"
	}
	return " AND (" + alias + "topic_id = 0 OR " + alias + "topic_id IN " + in(w, v.Topics) + ")"
}

// LastEventID returns the id of the last event committed.
func (r queries) LastEventID(ctx context.Context) (int64, error) {
	var id int64
	if err := r.q.queryRow(ctx, "SELECT last_id FROM event_seq WHERE id = 1").Scan(&id); err != nil {
		return 0, fmt.Errorf("sqlstore: last event id: %w", err)
	}
	return id, nil
}

// storeEvents inserts the batch's events and advances the event sequence.
func (b *batch) storeEvents(ctx context.Context) error {
	if len(b.events) == 0 {
		return nil
	}
	for rest := b.events; len(rest) > 0; {
		// Chunks of 64, 32 … 1 events: a handful of distinct statements, which
		// both databases keep prepared.
		n := 1 << (bits.Len(uint(min(len(rest), eventsPerInsert))) - 1)
		query, args := insertEvents(b.d, rest[:n])
		if err := b.withCommit(ctx, failure("insert events"), query, args...); err != nil {
			return err
		}
		rest = rest[n:]
	}
	return b.withCommit(ctx, failure("advance the event sequence"),
		"UPDATE event_seq SET last_id = $1 WHERE id = 1", b.last)
}

// insertEvents returns the statement inserting events, and its arguments.
func insertEvents(d *dialect, events []parley.Event) (string, []any) {
	const columns = 10
	var sql strings.Builder
	sql.WriteString("INSERT INTO events (" + eventColumns + ") VALUES ")
	args := make([]any, 0, columns*len(events))
	for i, e := range events {
		if i > 0 {
			sql.WriteString(", ")
		}
		sql.WriteByte('(')
		for c := range columns {
			if c > 0 {
				sql.WriteString(", ")
			}
			sql.WriteString(d.manyArgs(len(args) + c + 1))
		}
		sql.WriteByte(')')
		args = append(args, e.ID, string(e.Kind), e.ChatID, e.QueueID, e.AgentID, e.IdentityID,
			int64(e.Audience), string(e.Data), micros(e.At), e.TopicID)
	}
	return sql.String(), args
}
