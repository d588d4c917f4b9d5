package core

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"parley"
)

// The outbox's tunables.
const (
	// jobLease is how long a node holds a job it works on; a node that dies
	// mid-send leaves the job to another after it.
	jobLease = 2 * time.Minute
	// maxJobAttempts ends retries: with backoff doubling from a second up to
	// ten minutes, that is about seven hours of trying.
	maxJobAttempts = 50
	maxBackoff     = 10 * time.Minute
	// outboxWorkers is how many chats' jobs one node works on at once.
	outboxWorkers = 16
)

// outbox is a node's share of the channel jobs: the wake-up signal and the
// per-channel rate limiters. The jobs themselves live in the store.
type outbox struct {
	kick     chan struct{}
	running  sync.WaitGroup
	mu       sync.Mutex
	limiters map[int64]*rate.Limiter
	busy     map[int64]bool // the chats (or lone jobs) being worked on
}

func newOutbox() *outbox {
	return &outbox{kick: make(chan struct{}, 1), limiters: map[int64]*rate.Limiter{}, busy: map[int64]bool{}}
}

// claim reserves a worker for the chat key, unless one works on it already
// or none is free.
func (o *outbox) claim(key int64) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.busy[key] || len(o.busy) >= outboxWorkers {
		return false
	}
	o.busy[key] = true
	return true
}

// release frees the chat's worker, and looks at once for what waited on it.
func (o *outbox) release(key int64) {
	o.mu.Lock()
	delete(o.busy, key)
	o.mu.Unlock()
	o.wake()
}

// wake tells this node's outbox that jobs were added, sooner than its next poll.
func (o *outbox) wake() {
	select {
	case o.kick <- struct{}{}:
	default:
	}
}

// limiter is the channel's send rate (R8.2: per-provider limits), per node.
func (o *outbox) limiter(ch parley.Channel, spec parley.ProviderSpec) *rate.Limiter {
	o.mu.Lock()
	defer o.mu.Unlock()
	l := o.limiters[ch.ID]
	if l == nil {
		r := spec.RatePerSecond
		if r <= 0 {
			r = 10
		}
		l = rate.NewLimiter(rate.Limit(r), max(1, int(r)))
		o.limiters[ch.ID] = l
	}
	return l
}

// needsDelivery says whether m goes to the chat's provider: what an agent or
// the channel's greeting says on a messenger channel.
func needsDelivery(c parley.Chat, m parley.Message) bool {
	if c.ChannelType == parley.ChannelWebchat || c.ChannelType == "" || m.Internal {
		return false
	}
	return m.Author.Kind != parley.ActorContact && (m.Kind == parley.MessageText || m.Kind == parley.MessageWelcome)
}

// enqueueSend adds the durable job that delivers m.
func enqueueSend(ctx context.Context, tx parley.Tx, now time.Time, c parley.Chat, m parley.Message) error {
	return tx.AddJob(ctx, &parley.ChannelJob{Kind: parley.JobSend, ChannelID: c.ChannelID, ChatID: c.ID,
		MessageID: m.ID, DueAt: now, CreatedAt: now})
}

// RunOutbox works on due channel jobs until ctx ends: at each poll, and at
// once when this node added jobs or finished a chat's. It returns when the
// work it started has stopped.
func (s *Service) RunOutbox(ctx context.Context, poll time.Duration) {
	tick := time.NewTicker(poll)
	defer tick.Stop()
	defer s.outbox.running.Wait()
	for {
		if err := s.dispatchJobs(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("channel jobs", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-s.outbox.kick:
		}
	}
}

// dispatchJobs starts work on the jobs due now and returns without waiting
// for it, so that a slow provider holds up only its own chats. Jobs of one
// chat run one after another, in the order they were added, so messages leave
// in the order they were written; different chats run side by side, at most
// outboxWorkers at once.
func (s *Service) dispatchJobs(ctx context.Context) error {
	due, err := s.store.DueJobs(ctx, s.clock.Now(), 200)
	if err != nil {
		return err
	}
	byChat := map[int64][]parley.ChannelJob{}
	var order []int64
	for _, j := range due {
		key := j.ChatID
		if key == 0 {
			key = -j.ID // a job of no chat runs alone
		}
		if _, ok := byChat[key]; !ok {
			order = append(order, key)
		}
		byChat[key] = append(byChat[key], j)
	}
	for _, key := range order {
		if !s.outbox.claim(key) {
			continue // its chat is being worked on, or every worker is busy: a later round takes it
		}
		s.outbox.running.Go(func() {
			defer s.outbox.release(key)
			s.workChat(ctx, byChat[key])
		})
	}
	return nil
}

// workChat works on one chat's due jobs in order.
func (s *Service) workChat(ctx context.Context, jobs []parley.ChannelJob) {
	for _, j := range jobs {
		ok, err := s.workJob(ctx, j)
		if err != nil && ctx.Err() == nil {
			s.log.Error("channel job", "job", j.ID, "kind", j.Kind, "err", err)
		}
		if !ok {
			return // leased elsewhere or failed to lease: keep the chat's order
		}
	}
}

// workJob leases j and does it; false when another node leased it first.
func (s *Service) workJob(ctx context.Context, j parley.ChannelJob) (bool, error) {
	var leased bool
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		var err error
		leased, err = tx.LeaseJob(ctx, j.ID, j.Attempts, now.Add(jobLease))
		return err
	})
	if err != nil || !leased {
		return false, err
	}
	j.Attempts++
	switch j.Kind {
	case parley.JobSend:
		return true, s.sendJob(ctx, j)
	case parley.JobFetch, parley.JobAvatar:
		return true, s.fetchJob(ctx, j)
	case parley.JobProfile:
		return true, s.profileJob(ctx, j)
	}
	s.log.Warn("unknown channel job dropped", "kind", j.Kind, "id", j.ID)
	return true, s.write(ctx, func(tx parley.Tx, _ time.Time) error { return tx.DeleteJob(ctx, j.ID) })
}

// backoff is the wait before attempt n+1: doubling from RetryBase, at most
// maxBackoff, and never shorter than what the provider asked for.
func (s *Service) backoff(attempts int, asked time.Duration) time.Duration {
	d := s.cfg.RetryBase << min(attempts-1, 20)
	d = min(d, maxBackoff)
	return max(d, asked)
}

// provider returns the adapter of a channel's type.
func (s *Service) provider(t parley.ChannelType) (parley.Provider, error) {
	p := s.cfg.Providers[t]
	if p == nil {
		return nil, parley.Errorf(parley.CodeInvalid, "no provider for channel type %q", t)
	}
	return p, nil
}
