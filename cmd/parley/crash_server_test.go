package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The server process.

// serverProc is parley serve in a child process (this test binary, which TestMain
// turns into the server) on a fixed address, so that it can be killed and started
// again where its clients expect it.
type serverProc struct {
	t        *testing.T
	addr     string
	database string
	dir      string // log files, one per start
	starts   int
	args     []string // more flags for serve; a flag given twice takes its last value
	cmd      *exec.Cmd
	stdin    io.Closer
	exited   chan struct{} // closed once the process has ended
}

func newServerProc(t *testing.T, database string) *serverProc {
	p := &serverProc{t: t, addr: freeAddr(t), database: database, dir: t.TempDir()}
	t.Cleanup(p.cleanup)
	return p
}

// freeAddr returns a loopback address whose port nobody listens on now. The server
// binds it again at every start: Go listeners set SO_REUSEADDR, so the connections
// a killed server leaves in TIME_WAIT do not keep the port.
func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func (p *serverProc) start() {
	p.t.Helper()
	p.starts++
	logFile, err := os.Create(filepath.Join(p.dir, fmt.Sprintf("server-%d.log", p.starts)))
	if err != nil {
		p.t.Fatal(err)
	}
	defer logFile.Close() // the child has its own descriptor
	cmd := exec.Command(os.Args[0], "serve", "--addr", p.addr, "--database", p.database,
		"--timer-interval", timerInterval.String(), "--node-id", fmt.Sprintf("crash-%d", p.starts))
	cmd.Args = append(cmd.Args, p.args...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	stdin, err := cmd.StdinPipe()
	if err != nil {
		p.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		p.t.Fatal(err)
	}
	p.cmd, p.stdin, p.exited = cmd, stdin, make(chan struct{})
	go func(exited chan struct{}) {
		_ = cmd.Wait()
		close(exited)
	}(p.exited)
	p.awaitReady()
}

// awaitReady polls /readyz until the server answers that its database does.
func (p *serverProc) awaitReady() {
	p.t.Helper()
	deadline := time.Now().Add(phaseTimeout)
	for {
		resp, err := http.Get("http://" + p.addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("the server is not ready within %v: %v", phaseTimeout, err)
		}
		select {
		case <-p.exited:
			p.t.Fatalf("the server exited while starting: %v\n%s", p.cmd.ProcessState, p.logs())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// kill ends the server with SIGKILL, as a power cut would (for the process; the
// database keeps what it committed), and waits until it is gone.
func (p *serverProc) kill() {
	p.t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		p.t.Fatal(err)
	}
	p.await()
	if ws, ok := p.cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		p.t.Fatalf("the server ended by itself, not by the kill: %v", p.cmd.ProcessState)
	}
}

// stop asks the server to shut down, as an operator would, and checks it did so cleanly.
func (p *serverProc) stop() {
	p.t.Helper()
	// A connection the client's pool opened and never used would hold up the
	// server's graceful shutdown for seconds (net/http waits for new connections).
	http.DefaultClient.CloseIdleConnections()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		p.t.Fatal(err)
	}
	p.await()
	if !p.cmd.ProcessState.Success() {
		p.t.Errorf("the server stopped with %v", p.cmd.ProcessState)
	}
}

func (p *serverProc) await() {
	p.t.Helper()
	select {
	case <-p.exited:
	case <-time.After(phaseTimeout):
		p.t.Fatalf("the server did not exit within %v", phaseTimeout)
	}
}

func (p *serverProc) cleanup() {
	if p.cmd != nil && isOpen(p.exited) {
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
	if p.stdin != nil {
		p.stdin.Close()
	}
	if p.t.Failed() {
		p.t.Logf("server logs:\n%s", p.logs())
	}
}

// logs returns the end of every start's log.
func (p *serverProc) logs() string {
	var b strings.Builder
	for i := 1; i <= p.starts; i++ {
		data, _ := os.ReadFile(filepath.Join(p.dir, fmt.Sprintf("server-%d.log", i)))
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		fmt.Fprintf(&b, "--- start %d (last %d lines)\n%s\n", i, min(len(lines), 40), strings.Join(lines[max(0, len(lines)-40):], "\n"))
	}
	return b.String()
}
