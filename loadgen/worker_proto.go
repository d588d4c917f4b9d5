package loadgen

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// The "conns" scenario spreads its sockets over worker processes, since one process
// may hold only so many open files. A worker reads JSON lines on its stdin — its
// spec, then commands — and answers each stage with a JSON line on its stdout.

// workerSpec is what one worker opens.
type workerSpec struct {
	URL         string        `json:"url"`
	VisitorKey  string        `json:"visitor_key"`
	AgentTokens []string      `json:"agent_tokens"`
	Visitors    int           `json:"visitors"`
	Agents      int           `json:"agents"`
	SourceIP    string        `json:"source_ip"`
	Ping        time.Duration `json:"ping"`
	Index       int           `json:"index"`
}

// Commands from the parent.
const (
	cmdOpen  = "open"
	cmdClose = "close"
)

type workerCommand struct {
	Spec *workerSpec `json:"spec,omitempty"`
	Cmd  string      `json:"cmd,omitempty"`
}

// Stages a worker reports.
const (
	stagePrepared = "prepared" // visitor sessions exist; nothing is connected yet
	stageOpened   = "opened"   // every websocket was tried
	stageDone     = "done"     // every websocket is closed
	stageError    = "error"
)

// workerReport is a worker's answer at each stage.
type workerReport struct {
	Stage        string           `json:"stage"`
	Error        string           `json:"error,omitempty"`
	OpenFiles    uint64           `json:"open_files_limit,omitempty"`
	Connected    int              `json:"connected"`
	Failed       int              `json:"failed"`
	Failures     map[string]int64 `json:"failures,omitempty"`
	Pings        int64            `json:"pings"`
	Pongs        int64            `json:"pongs"`
	Disconnects  int64            `json:"disconnects"`
	CPUSeconds   float64          `json:"cpu_seconds"`
	Errors       map[string]int64 `json:"errors,omitempty"`
	ErrorSamples []string         `json:"error_samples,omitempty"`
}

// Worker is a started worker: where its commands go and its reports come from.
type Worker struct {
	In   io.WriteCloser
	Out  io.Reader
	Wait func() error
}

// WorkerStarter starts the i-th worker, typically by running this program again
// with its hidden worker subcommand, which calls RunConnsWorker.
type WorkerStarter func(ctx context.Context, i int) (Worker, error)

// InProcessWorkers runs workers as goroutines of this process: for tests, and for
// connection counts that fit within one process's open-files limit.
func InProcessWorkers() WorkerStarter {
	return func(ctx context.Context, _ int) (Worker, error) {
		inR, inW := io.Pipe()
		outR, outW := io.Pipe()
		done := make(chan error, 1)
		go func() {
			err := RunConnsWorker(ctx, inR, outW)
			outW.CloseWithError(io.EOF)
			inR.Close()
			done <- err
		}()
		return Worker{In: inW, Out: outR, Wait: func() error { return <-done }}, nil
	}
}

// workerHandle is the parent's side of one worker.
type workerHandle struct {
	i       int
	w       Worker
	enc     *json.Encoder
	reports chan workerReport
	readErr chan error
}

func newWorkerHandle(i int, w Worker) *workerHandle {
	h := &workerHandle{i: i, w: w, enc: json.NewEncoder(w.In), reports: make(chan workerReport, 4), readErr: make(chan error, 1)}
	go func() {
		dec := json.NewDecoder(w.Out)
		for {
			var r workerReport
			if err := dec.Decode(&r); err != nil {
				h.readErr <- err
				return
			}
			h.reports <- r
		}
	}()
	return h
}

func (h *workerHandle) send(c workerCommand) error {
	if err := h.enc.Encode(c); err != nil {
		return fmt.Errorf("worker %d: sending %q: %w", h.i, c.Cmd, err)
	}
	return nil
}

// expect waits for the worker's report of a stage.
func (h *workerHandle) expect(ctx context.Context, stage string) (workerReport, error) {
	select {
	case r := <-h.reports:
		if r.Stage == stageError {
			return r, fmt.Errorf("worker %d: %s", h.i, r.Error)
		}
		if r.Stage != stage {
			return r, fmt.Errorf("worker %d: reported %q, want %q", h.i, r.Stage, stage)
		}
		return r, nil
	case err := <-h.readErr:
		return workerReport{}, fmt.Errorf("worker %d ended before %q: %w", h.i, stage, err)
	case <-ctx.Done():
		return workerReport{}, fmt.Errorf("worker %d: waiting for %q: %w", h.i, stage, ctx.Err())
	}
}
