package sqlstore

import (
	"context"
	"database/sql"

	"parley"
)

// QueueLoads counts every queue's waiting chats and chats in progress in one
// grouped scan of the open chats, with the oldest waiting chat's state change.
// Queues with neither are left out.
func (r queries) QueueLoads(ctx context.Context) ([]parley.QueueLoad, error) {
	return list(ctx, r.q, "queue loads", func(s scanner) (parley.QueueLoad, error) {
		var l parley.QueueLoad
		var oldest sql.NullInt64
		err := s.Scan(&l.QueueID, &l.Waiting, &oldest, &l.InProgress)
		if oldest.Valid {
			l.OldestWaitingAt = fromMicros(oldest.Int64)
		}
		return l, err
	}, `SELECT queue_id,
		SUM(CASE WHEN state = 'waiting' THEN 1 ELSE 0 END),
		MIN(CASE WHEN state = 'waiting' THEN state_changed_at END),
		SUM(CASE WHEN state = 'in_progress' THEN 1 ELSE 0 END)
		FROM chats WHERE state IN ('waiting', 'in_progress')
		GROUP BY queue_id ORDER BY queue_id`)
}
