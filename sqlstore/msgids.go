package sqlstore

import (
	"context"
	"fmt"
)

// messageIDBlock is how many message ids PostgreSQL's writer takes at once.
const messageIDBlock = 1024

// takeMessageIDsSQL moves the messages' identity sequence on by a block and
// returns the block's last id.
//
// It is safe across processes because every call runs in a write transaction
// after that transaction's first statement took the event_seq row lock: no other
// writer, in this process or another, can call nextval on the sequence between
// this nextval and this setval (the store never lets the column's default draw
// from it, see AddMessage). And sequences are not transactional: once taken, a
// block stays taken even if its transaction rolls back, so the store keeps
// using it in later transactions while other processes take the blocks after it.
const takeMessageIDsSQL = `SELECT setval(seq, nextval(seq) + $1)
	FROM (SELECT pg_get_serial_sequence('messages', 'id')::regclass AS seq) AS s`

// idBlock hands out PostgreSQL's message ids without a round trip, so that an
// AddMessage whose statement waits in the pipeline still sets m.ID at once. Ids
// may have gaps and need not follow commit order: messages are ordered by their
// seq, and only event ids must be gapless. Only the writer goroutine uses it.
type idBlock struct {
	next int64
	left int
}

// take returns the next id, taking a new block through q when this one is used up.
func (b *idBlock) take(ctx context.Context, q querier) (int64, error) {
	if b.left == 0 {
		var last int64
		if err := q.queryRow(ctx, takeMessageIDsSQL, messageIDBlock-1).Scan(&last); err != nil {
			return 0, fmt.Errorf("sqlstore: take message ids: %w", err)
		}
		b.next, b.left = last-messageIDBlock+1, messageIDBlock
	}
	id := b.next
	b.next++
	b.left--
	return id, nil
}
