// Package natsbus carries events between the nodes of a cluster over core NATS.
// Delivery is at most once; the real-time hub reads what is lost back from the log.
package natsbus

import (
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"

	"parley"
)

// nodeHeader names the publishing node, so that a node skips its own messages.
const nodeHeader = "Parley-Node"

// closeTimeout bounds how long Close waits for the drain.
const closeTimeout = 30 * time.Second

// Bus is a parley.Bus over NATS: this node's events go to its own hub at once and
// to the other nodes through one subject.
type Bus struct {
	nc      *nats.Conn
	subject string
	// sender is the node id plus a random part: two nodes configured with the same
	// id must still hear each other.
	sender string
	local  func([]parley.Event)
	log    *slog.Logger
	closed chan struct{}
}

// New connects to the NATS server at url and hands local the events other nodes
// publish on subject; nodeID names this node in their logs and headers.
func New(url, subject, nodeID string, local func([]parley.Event), log *slog.Logger) (*Bus, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := &Bus{subject: subject, sender: nodeID + "/" + rand.Text(), local: local, log: log, closed: make(chan struct{})}
	nc, err := nats.Connect(url,
		nats.Name("parley "+nodeID),
		nats.MaxReconnects(-1),
		nats.DrainTimeout(closeTimeout),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			log.Warn("natsbus: disconnected; events meanwhile come from the log", "err", err)
		}),
		nats.ReconnectHandler(func(*nats.Conn) { log.Info("natsbus: reconnected") }),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
			log.Warn("natsbus: asynchronous error", "err", err)
		}),
		nats.ClosedHandler(func(*nats.Conn) { close(b.closed) }),
	)
	if err != nil {
		return nil, fmt.Errorf("natsbus: connecting to %s: %w", url, err)
	}
	b.nc = nc
	if _, err := nc.Subscribe(subject, b.receive); err != nil {
		nc.Close()
		return nil, fmt.Errorf("natsbus: subscribing to %s: %w", subject, err)
	}
	// Subscribe only queues the request; a flush makes sure the server has it
	// before New returns, so no event published after New is missed.
	if err := nc.Flush(); err != nil {
		nc.Close()
		return nil, fmt.Errorf("natsbus: subscribing to %s: %w", subject, err)
	}
	return b, nil
}

// receive hands the events of another node to the local hub.
func (b *Bus) receive(m *nats.Msg) {
	if m.Header.Get(nodeHeader) == b.sender {
		return // this node's hub had them from Publish
	}
	events, err := decode(m.Data)
	if err != nil {
		b.log.Warn("natsbus: dropping a message", "from", m.Header.Get(nodeHeader), "err", err)
		return
	}
	b.local(events)
}

// Close drains the connection: what was published is sent and what was received
// is handled before it closes.
func (b *Bus) Close() {
	if err := b.nc.Drain(); err != nil {
		b.log.Warn("natsbus: draining", "err", err)
		b.nc.Close()
	}
	select {
	case <-b.closed:
	case <-time.After(closeTimeout):
		b.log.Warn("natsbus: drain timed out")
		b.nc.Close()
	}
}

var _ parley.Bus = (*Bus)(nil)

// errTooLarge marks an event that no NATS message can hold.
var errTooLarge = errors.New("natsbus: event larger than the server's max payload")
