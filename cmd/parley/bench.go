package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"time"

	"parley/loadgen"
)

const benchUsage = `usage:
  parley bench messages --admin-email E --admin-password P [flags]   visitors write at a set rate, agents accept and answer
  parley bench conns --admin-email E --admin-password P [flags]      hold N idle websockets and read the server's memory
  parley bench routing --admin-email E --admin-password P [flags]    visitors open chats at a set rate, agents of many queues take them
  parley bench webhooks --admin-email E --admin-password P [flags]   a Telegram bot's webhook receives users' messages at a set rate
Run "parley bench SCENARIO -h" for the flags.`

// bench runs the load tool against a running server on a loopback address.
func bench(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%s", benchUsage)
	}
	switch args[0] {
	case "messages":
		return benchMessages(ctx, args[1:], stdout, stderr)
	case "conns":
		return benchConns(ctx, args[1:], stdout, stderr)
	case "routing":
		return benchRouting(ctx, args[1:], stdout, stderr)
	case "webhooks":
		return benchWebhooks(ctx, args[1:], stdout, stderr)
	case "conns-worker": // hidden: what "conns" runs in each of its worker processes
		return loadgen.RunConnsWorker(ctx, stdin, stdout)
	}
	return fmt.Errorf("unknown bench scenario %q\n%s", args[0], benchUsage)
}

// benchCommon are the flags every scenario takes.
type benchCommon struct {
	url, email, password   string
	database, label        string
	jsonFile, format       string
	setupTimeout, sampling time.Duration
}

func (c *benchCommon) register(fs *flagSet) {
	fs.StringVar(&c.url, "url", "http://127.0.0.1:8080", "the running server (a 127.0.0.x address)")
	fs.str(&c.email, "admin-email", "", "an admin's e-mail: the run creates its agents, queues and channels")
	fs.str(&c.password, "admin-password", "", "that admin's password")
	fs.StringVar(&c.database, "database", "", "the server's database, for the report (the API does not tell): a SQLite path or postgres:// URL")
	fs.StringVar(&c.label, "label", "", "a free-form label for the report")
	fs.StringVar(&c.jsonFile, "json", "", "also write the report as JSON to this file")
	fs.StringVar(&c.format, "format", "table", "what goes to standard output: table or json")
	fs.DurationVar(&c.setupTimeout, "setup-timeout", 5*time.Minute, "bound on creating accounts and opening connections")
	fs.DurationVar(&c.sampling, "sample", 250*time.Millisecond, "how often the server's /metrics is read")
}

// dbKind says what database the report names, without any password.
func dbKind(database string) string {
	switch {
	case database == "":
		return ""
	case strings.HasPrefix(database, "postgres://"), strings.HasPrefix(database, "postgresql://"):
		return "postgres " + redactURL(database)
	}
	return "sqlite " + database
}

// output prints the report and writes its JSON; a run that counted errors fails.
func (c *benchCommon) output(rep *loadgen.Report, args []string, stdout io.Writer) error {
	rep.Command = append([]string{"parley", "bench"}, redactArgs(args)...)
	var err error
	if c.format == "json" {
		err = rep.WriteJSON(stdout)
	} else {
		err = rep.WriteTable(stdout)
	}
	if err != nil {
		return err
	}
	if c.jsonFile != "" {
		if err := writeJSONFile(c.jsonFile, rep); err != nil {
			return err
		}
	}
	if n := rep.ErrorCount(); n > 0 {
		return fmt.Errorf("the run counted %d errors", n)
	}
	return nil
}

func writeJSONFile(path string, rep *loadgen.Report) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("writing the JSON report: %w", err)
	}
	if err := rep.WriteJSON(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing the JSON report: %w", err)
	}
	return nil
}

// redactArgs hides the admin's password from the command line the report keeps.
func redactArgs(args []string) []string {
	out := append([]string(nil), args...)
	for i, a := range out {
		switch {
		case strings.HasPrefix(a, "--admin-password=") || strings.HasPrefix(a, "-admin-password="):
			out[i] = a[:strings.IndexByte(a, '=')+1] + "…"
		case (a == "--admin-password" || a == "-admin-password") && i+1 < len(out):
			out[i+1] = "…"
		}
	}
	return out
}

func benchLogger(stderr io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(stderr, nil))
}

// execWorkers starts "conns" workers as copies of this program.
func execWorkers(stderr io.Writer) loadgen.WorkerStarter {
	return func(ctx context.Context, i int) (loadgen.Worker, error) {
		exe, err := os.Executable()
		if err != nil {
			return loadgen.Worker{}, fmt.Errorf("finding this program: %w", err)
		}
		cmd := exec.CommandContext(ctx, exe, "bench", "conns-worker")
		cmd.Stderr = stderr
		in, err := cmd.StdinPipe()
		if err != nil {
			return loadgen.Worker{}, fmt.Errorf("worker %d: %w", i, err)
		}
		out, err := cmd.StdoutPipe()
		if err != nil {
			return loadgen.Worker{}, fmt.Errorf("worker %d: %w", i, err)
		}
		if err := cmd.Start(); err != nil {
			return loadgen.Worker{}, fmt.Errorf("worker %d: %w", i, err)
		}
		return loadgen.Worker{In: in, Out: out, Wait: cmd.Wait}, nil
	}
}

