package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"testing"
)

// childEnv, when set, makes the test binary run parley with its arguments, as in
// "parley serve --addr …", instead of the tests: the crash test starts the binary
// again that way, so that it has a real server process to kill with SIGKILL.
const childEnv = "PARLEY_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(runChild())
	}
	os.Exit(m.Run())
}

// runChild runs parley as main does. A server also stops when its standard input
// ends: the test holds the other end of that pipe, so a test binary that dies (a
// timeout, a panic) takes its servers with it instead of leaving them on the port.
func runChild() int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	args, stdin := os.Args[1:], io.Reader(os.Stdin)
	if len(args) > 0 && args[0] == "serve" {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
		stdin = strings.NewReader("")
	}
	if err := run(ctx, args, stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "parley:", err)
		return 1
	}
	return 0
}
