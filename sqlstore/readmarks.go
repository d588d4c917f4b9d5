package sqlstore

import (
	"context"
	"slices"

	"parley"
)

// MarkRead moves the agent's read marker of the chat forward to seq.
func (t *tx) MarkRead(ctx context.Context, agentID, chatID, seq int64) error {
	return t.change(ctx, false, failure("mark read"), `INSERT INTO chat_reads (agent_id, chat_id, seq) VALUES ($1, $2, $3)
		ON CONFLICT (agent_id, chat_id) DO UPDATE SET seq = excluded.seq WHERE excluded.seq > chat_reads.seq`,
		agentID, chatID, seq)
}

// UnreadCounts counts the contact's messages after the agent's marker in each chat.
func (r queries) UnreadCounts(ctx context.Context, agentID int64, chatIDs []int64) (map[int64]int, error) {
	out := map[int64]int{}
	if len(chatIDs) == 0 {
		return out, nil
	}
	var w where
	agent := w.arg(agentID)
	w.add("m.chat_id IN " + in(&w, chatIDs))
	w.add("m.author_kind = 'contact' AND m.seq > COALESCE(r.seq, 0)")
	counts, err := list(ctx, r.q, "unread counts", scanPair, `SELECT m.chat_id, COUNT(*) FROM messages m
		LEFT JOIN chat_reads r ON r.agent_id = `+agent+` AND r.chat_id = m.chat_id`+w.sql()+" GROUP BY m.chat_id", w.args...)
	for _, c := range counts {
		out[c[0]] = int(c[1])
	}
	return out, err
}

func scanPair(s scanner) ([2]int64, error) {
	var p [2]int64
	return p, s.Scan(&p[0], &p[1])
}

// ListCounts counts the chats v may see by room, state, ownership (or taking
// part), deletion and whether they hold unread contact messages, in one grouped
// statement, and sums them into the lists.
func (r queries) ListCounts(ctx context.Context, v parley.Viewer) (parley.ListCounts, error) {
	type group struct {
		room                         int64
		state                        parley.ChatState
		mine, deleted, unread, count int
	}
	var w where
	me := w.arg(v.AgentID)
	scopeChats(&w, v)
	groups, err := list(ctx, r.q, "list counts", func(s scanner) (group, error) {
		var g group
		return g, s.Scan(&g.room, &g.state, &g.mine, &g.deleted, &g.unread, &g.count)
	}, `SELECT q.room_id, c.state, CASE WHEN c.owner_id = `+me+` OR EXISTS (SELECT 1 FROM chat_participants m
			WHERE m.chat_id = c.id AND m.agent_id = `+me+`) THEN 1 ELSE 0 END,
		CASE WHEN c.deleted_at IS NULL THEN 0 ELSE 1 END,
		CASE WHEN c.last_contact_seq > COALESCE(r.seq, 0) THEN 1 ELSE 0 END, COUNT(*)
		FROM chats c JOIN queues q ON q.id = c.queue_id
		LEFT JOIN chat_reads r ON r.chat_id = c.id AND r.agent_id = `+me+
		w.sql()+" GROUP BY 1, 2, 3, 4, 5", w.args...)
	if err != nil {
		return parley.ListCounts{}, err
	}
	out := parley.ListCounts{Rooms: []parley.RoomLists{}}
	for _, g := range groups {
		i := slices.IndexFunc(out.Rooms, func(rl parley.RoomLists) bool { return rl.RoomID == g.room })
		if i < 0 {
			out.Rooms = append(out.Rooms, parley.RoomLists{RoomID: g.room})
			i = len(out.Rooms) - 1
		}
		for _, l := range []*parley.Lists{&out.Lists, &out.Rooms[i].Lists} {
			addToLists(l, g.state, g.mine == 1, g.deleted == 1, g.unread == 1, g.count)
		}
	}
	slices.SortFunc(out.Rooms, func(a, b parley.RoomLists) int { return int(a.RoomID - b.RoomID) })
	return out, nil
}

// addToLists adds n chats of one kind to the lists they belong to.
func addToLists(l *parley.Lists, state parley.ChatState, mine, deleted, unread bool, n int) {
	add := func(c *parley.ListCount) {
		c.Chats += n
		if unread {
			c.Unread += n
		}
	}
	if deleted { // a deleted chat is in Deleted alone (R2.18)
		add(&l.Deleted)
		return
	}
	add(&l.All)
	switch {
	case state == parley.ChatWaiting:
		add(&l.New)
	case state == parley.ChatInProgress && mine:
		add(&l.My)
	case state == parley.ChatCompleted:
		add(&l.Closed)
	}
}
