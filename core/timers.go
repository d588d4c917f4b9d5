package core

import (
	"context"
	"time"

	"parley"
)

// FireDueTimers fires every durable timer that is due, each in its own transaction.
// Any node may run it at any time: a timer fires once, whoever takes it first.
func (s *Service) FireDueTimers(ctx context.Context) (int, error) {
	due, err := s.store.DueTimers(ctx, s.clock.Now(), 500)
	if err != nil {
		return 0, err
	}
	fired := 0
	for _, t := range due {
		var took bool
		err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
			var err error
			if took, err = tx.TakeTimer(ctx, t.ID); err != nil || !took {
				return err
			}
			return s.fire(ctx, tx, now, t)
		})
		if err != nil {
			return fired, err
		}
		if took {
			fired++
		}
	}
	return fired, nil
}

func (s *Service) fire(ctx context.Context, tx parley.Tx, now time.Time, t parley.Timer) error {
	switch t.Kind {
	case parley.TimerOfferExpiry:
		c, err := tx.Chat(ctx, t.ChatID)
		if err != nil {
			return err
		}
		if c.State != parley.ChatWaiting || c.OfferedTo != t.AgentID || c.OfferSeq != t.Ref {
			return nil // answered, withdrawn or offered anew since: nothing to do
		}
		return s.endOffer(ctx, tx, now, &c, t.AgentID, "expired")
	case parley.TimerFirstReply, parley.TimerReply:
		return s.fireReplyLimit(ctx, tx, now, t)
	case parley.TimerCompletion:
		return s.fireCompletion(ctx, tx, now, t)
	case parley.TimerNewRound:
		return s.fireNewRound(ctx, tx, now, t)
	case parley.TimerBlockExpiry:
		return s.fireBlockExpiry(ctx, tx, now, t)
	}
	s.log.Warn("unknown timer kind dropped", "kind", t.Kind, "id", t.ID)
	return nil
}

// RunTimers fires due timers every interval until ctx ends.
func (s *Service) RunTimers(ctx context.Context, interval time.Duration) {
	every(ctx, interval, func() {
		if _, err := s.FireDueTimers(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("firing timers", "err", err)
		}
	})
}

// every runs fn every interval until ctx ends.
func every(ctx context.Context, interval time.Duration, fn func()) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			fn()
		}
	}
}
