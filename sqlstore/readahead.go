package sqlstore

import (
	"context"
	"strings"

	"parley"
)

// openChats is what the batch read ahead for its writes' OpenChat calls
// (parley.ReadAhead), kept current by the batch's own CreateChat and SaveChat,
// the only statements that change chats. On PostgreSQL each OpenChat would
// otherwise be a round trip of its own, and the writer's round trips, one after
// another, bound its throughput: with this, a batch of visitor messages costs
// the lock, this read and the commit, whatever its size. On SQLite it saves a
// statement per message to the one writer goroutine.
type openChats map[int64]openChat // by identity id

type openChat struct {
	chat  parley.Chat
	found bool
}

// readAhead reads the open chats the ops' hints name, in one statement. It
// does not run when PostgreSQL's writes are not deferred, that is when a batch
// runs again after a failure, so that the run again reads everything afresh.
func (b *batch) readAhead(ctx context.Context, ops []*op) error {
	if b.pipe != nil && !b.deferWrites {
		return nil
	}
	var ids []any
	var in strings.Builder
	for _, o := range ops {
		if id := parley.ReadAheadOf(o.ctx).OpenChatOf; id != 0 {
			ids = append(ids, id)
			if len(ids) > 1 {
				in.WriteString(", ")
			}
			in.WriteString(b.d.manyArgs(len(ids)))
		}
	}
	if len(ids) < 2 {
		return nil // one read costs the same either way
	}
	chats, err := list(ctx, b.q, "open chats", scanChat, "SELECT "+chatColumns+
		" FROM chats WHERE identity_id IN ("+in.String()+") AND state <> 'completed'", ids...)
	if err != nil {
		return err
	}
	b.openChats = make(openChats, len(ids))
	for _, id := range ids {
		b.openChats[id.(int64)] = openChat{}
	}
	for _, c := range chats {
		b.openChats[c.IdentityID] = openChat{chat: c, found: true}
	}
	return nil
}

// OpenChat returns the identity's open chat, from what the batch read ahead
// when it holds it.
func (t *tx) OpenChat(ctx context.Context, identityID int64) (parley.Chat, error) {
	if oc, ok := t.b.openChats[identityID]; ok {
		if !oc.found {
			return parley.Chat{}, parley.NotFound("chat")
		}
		return oc.chat, nil
	}
	return t.queries.OpenChat(ctx, identityID)
}

// saw records c as its identity's chat as this batch has left it.
func (oc openChats) saw(c parley.Chat) {
	if _, ok := oc[c.IdentityID]; ok {
		oc[c.IdentityID] = openChat{chat: c, found: c.State != parley.ChatCompleted}
	}
}
