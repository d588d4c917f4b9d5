package main

import (
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"parley/core"
	"parley/files"
)

// config is everything the server can be told, from flags or PARLEY_* variables.
type config struct {
	Addr            string
	Database        string
	NATSURL         string
	NATSSubject     string
	NodeID          string
	LogLevel        string
	LogFormat       string
	SecureCookies   bool
	SessionTTL      time.Duration
	ShutdownTimeout time.Duration
	TimerInterval   time.Duration
	OutboxInterval  time.Duration
	MailInterval    time.Duration
	// ConsoleRefresh and ConsoleGoneAfter time console presence (R1.6, R1.2).
	ConsoleRefresh   time.Duration
	ConsoleGoneAfter time.Duration
	DebugAddr        string
	FilesDir         string
	MaxFileSize      int64
	// SecretsKey seals channel secrets at rest: base64 of 32 bytes, or empty.
	SecretsKey string
}

// flagSet binds flags whose defaults come from the environment, so a flag on the
// command line wins over its PARLEY_* variable, which wins over the built-in default.
type flagSet struct {
	*flag.FlagSet
	errs []error
}

func newFlagSet(name string, out io.Writer) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	return &flagSet{FlagSet: fs}
}

func envName(flagName string) string {
	return "PARLEY_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

func (f *flagSet) str(p *string, name, def, help string) {
	if v, ok := os.LookupEnv(envName(name)); ok {
		def = v
	}
	f.StringVar(p, name, def, help+" ("+envName(name)+")")
}

func (f *flagSet) boolean(p *bool, name string, def bool, help string) {
	if v, ok := os.LookupEnv(envName(name)); ok {
		b, err := strconv.ParseBool(v)
		if err != nil {
			f.errs = append(f.errs, fmt.Errorf("%s: %w", envName(name), err))
		}
		def = b
	}
	f.BoolVar(p, name, def, help+" ("+envName(name)+")")
}

func (f *flagSet) duration(p *time.Duration, name string, def time.Duration, help string) {
	if v, ok := os.LookupEnv(envName(name)); ok {
		d, err := time.ParseDuration(v)
		if err != nil {
			f.errs = append(f.errs, fmt.Errorf("%s: %w", envName(name), err))
		}
		def = d
	}
	f.DurationVar(p, name, def, help+" ("+envName(name)+")")
}

func (f *flagSet) size(p *int64, name string, def int64, help string) {
	if v, ok := os.LookupEnv(envName(name)); ok {
		n, err := parseSize(v)
		if err != nil {
			f.errs = append(f.errs, fmt.Errorf("%s: %w", envName(name), err))
		}
		def = n
	}
	*p = def
	f.Func(name, help+" ("+envName(name)+"; default "+formatSize(def)+")", func(s string) error {
		n, err := parseSize(s)
		*p = n
		return err
	})
}

func (f *flagSet) parse(args []string) error {
	if len(f.errs) > 0 {
		return f.errs[0]
	}
	return f.Parse(args)
}

// databaseFlag is shared by every subcommand that opens the database.
func databaseFlag(fs *flagSet, p *string) {
	fs.str(p, "database", "data/parley.db", "SQLite file path, or a postgres:// URL")
}

func parseServeConfig(args []string, out io.Writer) (config, error) {
	var c config
	fs := newFlagSet("serve", out)
	fs.str(&c.Addr, "addr", "127.0.0.1:8080", "address to listen on")
	databaseFlag(fs, &c.Database)
	fs.str(&c.NATSURL, "nats-url", "", "NATS server for several nodes (empty: one process)")
	fs.str(&c.NATSSubject, "nats-subject", "parley.events", "NATS subject that carries events between nodes")
	host, _ := os.Hostname()
	fs.str(&c.NodeID, "node-id", fmt.Sprintf("%s-%d", host, os.Getpid()), "this node's name among several")
	fs.str(&c.LogLevel, "log-level", "info", "debug, info, warn or error")
	fs.str(&c.LogFormat, "log-format", "text", "text or json")
	fs.boolean(&c.SecureCookies, "secure-cookies", false, "mark session cookies Secure (behind HTTPS)")
	fs.duration(&c.SessionTTL, "session-ttl", 30*24*time.Hour, "how long a login lasts")
	fs.duration(&c.ShutdownTimeout, "shutdown-timeout", 15*time.Second, "how long in-flight requests may take at shutdown")
	fs.duration(&c.TimerInterval, "timer-interval", 250*time.Millisecond, "how often due timers are looked for")
	fs.duration(&c.OutboxInterval, "outbox-interval", 250*time.Millisecond, "how often messages due to providers are looked for")
	fs.duration(&c.MailInterval, "mail-interval", 30*time.Second, "how often e-mail channels' mailboxes are read")
	fs.duration(&c.ConsoleRefresh, "console-refresh", core.DefaultConsoleRefresh, "how often a node marks the consoles it holds as connected; online means seen within twice that")
	fs.duration(&c.ConsoleGoneAfter, "console-gone-after", core.DefaultConsoleGoneAfter, "how long a console may be gone before its agent counts as logged out and becomes inactive")
	fs.str(&c.FilesDir, "files-dir", "data/files", "directory of uploaded files")
	fs.size(&c.MaxFileSize, "max-file-size", files.DefaultMaxSize, "largest file accepted: bytes, or with KiB, MiB or GiB")
	fs.str(&c.DebugAddr, "debug-addr", "", "address for Go's profiler, /debug/pprof/ (empty: off; keep it on loopback)")
	fs.str(&c.SecretsKey, "secrets-key", "", "base64 of 32 random bytes that seal channel secrets in the database (empty: stored in clear)")
	return c, fs.parse(args)
}

// secretsKey decodes --secrets-key: 32 bytes in standard or URL base64.
func (c config) secretsKey() ([]byte, error) {
	if c.SecretsKey == "" {
		return nil, nil
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if key, err := enc.DecodeString(c.SecretsKey); err == nil && len(key) == 32 {
			return key, nil
		}
	}
	return nil, fmt.Errorf("--secrets-key must be base64 of 32 bytes (for example: head -c 32 /dev/urandom | base64)")
}

func newLogger(c config, out io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return nil, fmt.Errorf("log level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch c.LogFormat {
	case "text":
		return slog.New(slog.NewTextHandler(out, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(out, opts)), nil
	}
	return nil, fmt.Errorf("log format must be text or json, not %q", c.LogFormat)
}
