package main

import (
	"context"
	"io"
	"time"

	"parley/loadgen"
)

// benchRouting runs "bench routing".
func benchRouting(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runScenario(ctx, "routing", args, stdout, stderr, parseBenchRouting, loadgen.RunRouting)
}

func parseBenchRouting(args []string, stderr io.Writer) (loadgen.RoutingConfig, benchCommon, error) {
	var c loadgen.RoutingConfig
	var common benchCommon
	fs := newFlagSet("bench routing", stderr)
	common.register(fs)
	// A thousand agents cost two password hashes each to create and log in:
	// minutes on a small machine.
	_ = fs.Set("setup-timeout", "30m")
	fs.Lookup("setup-timeout").DefValue = "30m"
	fs.IntVar(&c.Agents, "agents", 1000, "simulated agents, each with a console websocket")
	fs.IntVar(&c.Queues, "queues", 50, "queues (and web-chat channels) the agents and chats are spread over")
	fs.IntVar(&c.SecondEvery, "second-queue-every", 2, "every Nth agent is in the next queue too (0: one queue each)")
	fs.IntVar(&c.ChatLimit, "chat-limit", 3, "each queue's chat limit")
	fs.IntVar(&c.Chats, "chats", 10000, "chats to open, one visitor each")
	fs.Float64Var(&c.Rate, "rate", 500, "new chats per second")
	fs.DurationVar(&c.Hold, "hold", time.Second, "how long an agent keeps a chat before completing it")
	fs.DurationVar(&c.Drain, "drain", 30*time.Second, "how long to wait after the last chat is opened for every chat to be completed")
	if err := fs.parse(args); err != nil {
		return c, common, err
	}
	var err error
	c.Target, err = common.target(stderr)
	return c, common, err
}
