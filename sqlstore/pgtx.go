package sqlstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5/stdlib"
)

// commitPostgres runs one write transaction on the writer pool's connection,
// driven through pgx itself, whose batches let the transaction pipeline its
// statements (see pipeline). BEGIN goes with the first statement, COMMIT with
// the last ones.
func (s *Store) commitPostgres(ctx context.Context, deferWrites bool, run func(*batch) error) (*batch, error) {
	conn, err := s.writer.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: writer connection: %w", err)
	}
	defer conn.Close()
	var b *batch
	err = conn.Raw(func(dc any) error {
		p := &pipeline{conn: dc.(*stdlib.Conn).Conn(), roundTrips: &s.stats.roundTrips}
		b = &batch{d: s.d, q: p, pipe: p, deferWrites: deferWrites, ids: &s.messageIDs, op: -1}
		p.later(-1, false, failure("begin"), "begin")
		err := run(b)
		if err == nil {
			err = p.commit(ctx)
		}
		if err != nil {
			p.rollback(ctx)
			for _, undo := range slices.Backward(b.undo) {
				undo()
			}
			if lost := p.lost(); lost != nil {
				return lost // whatever the writes made of it, a deferred one failed
			}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}
