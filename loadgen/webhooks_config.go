package loadgen

import (
	"cmp"
	"fmt"
	"math"
	"time"
)

// WebhooksConfig is the "webhooks" scenario: a Telegram bot's webhook receives
// updates from Users users at a set total rate; Agents agents of one queue accept
// the chats those users open.
type WebhooksConfig struct {
	Target
	Agents, Users int
	// ChatLimit is the queue's simultaneous-chats limit; 0 takes Users/Agents+5,
	// within the server's 100. Every user's chat must find room.
	ChatLimit int
	// Rate is the total of webhooks a second; Duration or Count says how many.
	Rate     float64
	Duration time.Duration
	Count    int
	// Drain is how long to wait after the last POST for every answer and event.
	Drain time.Duration
}

// maxChatLimit is the largest chat limit the server takes.
const maxChatLimit = 100

// total is the number of measured webhooks the run sends.
func (c WebhooksConfig) total() int {
	if c.Count > 0 {
		return c.Count
	}
	return int(math.Ceil(c.Rate * c.Duration.Seconds()))
}

func (c *WebhooksConfig) check() error {
	if err := c.Target.check(5 * time.Minute); err != nil {
		return err
	}
	switch {
	case c.Agents < 1 || c.Users < 1:
		return fmt.Errorf("at least one agent and one user are required")
	case c.Rate <= 0:
		return fmt.Errorf("the rate must be positive")
	case c.Count <= 0 && c.Duration <= 0:
		return fmt.Errorf("a duration or a count is required")
	case c.total() > maxMessages:
		return fmt.Errorf("%d webhooks is more than the %d a run may send", c.total(), maxMessages)
	}
	if c.ChatLimit <= 0 {
		c.ChatLimit = min((c.Users+c.Agents-1)/c.Agents+5, maxChatLimit)
	}
	if c.Users > c.Agents*c.ChatLimit {
		return fmt.Errorf("%d agents with a chat limit of %d cannot take %d users' chats: more agents are needed", c.Agents, c.ChatLimit, c.Users)
	}
	c.Drain = cmp.Or(c.Drain, 10*time.Second)
	return nil
}

// WebhooksParams are a run's parameters as the report shows them.
type WebhooksParams struct {
	URL         string  `json:"url"`
	Admin       string  `json:"admin"`
	Channel     string  `json:"channel"`
	Agents      int     `json:"agents"`
	Users       int     `json:"users"`
	ChatLimit   int     `json:"chat_limit"`
	Rate        float64 `json:"rate"`
	Duration    string  `json:"duration,omitempty"`
	Count       int     `json:"count,omitempty"`
	Webhooks    int     `json:"webhooks"`
	Drain       string  `json:"drain"`
	SampleEvery string  `json:"sample_every"`
	// Figures says how the "messages" figures of the report read for webhooks.
	Figures string `json:"figures"`
}

func (c WebhooksConfig) params() WebhooksParams {
	p := WebhooksParams{URL: c.URL.String(), Admin: c.Admin.Email, Channel: "telegram", Agents: c.Agents, Users: c.Users,
		ChatLimit: c.ChatLimit, Rate: c.Rate, Count: c.Count, Webhooks: c.total(), Drain: c.Drain.String(),
		SampleEvery: c.SampleEvery.String(), Figures: webhooksFigures}
	if c.Count <= 0 {
		p.Duration = c.Duration.String()
	}
	return p
}

// webhooksFigures says how the figures the scenario shares with "messages" read.
const webhooksFigures = "a visitor is a Telegram user and a visitor message one webhook POST; " +
	"visitor ack is the POST until its 200 answer, sent after the message and its event are committed; " +
	"visitor→agent runs from the POST's start until the admin's websocket has the message.created event; " +
	"first message→agent is each user's first webhook, which opens their chat (the warm-up)"
