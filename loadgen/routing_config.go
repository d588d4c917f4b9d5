package loadgen

import (
	"cmp"
	"fmt"
	"time"
)

// RoutingConfig is the "routing" scenario: visitors open chats at a set rate,
// agents spread over many queues accept every offer and complete each chat after
// Hold, so that they free up for the next.
type RoutingConfig struct {
	Target
	// Agents are spread over Queues queues (one web-chat channel each); every
	// SecondEvery-th agent is a member of the next queue too.
	Agents, Queues, SecondEvery int
	ChatLimit                   int
	// Chats are opened at Rate a second, each by a visitor of its own, over the
	// channels in turn.
	Chats int
	Rate  float64
	Hold  time.Duration
	// Drain is how long to wait after the last chat is opened for every chat to be completed.
	Drain time.Duration
}

func (c *RoutingConfig) check() error {
	if err := c.Target.check(10 * time.Minute); err != nil {
		return err
	}
	switch {
	case c.Agents < 1 || c.Chats < 1:
		return fmt.Errorf("at least one agent and one chat are required")
	case c.Queues < 1 || c.Queues > c.Agents:
		return fmt.Errorf("queues must be between 1 and the number of agents")
	case c.Rate <= 0 || c.ChatLimit < 1:
		return fmt.Errorf("the rate and the chat limit must be positive")
	}
	c.Drain = cmp.Or(c.Drain, 30*time.Second)
	return nil
}

// RoutingParams are a run's parameters as the report shows them.
type RoutingParams struct {
	URL         string  `json:"url"`
	Admin       string  `json:"admin"`
	Agents      int     `json:"agents"`
	Queues      int     `json:"queues"`
	SecondEvery int     `json:"second_queue_every"`
	ChatLimit   int     `json:"chat_limit"`
	Chats       int     `json:"chats"`
	Rate        float64 `json:"rate"`
	Hold        string  `json:"hold"`
	Drain       string  `json:"drain"`
	SampleEvery string  `json:"sample_every"`
}

func (c RoutingConfig) params() RoutingParams {
	return RoutingParams{URL: c.URL.String(), Admin: c.Admin.Email, Agents: c.Agents, Queues: c.Queues, SecondEvery: c.SecondEvery,
		ChatLimit: c.ChatLimit, Chats: c.Chats, Rate: c.Rate, Hold: c.Hold.String(), Drain: c.Drain.String(),
		SampleEvery: c.SampleEvery.String()}
}
