package loadgen

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"math/big"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"

	"parley"
	"parley/core"
)

// webhooksRun is the state of one "webhooks" run.
type webhooksRun struct {
	cfg WebhooksConfig
	// crew are the agents, who accept every offer at once and keep the chat for
	// the rest of the run: a routing run's, with no chats of its own. Its API
	// client, error log and team are the run's.
	crew  *routingRun
	plan  hookPlan
	epoch time.Time

	hookURL, secret string
	hooks, warm     *flow

	admin   *websocket.Conn // reads every message.created event
	closing atomic.Bool
	reading sync.WaitGroup
}

// keepChats is a hold longer than any run: the crew never completes a chat.
const keepChats = 100 * 24 * time.Hour

// RunWebhooks runs the "webhooks" scenario against a running server and reports.
func RunWebhooks(ctx context.Context, cfg WebhooksConfig) (*Report, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if err := checkOpenFiles(cfg.Agents + 256); err != nil {
		return nil, err
	}
	errs := newErrorLog()
	crewCfg := RoutingConfig{Target: cfg.Target, Agents: cfg.Agents, Queues: 1, ChatLimit: cfg.ChatLimit, Hold: keepChats}
	crew := &routingRun{cfg: crewCfg, api: newAPIClient(cfg.URL, errs), errs: errs, dialer: newDialer(nil, false)}
	crew.connCtx, crew.stopConns = context.WithCancel(context.WithoutCancel(ctx))
	r := &webhooksRun{cfg: cfg, crew: crew, epoch: time.Now()}
	r.hooks, r.warm = newFlow(r.epoch, cfg.total()), newFlow(r.epoch, cfg.Users)
	defer r.close()

	setupCtx, cancel := context.WithTimeout(ctx, cfg.SetupTimeout)
	defer cancel()
	if err := r.setup(setupCtx); err != nil {
		return nil, err
	}
	return r.measure(ctx)
}

// setup creates the agents and their queue, the Telegram channel, opens the
// admin's websocket and lets every user open their chat.
func (r *webhooksRun) setup(ctx context.Context) error {
	if err := r.crew.setup(ctx); err != nil {
		return err
	}
	base, err := rand.Int(rand.Reader, big.NewInt(1<<40))
	if err != nil {
		return fmt.Errorf("choosing the users' ids: %w", err)
	}
	r.plan = newHookPlan(r.crew.team.run, r.cfg.Users, 1_000_000_000+base.Int64())
	if err := r.createChannel(ctx); err != nil {
		return err
	}
	if err := r.listen(ctx); err != nil {
		return err
	}
	return r.warmUp(ctx)
}

// createChannel creates the run's Telegram channel into the crew's queue. Its
// base URL is a closed port: what the server sends back (the users' photos)
// fails at once instead of reaching Telegram.
func (r *webhooksRun) createChannel(ctx context.Context) error {
	secret := make([]byte, 24)
	_, _ = rand.Read(secret)
	r.secret = base64.RawURLEncoding.EncodeToString(secret) // 32 of A-Z a-z 0-9 _ -
	t := r.crew.team
	typ, name := parley.ChannelType("telegram"), "bench telegram "+t.run
	in := core.ChannelPatch{Type: &typ, Name: &name, QueueID: &t.queues[0].ID,
		Settings: map[string]string{"base_url": "http://127.0.0.1:1"},
		Secrets:  map[string]string{"bot_token": "123:bench", "secret_token": r.secret}}
	var ch parley.Channel
	if err := r.crew.api.call(ctx, "POST", "/api/v1/channels", t.admin, in, &ch); err != nil {
		return fmt.Errorf("creating the Telegram channel: %w", err)
	}
	if ch.WebhookPath == "" {
		return fmt.Errorf("the Telegram channel %d has no webhook_path", ch.ID)
	}
	r.hookURL = r.crew.api.base + ch.WebhookPath
	return nil
}

// listen opens the admin's websocket, which sees every queue, and marks each
// webhook's message.created event as delivered when it arrives.
func (r *webhooksRun) listen(ctx context.Context) error {
	api := r.crew.api
	conn, err := dialWS(ctx, r.crew.dialer, api.wsURL("/api/v1/ws"), bearer(r.crew.team.admin))
	if err != nil {
		api.errs.add(errDial, "the admin: %v", err)
		return fmt.Errorf("the admin's websocket: %w", err)
	}
	if _, err := waitReady(conn, handshakeTimeout); err != nil {
		conn.Close()
		return fmt.Errorf("the admin's websocket: %w", err)
	}
	r.admin = conn
	// The admin's id is not at hand; 0 names the admin in error descriptions.
	r.reading.Go(func() { readAgentFrames(conn, &r.closing, api.errs, 0, r.heard) })
	return nil
}

// heard handles one frame of the admin's websocket.
func (r *webhooksRun) heard(frame []byte) {
	kind, n, ok, err := r.plan.match(frame)
	switch {
	case err != nil:
		r.crew.errs.add(errFrame, "the admin: %v", err)
	case ok && kind == idWarmup:
		r.warm.markDelivered(n)
	case ok:
		r.hooks.markDelivered(n)
	}
}

// warmUp sends every user's first message, which opens their chat, paced at
// the run's rate, and waits until every one went through and every chat is
// accepted: the measured webhooks then go into chats in progress.
func (r *webhooksRun) warmUp(ctx context.Context) error {
	r.cfg.Log.Info("opening the users' chats", "users", r.cfg.Users, "rate", r.cfg.Rate)
	r.send(ctx, r.warm, idWarmup, r.cfg.Users)
	want := int64(r.cfg.Users)
	err := waitFor(ctx, func() bool { return r.warm.completed.Load() == want && r.crew.accepted.Load() == want })
	if err != nil {
		c, _ := r.warm.counts()
		return fmt.Errorf("warming up: %d of %d first messages went through and %d chats were accepted: %w", c.Completed, want, r.crew.accepted.Load(), err)
	}
	r.cfg.Log.Info("every user's chat is accepted", "chats", want)
	return nil
}

// send POSTs webhooks 0..total-1 of a kind at the run's rate, each on its own
// goroutine so that a slow answer delays no other, and returns when every POST
// has its answer.
func (r *webhooksRun) send(ctx context.Context, f *flow, kind byte, total int) {
	var posts sync.WaitGroup
	pace(ctx, r.epoch, total, r.cfg.Rate, func(i int, due time.Duration) {
		f.setDue(i, due)
		posts.Go(func() { r.post(ctx, f, kind, i) })
	})
	posts.Wait()
}

// post delivers webhook n of a kind and records its answer.
func (r *webhooksRun) post(ctx context.Context, f *flow, kind byte, n int) {
	body, err := r.plan.body(kind, n, time.Now())
	if err != nil {
		r.crew.errs.add(errWrite, "%v", err)
		return
	}
	f.markSent(n)
	if err := postWebhook(ctx, r.crew.api, r.hookURL, r.secret, body); err != nil {
		r.crew.errs.add(errHTTP, "webhook %c%d: %v", kind, n, err)
		return
	}
	f.markAcked(n)
}

// close ends every connection of the run.
func (r *webhooksRun) close() {
	r.closing.Store(true)
	if r.admin != nil {
		closeWS(r.admin)
	}
	r.reading.Wait()
	r.crew.close()
}
