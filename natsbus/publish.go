package natsbus

import (
	"context"
	"fmt"

	"github.com/nats-io/nats.go"

	"parley"
)

// Publish hands events to this node's hub, then sends them to the other nodes.
// An error means the others may not have them; they read committed events back
// from the log, and lose only typing.
func (b *Bus) Publish(_ context.Context, events []parley.Event) error {
	if len(events) == 0 {
		return nil
	}
	b.local(events)
	chunks, err := encode(events, int(b.nc.MaxPayload()))
	for _, data := range chunks {
		msg := &nats.Msg{Subject: b.subject, Header: nats.Header{}, Data: data}
		msg.Header.Set(nodeHeader, b.sender)
		if perr := b.nc.PublishMsg(msg); perr != nil {
			return fmt.Errorf("natsbus: publishing %d events: %w", len(events), perr)
		}
	}
	return err
}
