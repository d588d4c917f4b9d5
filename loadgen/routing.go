package loadgen

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"

	"parley/core"
)

// routingRun is the state of one "routing" run.
type routingRun struct {
	cfg    RoutingConfig
	api    *apiClient
	errs   *errorLog
	team   *team
	dialer *websocket.Dialer

	agents   []*routingAgent
	sessions []string // a visitor token per chat

	// offerServer runs from the chat becoming waiting (its state_changed_at) to
	// chat.offered's time, both the server's clock; offerReceived ends when the
	// agent's websocket has the offer (same machine, same clock).
	offerServer, offerReceived, openHTTP, acceptHTTP histogram
	opened, offers, accepted, completed              atomic.Int64
	firstOffer, lastOffer                            atomic.Int64 // unix nanoseconds

	connCtx    context.Context
	stopConns  context.CancelFunc
	closing    atomic.Bool
	goroutines sync.WaitGroup
}

// RunRouting runs the "routing" scenario against a running server and reports.
func RunRouting(ctx context.Context, cfg RoutingConfig) (*Report, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if err := checkOpenFiles(cfg.Agents + 256); err != nil {
		return nil, err
	}
	errs := newErrorLog()
	r := &routingRun{cfg: cfg, api: newAPIClient(cfg.URL, errs), errs: errs, dialer: newDialer(nil, false)}
	r.connCtx, r.stopConns = context.WithCancel(context.WithoutCancel(ctx))
	defer r.close()
	setupCtx, cancel := context.WithTimeout(ctx, cfg.SetupTimeout)
	defer cancel()
	if err := r.setup(setupCtx); err != nil {
		return nil, err
	}
	return r.measure(ctx)
}

// setup creates the team, opens the agents' websockets, makes them active and
// starts a widget session for every chat to come.
func (r *routingRun) setup(ctx context.Context) error {
	spec := teamSpec{agents: r.cfg.Agents, queues: r.cfg.Queues, chatLimit: r.cfg.ChatLimit, secondEvery: r.cfg.SecondEvery}
	t, err := setupTeam(ctx, r.api, r.cfg.Admin, spec, r.cfg.Log)
	if err != nil {
		return err
	}
	r.team = t
	r.agents = make([]*routingAgent, len(t.agents))
	if err := forEach(ctx, len(t.agents), 16, func(ctx context.Context, i int) (err error) {
		r.agents[i], err = r.openAgent(ctx, i)
		return err
	}); err != nil {
		return err
	}
	if err := t.activate(ctx, r.api); err != nil {
		return err
	}
	r.cfg.Log.Info("agents are listening", "agents", len(r.agents))
	r.sessions = make([]string, r.cfg.Chats)
	return forEach(ctx, r.cfg.Chats, 32, func(ctx context.Context, i int) (err error) {
		r.sessions[i], err = visitorSession(ctx, r.api, t.channels[i%len(t.channels)].PublicKey, i)
		return err
	})
}

// measure opens the chats at the set rate, waits until every one is completed,
// and reports.
func (r *routingRun) measure(ctx context.Context) (*Report, error) {
	w, err := openWindow(ctx, r.api, r.cfg.SampleEvery, r.errs)
	if err != nil {
		return nil, err
	}
	t0 := w.t0

	r.cfg.Log.Info("opening chats", "chats", r.cfg.Chats, "rate", r.cfg.Rate)
	var sends sync.WaitGroup
	pace(ctx, t0, r.cfg.Chats, r.cfg.Rate, func(i int, _ time.Duration) {
		sends.Go(func() { r.openChat(ctx, i) })
	})
	sends.Wait()
	dctx, cancel := context.WithTimeout(ctx, r.cfg.Drain)
	drained := waitFor(dctx, func() bool { return r.completed.Load() >= int64(r.cfg.Chats) }) == nil
	cancel()
	samples, client, busy := w.closeWindow(ctx)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.cfg.Log.Info("done", "took", time.Since(t0).Round(time.Millisecond), "all_completed", drained)
	rep := r.report(samples, client, time.Since(t0))
	rep.setMachineLoad(busy)
	return rep, nil
}

// openChat sends the visitor's first message, which makes the chat waiting.
func (r *routingRun) openChat(ctx context.Context, i int) {
	start := time.Now()
	in := core.SendInput{ClientID: fmt.Sprintf("routing-%s-%d", r.team.run, i), Text: "Hello"}
	if err := r.api.call(ctx, "POST", "/api/v1/widget/messages", r.sessions[i], in, nil); err != nil {
		return
	}
	r.openHTTP.record(time.Since(start))
	r.opened.Add(1)
}

// close ends every connection of the run.
func (r *routingRun) close() {
	r.closing.Store(true)
	r.stopConns()
	for _, a := range r.agents {
		if a != nil {
			closeWS(a.conn)
		}
	}
	r.goroutines.Wait()
}
