package core

import (
	"context"
	"time"

	"parley"
)

// RunMailboxes reads every active polled channel (the mailboxes) every
// interval until ctx ends. Several nodes may read one mailbox at once: a
// message taken twice is stored once, by its Message-ID.
func (s *Service) RunMailboxes(ctx context.Context, interval time.Duration) {
	every(ctx, interval, func() {
		if err := s.PollMailboxes(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("reading mailboxes", "err", err)
		}
	})
}

// PollMailboxes reads each active polled channel once.
func (s *Service) PollMailboxes(ctx context.Context) error {
	channels, err := s.store.Channels(ctx)
	if err != nil {
		return err
	}
	for _, ch := range channels {
		poller, ok := s.cfg.Providers[ch.Type].(parley.Poller)
		if !ok || !ch.Active {
			continue
		}
		take := func(ctx context.Context, in parley.Inbound) error {
			_, _, err := s.ChannelReceive(ctx, ch, in)
			return err
		}
		if err := poller.Poll(ctx, ch, take); err != nil && ctx.Err() == nil {
			s.log.Warn("mailbox not read", "channel", ch.ID, "err", err)
		}
	}
	return nil
}
