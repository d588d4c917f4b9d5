package sqlstore

import (
	"context"
	"strconv"

	"parley"
)

// Page sizes of Chats.
const (
	defaultChatLimit = 50
	maxChatLimit     = 500
)

// Chats returns the chats f selects, newest first.
func (r queries) Chats(ctx context.Context, f parley.ChatFilter) ([]parley.Chat, error) {
	var w where
	if len(f.States) > 0 {
		states := make([]string, len(f.States))
		for i, s := range f.States {
			states[i] = string(s)
		}
		w.add("state IN " + in(&w, states))
	}
	if len(f.QueueIDs) > 0 {
		w.add("queue_id IN " + in(&w, f.QueueIDs))
	}
	if f.OwnerID != 0 {
		w.add("owner_id = " + w.arg(f.OwnerID))
	}
	if f.OfferedTo != 0 {
		w.add("offered_to = " + w.arg(f.OfferedTo))
	}
	if f.IdentityID != 0 {
		w.add("identity_id = " + w.arg(f.IdentityID))
	}
	if f.ContactID != 0 {
		w.add("contact_id = " + w.arg(f.ContactID))
	}
	if f.BeforeID != 0 {
		w.add("id < " + w.arg(f.BeforeID))
	}
	if f.UnreadBy != 0 {
		w.add("c.last_contact_seq > COALESCE((SELECT r.seq FROM chat_reads r WHERE r.chat_id = c.id AND r.agent_id = " +
			w.arg(f.UnreadBy) + "), 0)")
	}
	if f.Scope != nil {
		scopeChats(&w, *f.Scope)
		deletedChats(&w, f.Deleted)
	}
	limit := clamp(f.Limit, defaultChatLimit, maxChatLimit)
	return list(ctx, r.q, "chats", scanChat, "SELECT "+chatColumns+" FROM chats c"+w.sql()+
		" ORDER BY id DESC LIMIT "+strconv.Itoa(limit), w.args...)
}

// scopeChats limits w to the chats v may see, as parley.Viewer.CanSeeChat says,
// with chats' columns under the alias c.
func scopeChats(w *where, v parley.Viewer) {
	switch {
	case v.IsVisitor():
		w.add("c.identity_id = " + w.arg(v.IdentityID))
	case v.Role == parley.RoleAdmin:
	default:
		me := w.arg(v.AgentID)
		cond := "c.owner_id = " + me + " OR c.offered_to = " + me +
			" OR EXISTS (SELECT 1 FROM chat_participants p WHERE p.chat_id = c.id AND p.agent_id = " + me + ")"
		var queued string
		switch {
		case v.SeesAllQueues():
			queued = "1 = 1"
		case len(v.Queues) > 0:
			queued = "c.queue_id IN " + in(w, v.Queues)
		}
		if queued != "" {
			cond += " OR (" + queued + topicAllowed(w, v, "c.") + ")"
		}
		w.add("(" + cond + ")")
	}
}

// deletedChats limits w to the deleted chats, or to the others.
func deletedChats(w *where, deleted bool) {
	if deleted {
		w.add("c.deleted_at IS NOT NULL")
	} else {
		w.add("c.deleted_at IS NULL")
	}
}

// WaitingChats returns the queue's waiting chats that hold no invitation, oldest
// first; limit is bounded as in Chats.
func (r queries) WaitingChats(ctx context.Context, queueID int64, limit int) ([]parley.Chat, error) {
	return list(ctx, r.q, "waiting chats", scanChat, "SELECT "+chatColumns+` FROM chats
		WHERE queue_id = $1 AND state = 'waiting' AND offered_to IS NULL ORDER BY id LIMIT `+
		strconv.Itoa(clamp(limit, defaultChatLimit, maxChatLimit)), queueID)
}

// ChatCounts counts all chats by state.
func (r queries) ChatCounts(ctx context.Context) (map[parley.ChatState]int, error) {
	type count struct {
		state parley.ChatState
		n     int
	}
	counts, err := list(ctx, r.q, "chat counts", func(s scanner) (count, error) {
		var c count
		return c, s.Scan(&c.state, &c.n)
	}, "SELECT state, COUNT(*) FROM chats GROUP BY state")
	if err != nil {
		return nil, err
	}
	m := make(map[parley.ChatState]int, len(counts))
	for _, c := range counts {
		m[c.state] = c.n
	}
	return m, nil
}
