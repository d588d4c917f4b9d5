package loadgen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
)

// dialParallel is how many websockets a worker opens at once.
const dialParallel = 64

// RunConnsWorker is one worker of the "conns" scenario: it reads its spec and
// commands from in and reports each stage on out (see worker_proto.go).
func RunConnsWorker(ctx context.Context, in io.Reader, out io.Writer) error {
	dec, enc := json.NewDecoder(in), json.NewEncoder(out)
	cpu0 := cpuTime()
	fail := func(err error) error {
		_ = enc.Encode(workerReport{Stage: stageError, Error: err.Error()})
		return err
	}
	var c workerCommand
	if err := dec.Decode(&c); err != nil || c.Spec == nil {
		return fail(fmt.Errorf("reading the worker's spec: %w", errors.Join(err, errors.New("no spec"))))
	}
	w, err := newConnsWorker(*c.Spec)
	if err != nil {
		return fail(err)
	}
	if err := w.prepare(ctx); err != nil {
		return fail(err)
	}
	limit, _ := openFilesLimit()
	if err := enc.Encode(workerReport{Stage: stagePrepared, OpenFiles: limit}); err != nil {
		return fmt.Errorf("reporting: %w", err)
	}
	for _, stage := range []string{cmdOpen, cmdClose} {
		if err := dec.Decode(&c); err != nil || c.Cmd != stage {
			w.pool.close()
			return fail(fmt.Errorf("waiting for %q: got %q: %w", stage, c.Cmd, err))
		}
		var r workerReport
		if stage == cmdOpen {
			r = w.open(ctx)
		} else {
			r = w.close()
			r.CPUSeconds = (cpuTime() - cpu0).Seconds()
		}
		if err := enc.Encode(r); err != nil {
			w.pool.close()
			return fmt.Errorf("reporting: %w", err)
		}
	}
	return nil
}

// connsWorker holds one worker's share of the idle websockets.
type connsWorker struct {
	spec workerSpec
	api  *apiClient
	errs *errorLog
	urls []string // one per socket: visitors' first, then agents'
	pool *idlePool

	mu       sync.Mutex
	failures map[string]int64
}

func newConnsWorker(spec workerSpec) (*connsWorker, error) {
	total := spec.Visitors + spec.Agents
	if err := checkOpenFiles(total); err != nil {
		return nil, err
	}
	if spec.Agents > 0 && len(spec.AgentTokens) == 0 {
		return nil, fmt.Errorf("agent sockets need agent tokens")
	}
	base, err := ParseServerURL(spec.URL)
	if err != nil {
		return nil, err
	}
	if spec.SourceIP != "" && net.ParseIP(spec.SourceIP) == nil {
		return nil, fmt.Errorf("source address %q is not an IP address", spec.SourceIP)
	}
	errs := newErrorLog()
	return &connsWorker{spec: spec, api: newAPIClient(base, errs), errs: errs, pool: newIdlePool(errs, spec.Ping), failures: map[string]int64{}}, nil
}

// prepare starts every visitor's session, so that opening the sockets is all
// that happens between the two memory readings.
func (w *connsWorker) prepare(ctx context.Context) error {
	w.urls = make([]string, w.spec.Visitors, w.spec.Visitors+w.spec.Agents)
	err := forEach(ctx, w.spec.Visitors, 16, func(ctx context.Context, i int) error {
		token, err := visitorSession(ctx, w.api, w.spec.VisitorKey, w.spec.Index*1_000_000+i)
		w.urls[i] = w.api.wsURL("/api/v1/widget/ws?token=" + url.QueryEscape(token))
		return err
	})
	if err != nil {
		return err
	}
	for range w.spec.Agents {
		w.urls = append(w.urls, w.api.wsURL("/api/v1/ws"))
	}
	return nil
}

// open dials every socket, going on past failures unless too many pile up.
func (w *connsWorker) open(ctx context.Context) workerReport {
	d := newDialer(net.ParseIP(w.spec.SourceIP), true)
	tooMany := max(100, len(w.urls)/10)
	failed := 0
	_ = forEach(ctx, len(w.urls), dialParallel, func(ctx context.Context, i int) error {
		var header http.Header
		if i >= w.spec.Visitors {
			header = bearer(w.spec.AgentTokens[(i-w.spec.Visitors)%len(w.spec.AgentTokens)])
		}
		err := w.pool.open(ctx, d, w.urls[i], header)
		if err == nil {
			return nil
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		w.failures[errKind(err)]++
		failed++
		w.errs.add(errDial, "%v", err)
		if failed >= tooMany {
			return fmt.Errorf("%d sockets failed to open", failed)
		}
		return nil
	})
	w.mu.Lock()
	defer w.mu.Unlock()
	return workerReport{Stage: stageOpened, Connected: w.pool.size(), Failed: len(w.urls) - w.pool.size(), Failures: w.failures}
}

// close closes every socket and reports what happened while they were held.
func (w *connsWorker) close() workerReport {
	w.pool.close()
	counts, samples := w.errs.snapshot()
	return workerReport{Stage: stageDone, Connected: w.pool.size(), Pings: w.pool.pings.Load(), Pongs: w.pool.pongs.Load(),
		Disconnects: w.pool.disconnect.Load(), Errors: counts, ErrorSamples: samples}
}