// benchMessages runs "bench messages".
func benchMessages(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runScenario(ctx, "messages", args, stdout, stderr, parseBenchMessages, loadgen.RunMessages)
}

// runScenario parses a scenario's flags, runs it and prints its report.
func runScenario[C any](ctx context.Context, name string, args []string, stdout, stderr io.Writer,
	parse func([]string, io.Writer) (C, benchCommon, error), run func(context.Context, C) (*loadgen.Report, error)) error {
	cfg, common, err := parse(args, stderr)
	if err != nil {
		return err
	}
	rep, err := run(ctx, cfg)
	if err != nil {
		return err
	}
	return common.output(rep, append([]string{name}, args...), stdout)
}

func parseBenchMessages(args []string, stderr io.Writer) (loadgen.MessagesConfig, benchCommon, error) {
	var c loadgen.MessagesConfig
	var common benchCommon
	fs := newFlagSet("bench messages", stderr)
	common.register(fs)
	fs.IntVar(&c.Agents, "agents", 50, "simulated agents")
	fs.IntVar(&c.Visitors, "visitors", 500, "simulated visitors, each with one chat")
	fs.IntVar(&c.Queues, "queues", 1, "queues (and web-chat channels) the agents and visitors are spread over")
	fs.IntVar(&c.ChatLimit, "chat-limit", 0, "each queue's chat limit (0: visitors per agent + 5)")
	fs.Float64Var(&c.Rate, "rate", 1000, "visitor messages per second, all visitors together")
	fs.DurationVar(&c.Duration, "duration", 30*time.Second, "how long to send (unless --count)")
	fs.IntVar(&c.Count, "count", 0, "how many messages to send, instead of a duration")
	fs.BoolVar(&c.Reply, "reply", false, "agents answer every visitor message with one of theirs")
	fs.IntVar(&c.Idle, "idle", 0, "extra idle visitor websockets held during the run")
	fs.IntVar(&c.TextBytes, "text-bytes", 32, "size of each message's text")
	fs.DurationVar(&c.Drain, "drain", 10*time.Second, "how long to wait after the last send for acks and deliveries")
	if err := fs.parse(args); err != nil {
		return c, common, err
	}
	var err error
	c.Target, err = common.target(stderr)
	return c, common, err
}

// benchConns runs "bench conns".
func benchConns(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, common, err := parseBenchConns(args, stderr)
	if err != nil {
		return err
	}
	if cfg.Procs > 0 {
		cfg.Start = execWorkers(stderr)
	}
	rep, err := loadgen.RunConns(ctx, cfg)
	if err != nil {
		return err
	}
	return common.output(rep, append([]string{"conns"}, args...), stdout)
}

func parseBenchConns(args []string, stderr io.Writer) (loadgen.ConnsConfig, benchCommon, error) {
	var c loadgen.ConnsConfig
	var common benchCommon
	fs := newFlagSet("bench conns", stderr)
	common.register(fs)
	fs.IntVar(&c.N, "n", 15000, "idle websockets to open")
	fs.Float64Var(&c.VisitorsShare, "visitors-share", 0.9, "the share of them that are visitors; agents are the rest")
	fs.IntVar(&c.Agents, "agents", 10, "agent accounts the agent websockets share")
	fs.IntVar(&c.Procs, "procs", 2, "worker processes the websockets are spread over (0: this process)")
	fs.DurationVar(&c.Hold, "hold", 20*time.Second, "how long to hold them once open")
	fs.DurationVar(&c.Settle, "settle", 3*time.Second, "quiet time before each memory reading")
	fs.DurationVar(&c.Ping, "ping", 25*time.Second, "each websocket's ping interval (0: none of its own)")
	if err := fs.parse(args); err != nil {
		return c, common, err
	}
	var err error
	c.Target, err = common.target(stderr)
	return c, common, err
}

// target checks the common flags and gives what every scenario's config holds.
func (c *benchCommon) target(stderr io.Writer) (loadgen.Target, error) {
	if c.format != "table" && c.format != "json" {
		return loadgen.Target{}, fmt.Errorf("--format must be table or json, not %q", c.format)
	}
	u, err := loadgen.ParseServerURL(c.url)
	if err != nil {
		return loadgen.Target{}, err
	}
	return loadgen.Target{URL: u, Admin: loadgen.Credentials{Email: c.email, Password: c.password},
		SetupTimeout: c.setupTimeout, SampleEvery: c.sampling, Database: dbKind(c.database), Label: c.label,
		Log: benchLogger(stderr)}, nil
}
