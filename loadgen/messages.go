package loadgen

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// messagesRun is the state of one "messages" run.
type messagesRun struct {
	cfg    MessagesConfig
	api    *apiClient
	errs   *errorLog
	team   *team
	dialer *websocket.Dialer
	epoch  time.Time

	visits, replies, warm *flow
	// offerServer is chat.created's time to chat.offered's, both the server's clock;
	// offerReceived ends when the agent's websocket has the offer.
	offerServer, offerReceived, acceptHTTP histogram
	accepted                               atomic.Int64

	visitors []*visitor
	agents   []*agent
	idle     *idlePool

	// connCtx lives as long as the connections; closing is set before they are
	// closed on purpose, so that their ends are not counted as disconnects.
	connCtx    context.Context
	stopConns  context.CancelFunc
	closing    atomic.Bool
	goroutines sync.WaitGroup
}

// flowOf returns the flow of a kind of message.
func (r *messagesRun) flowOf(kind byte) *flow {
	switch kind {
	case idReply:
		return r.replies
	case idWarmup:
		return r.warm
	}
	return r.visits
}

// RunMessages runs the "messages" scenario against a running server and reports.
func RunMessages(ctx context.Context, cfg MessagesConfig) (*Report, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if err := checkOpenFiles(cfg.Agents + cfg.Visitors + cfg.Idle); err != nil {
		return nil, err
	}
	errs := newErrorLog()
	r := &messagesRun{cfg: cfg, api: newAPIClient(cfg.URL, errs), errs: errs, dialer: newDialer(nil, false), epoch: time.Now()}
	total := cfg.total()
	r.visits, r.replies, r.warm = newFlow(r.epoch, total), newFlow(r.epoch, total), newFlow(r.epoch, cfg.Visitors)
	r.connCtx, r.stopConns = context.WithCancel(context.WithoutCancel(ctx))
	defer r.close()

	setupCtx, cancel := context.WithTimeout(ctx, cfg.SetupTimeout)
	defer cancel()
	if err := r.setup(setupCtx); err != nil {
		return nil, err
	}
	return r.measure(ctx)
}

// setup creates the team, opens every websocket and lets every visitor open their
// chat, so that the measured part sees chats in progress only.
func (r *messagesRun) setup(ctx context.Context) error {
	log := r.cfg.Log
	spec := teamSpec{agents: r.cfg.Agents, queues: r.cfg.Queues, chatLimit: r.cfg.ChatLimit}
	t, err := setupTeam(ctx, r.api, r.cfg.Admin, spec, log)
	if err != nil {
		return err
	}
	r.team = t
	since, err := r.lastEventID(ctx)
	if err != nil {
		return err
	}
	// Agents listen before they become active, so that no offer goes unseen.
	r.agents = make([]*agent, len(t.agents))
	if err := forEach(ctx, len(t.agents), 16, func(ctx context.Context, i int) (err error) {
		r.agents[i], err = r.openAgent(ctx, i, since)
		return err
	}); err != nil {
		return err
	}
	if err := t.activate(ctx, r.api); err != nil {
		return err
	}
	log.Info("agents are listening", "agents", len(r.agents))
	r.visitors = make([]*visitor, r.cfg.Visitors)
	if err := forEach(ctx, r.cfg.Visitors, 16, func(ctx context.Context, i int) (err error) {
		r.visitors[i], err = r.openVisitor(ctx, i)
		return err
	}); err != nil {
		return err
	}
	log.Info("visitors are connected", "visitors", len(r.visitors))
	if err := r.openIdle(ctx); err != nil {
		return err
	}
	return r.warmUp(ctx)
}

// lastEventID asks the server, through a websocket of the admin's, where its log
// ends now: the agents resume from there.
func (r *messagesRun) lastEventID(ctx context.Context) (int64, error) {
	conn, err := dialWS(ctx, r.dialer, r.api.wsURL("/api/v1/ws"), bearer(r.team.admin))
	if err != nil {
		return 0, fmt.Errorf("the admin's websocket: %w", err)
	}
	defer closeWS(conn)
	return waitReady(conn, handshakeTimeout)
}

// openIdle holds the extra idle visitors, from another source address so that they
// leave the ephemeral ports of 127.0.0.1 to the busy connections.
func (r *messagesRun) openIdle(ctx context.Context) error {
	if r.cfg.Idle == 0 {
		return nil
	}
	r.idle = newIdlePool(r.errs, 25*time.Second)
	d := newDialer(net.IPv4(127, 0, 0, 2), true)
	key := r.team.channels[0].PublicKey
	err := forEach(ctx, r.cfg.Idle, 32, func(ctx context.Context, i int) error {
		token, err := visitorSession(ctx, r.api, key, r.cfg.Visitors+i)
		if err != nil {
			return err
		}
		return r.idle.open(ctx, d, r.api.wsURL("/api/v1/widget/ws?token="+url.QueryEscape(token)), nil)
	})
	if err != nil {
		return fmt.Errorf("opening idle connections (%d open): %w", r.idle.size(), err)
	}
	r.cfg.Log.Info("idle connections are open", "idle", r.idle.size())
	return nil
}

// warmUp sends every visitor's first message, which opens their chat, paced at
// the run's rate (a burst of new chats would time the burst, not the server), and
// waits until every chat is accepted.
func (r *messagesRun) warmUp(ctx context.Context) error {
	pace(ctx, r.epoch, len(r.visitors), r.cfg.Rate, func(i int, due time.Duration) {
		r.warm.setDue(i, due)
		r.visitors[i].out.push(sendItem{kind: idWarmup, n: i})
	})
	want := int64(len(r.visitors))
	err := waitFor(ctx, func() bool {
		return r.warm.completed.Load() == want && r.accepted.Load() == want
	})
	if err != nil {
		c, _ := r.warm.counts()
		return fmt.Errorf("warming up: %d of %d first messages went through and %d chats were accepted: %w", c.Completed, want, r.accepted.Load(), err)
	}
	r.cfg.Log.Info("every visitor's chat is accepted", "chats", want)
	return nil
}

// waitFor polls cond until it holds or ctx ends.
func waitFor(ctx context.Context, cond func() bool) error {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
	return nil
}

// close ends every connection of the run.
func (r *messagesRun) close() {
	r.closing.Store(true)
	r.stopConns()
	for _, v := range r.visitors {
		if v != nil {
			closeWS(v.conn)
		}
	}
	for _, a := range r.agents {
		if a != nil {
			closeWS(a.conn)
		}
	}
	if r.idle != nil {
		r.idle.close()
	}
	r.goroutines.Wait()
}

// closeWS says goodbye and closes: the server's reader ends without an error.
func closeWS(conn *websocket.Conn) {
	msg := websocket.FormatCloseMessage(websocket.CloseNormalClosure, "bench done")
	_ = conn.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
	conn.Close()
}
