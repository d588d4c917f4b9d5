package loadgen

import (
	"fmt"
	"math"
	"time"
)

// MessagesConfig is the "messages" scenario: visitors write at a set total rate,
// agents accept their chats and, with Reply, answer every message.
type MessagesConfig struct {
	Target
	// Agents and Visitors are the simulated people; agents are spread over Queues
	// queues (one web-chat channel each) and visitors over their channels.
	Agents, Visitors, Queues int
	// ChatLimit is each queue's simultaneous-chats limit; 0 takes Visitors/Agents+5.
	ChatLimit int
	// Rate is the total of visitor messages a second; Duration or Count says how many.
	Rate     float64
	Duration time.Duration
	Count    int
	Reply    bool
	// Idle is the number of extra visitor websockets held open and idle meanwhile.
	Idle int
	// TextBytes is the size of each message's text.
	TextBytes int
	// Drain is how long to wait after the last send for acks and deliveries.
	Drain time.Duration
}

// maxMessages bounds a run's records (40 bytes each, and one more per reply).
const maxMessages = 20_000_000

// total is the number of visitor messages the run sends.
func (c MessagesConfig) total() int {
	if c.Count > 0 {
		return c.Count
	}
	return int(math.Ceil(c.Rate * c.Duration.Seconds()))
}

func (c *MessagesConfig) check() error {
	// The setup includes the first message of every visitor.
	if err := c.Target.check(5 * time.Minute); err != nil {
		return err
	}
	switch {
	case c.Agents < 1 || c.Visitors < 1:
		return fmt.Errorf("at least one agent and one visitor are required")
	case c.Queues < 1 || c.Queues > c.Agents:
		return fmt.Errorf("queues must be between 1 and the number of agents")
	case c.Rate <= 0:
		return fmt.Errorf("the rate must be positive")
	case c.Count <= 0 && c.Duration <= 0:
		return fmt.Errorf("a duration or a count is required")
	case c.total() > maxMessages:
		return fmt.Errorf("%d messages is more than the %d a run may send", c.total(), maxMessages)
	case c.Idle < 0:
		return fmt.Errorf("idle must not be negative")
	}
	if c.ChatLimit <= 0 {
		perQueue := c.Agents / c.Queues
		c.ChatLimit = (c.Visitors/c.Queues+perQueue-1)/perQueue + 5
	}
	c.TextBytes = max(c.TextBytes, 1)
	if c.Drain <= 0 {
		c.Drain = 10 * time.Second
	}
	return nil
}

// MessagesParams are a run's parameters as the report shows them.
type MessagesParams struct {
	URL          string  `json:"url"`
	Admin        string  `json:"admin"`
	Agents       int     `json:"agents"`
	Visitors     int     `json:"visitors"`
	Queues       int     `json:"queues"`
	ChatLimit    int     `json:"chat_limit"`
	Rate         float64 `json:"rate"`
	Duration     string  `json:"duration,omitempty"`
	Count        int     `json:"count,omitempty"`
	Messages     int     `json:"messages"`
	Reply        bool    `json:"reply"`
	Idle         int     `json:"idle"`
	TextBytes    int     `json:"text_bytes"`
	Drain        string  `json:"drain"`
	SampleEvery  string  `json:"sample_every"`
	LatencyStart string  `json:"latency_from"`
}

func (c MessagesConfig) params() MessagesParams {
	p := MessagesParams{URL: c.URL.String(), Admin: c.Admin.Email, Agents: c.Agents, Visitors: c.Visitors, Queues: c.Queues,
		ChatLimit: c.ChatLimit, Rate: c.Rate, Count: c.Count, Messages: c.total(), Reply: c.Reply, Idle: c.Idle,
		TextBytes: c.TextBytes, Drain: c.Drain.String(), SampleEvery: c.SampleEvery.String(),
		LatencyStart: "the moment the frame is written; the *_from_schedule figures start at its planned time"}
	if c.Count <= 0 {
		p.Duration = c.Duration.String()
	}
	return p
}
