package realtime

import (
	"context"

	"parley"
)

// LocalBus is the bus of a single process: what is published goes straight to its hub.
type LocalBus struct {
	Hub *Hub
}

// Publish hands events to the hub; it never fails.
func (b LocalBus) Publish(_ context.Context, events []parley.Event) error {
	b.Hub.Deliver(events)
	return nil
}

var _ parley.Bus = LocalBus{}
