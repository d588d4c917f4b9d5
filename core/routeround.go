package core

import (
	"context"
	"time"

	"parley"
)

// Rounds. A declined or expired invitation passes the chat to the next free agent
// (R2.3), and routing never gives it back to one who passed on it. When nobody
// else is free, the chat waits one acceptance time and then starts a new round:
// its declines are forgotten and it is offered again, to them too. So a chat never
// bounces straight back to the agent who just declined it, nor waits for ever
// because the only agents there once declined it.

// awaitNewRound sets the timer of the next round for a chat that an agent has just
// passed on, when routing found nobody else to offer it to.
func (s *Service) awaitNewRound(ctx context.Context, tx parley.Tx, now time.Time, chatID int64) error {
	c, err := tx.Chat(ctx, chatID)
	if err != nil || c.State != parley.ChatWaiting || c.OfferedTo != 0 {
		return err
	}
	invited, err := tx.Invitations(ctx, c.ID)
	if err != nil || len(invited) > 0 {
		return err // an open offer still stands for someone
	}
	q, err := tx.Queue(ctx, c.QueueID)
	if err != nil {
		return err
	}
	t := parley.Timer{Kind: parley.TimerNewRound, ChatID: c.ID, Ref: c.OfferSeq, DueAt: now.Add(acceptTimeout(q))}
	return tx.AddTimer(ctx, &t)
}

// fireNewRound forgets who passed on a chat still waiting unoffered and routes it.
func (s *Service) fireNewRound(ctx context.Context, tx parley.Tx, now time.Time, t parley.Timer) error {
	c, err := tx.Chat(ctx, t.ChatID)
	if err != nil || c.State != parley.ChatWaiting || c.OfferedTo != 0 || c.OfferSeq != t.Ref {
		return err // taken, completed or offered to someone since
	}
	if invited, err := tx.Invitations(ctx, c.ID); err != nil || len(invited) > 0 {
		return err // an open offer went out to someone since
	}
	if err := tx.ClearDeclines(ctx, c.ID); err != nil {
		return err
	}
	return s.route(ctx, tx, now, c.QueueID)
}

// acceptTimeout is the queue's acceptance time (R2.4), or the default.
func acceptTimeout(q parley.Queue) time.Duration {
	if d := q.AcceptTimeout.Duration(); d > 0 {
		return d
	}
	return parley.DefaultAcceptTimeout
}
