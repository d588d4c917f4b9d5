package main

import (
	"context"
	"io"
	"time"

	"parley/loadgen"
)

// benchWebhooks runs "bench webhooks".
func benchWebhooks(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runScenario(ctx, "webhooks", args, stdout, stderr, parseBenchWebhooks, loadgen.RunWebhooks)
}

func parseBenchWebhooks(args []string, stderr io.Writer) (loadgen.WebhooksConfig, benchCommon, error) {
	var c loadgen.WebhooksConfig
	var common benchCommon
	fs := newFlagSet("bench webhooks", stderr)
	common.register(fs)
	fs.IntVar(&c.Agents, "agents", 20, "simulated agents of the Telegram channel's queue, who accept every chat")
	fs.IntVar(&c.Users, "users", 2000, "Telegram users the webhooks come from; each one's first message opens their chat")
	fs.IntVar(&c.ChatLimit, "chat-limit", 0, "the queue's chat limit (0: users per agent + 5, at most 100)")
	fs.Float64Var(&c.Rate, "rate", 1000, "webhooks per second, all users together")
	fs.DurationVar(&c.Duration, "duration", 30*time.Second, "how long to send (unless --count)")
	fs.IntVar(&c.Count, "count", 0, "how many webhooks to send, instead of a duration")
	fs.DurationVar(&c.Drain, "drain", 10*time.Second, "how long to wait after the last webhook for answers and events")
	if err := fs.parse(args); err != nil {
		return c, common, err
	}
	var err error
	c.Target, err = common.target(stderr)
	return c, common, err
}
