package core

import (
	"context"
	"sync"
	"time"

	"parley"
)

// hookChannelTTL is how long a node trusts the channel it read for a webhook
// key. Every webhook would otherwise read its channel, a third of the reads of
// a delivery; a change made on another node takes effect here within it.
const hookChannelTTL = 5 * time.Second

// hookChannels caches channels by webhook key, per node.
type hookChannels struct {
	mu    sync.Mutex
	byKey map[string]hookChannel
}

type hookChannel struct {
	ch   parley.Channel
	read time.Time
}

// hookChannel returns the channel with the webhook key, from the cache while fresh.
func (s *Service) hookChannel(ctx context.Context, key string) (parley.Channel, error) {
	c := &s.hooks
	c.mu.Lock()
	hit, ok := c.byKey[key]
	c.mu.Unlock()
	if ok && time.Since(hit.read) < hookChannelTTL {
		return hit.ch, nil
	}
	ch, err := s.store.ChannelByKey(ctx, key)
	if err != nil {
		return ch, err // unknown keys are not kept: anyone may make them up
	}
	c.mu.Lock()
	if c.byKey == nil {
		c.byKey = map[string]hookChannel{}
	}
	c.byKey[key] = hookChannel{ch: ch, read: time.Now()}
	c.mu.Unlock()
	return ch, nil
}

// forgetHookChannels drops the cache after this node changed a channel.
func (s *Service) forgetHookChannels() {
	s.hooks.mu.Lock()
	s.hooks.byKey = nil
	s.hooks.mu.Unlock()
}
