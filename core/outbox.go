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
	// queue holds the due jobs of the last look, by chat, that no worker took
	// yet: a finishing worker takes the next from it without reading the store.
	queue []chatJobs
}

// chatJobs are one chat's due jobs, oldest first; key is the chat's id, or
// minus the job's id for a job of no chat.
type chatJobs struct {
	key  int64
	jobs []parley.ChannelJob
}

func newOutbox() *outbox {
	return &outbox{kick: make(chan struct{}, 1), limiters: map[int64]*rate.Limiter{}, busy: map[int64]bool{}}
}

// take removes from the queue the first chat's jobs that no worker works on,
// and reserves a worker for them; false when none is free or nothing is left.
func (o *outbox) take() (chatJobs, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.busy) >= outboxWorkers {
		return chatJobs{}, false
	}
	for i, c := range o.queue {
		if !o.busy[c.key] {
			o.queue = append(o.queue[:i], o.queue[i+1:]...)
			o.busy[c.key] = true
			return c, true
		}
	}
	return chatJobs{}, false
}

// release frees the chat's worker.
func (o *outbox) release(key int64) {
	o.mu.Lock()
	delete(o.busy, key)
	o.mu.Unlock()
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

// jobWatch is a write's Tx that notes whether the write added channel jobs.
type jobWatch struct {
	parley.Tx
	added bool
}

// AddJob adds the job and notes it.
func (w *jobWatch) AddJob(ctx context.Context, j *parley.ChannelJob) error {
	w.added = true
	return w.Tx.AddJob(ctx, j)
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
// once when a write of this node added jobs. It returns when the
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

// dispatchJobs looks for the jobs due now and starts work on them without
// waiting for it, so that a slow provider holds up only its own chats. Jobs of
// one chat run one after another, in the order they were added, so messages
// leave in the order they were written; different chats run side by side, at
// most outboxWorkers at once.
func (s *Service) dispatchJobs(ctx context.Context) error {
	due, err := s.store.DueJobs(ctx, s.clock.Now(), 200)
	if err != nil {
		return err
	}
	var queue []chatJobs
	at := map[int64]int{}
	for _, j := range due {
		key := j.ChatID
		if key == 0 {
			key = -j.ID // a job of no chat runs alone
		}
		if i, ok := at[key]; ok {
			queue[i].jobs = append(queue[i].jobs, j)
			continue
		}
		at[key] = len(queue)
		queue = append(queue, chatJobs{key: key, jobs: []parley.ChannelJob{j}})
	}
	s.outbox.mu.Lock()
	s.outbox.queue = queue // what an earlier look left is in this one too, if still due
	s.outbox.mu.Unlock()
	s.startQueued(ctx)
	return nil
}

// startQueued gives queued chats to free workers; each worker, when done,
// takes the next from the queue.
func (s *Service) startQueued(ctx context.Context) {
	for {
		c, ok := s.outbox.take()
		if !ok {
			return
		}
		s.outbox.running.Go(func() {
			s.workChat(ctx, c.jobs)
			s.outbox.release(c.key)
			if ctx.Err() == nil {
				s.startQueued(ctx)
			}
		})
	}
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
