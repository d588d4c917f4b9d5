package loadgen

import (
	"context"
	"runtime"
	"time"
)

// window is the measured part of a run: the server's /metrics sampled in the
// background, and the tool's and the machine's CPU from its start.
type window struct {
	smp     *sampler
	errs    *errorLog
	stop    context.CancelFunc
	sampled chan struct{}
	cpu0    time.Duration
	t0      time.Time
	load    machineLoad
}

// openWindow reads the server's metrics once (a server that does not answer
// ends the run) and starts sampling them.
func openWindow(ctx context.Context, api *apiClient, every time.Duration, errs *errorLog) (*window, error) {
	w := &window{smp: &sampler{api: api, every: every}, errs: errs, sampled: make(chan struct{})}
	if _, err := w.smp.read(ctx); err != nil {
		return nil, err
	}
	sctx, stop := context.WithCancel(ctx)
	w.stop = stop
	go func() { defer close(w.sampled); w.smp.run(sctx) }()
	w.cpu0, w.t0, w.load = cpuTime(), time.Now(), startMachineLoad()
	return w, nil
}

// closeWindow stops sampling, reads the metrics a last time and returns the
// samples of the window, the tool's CPU and the machine's busy share.
func (w *window) closeWindow(ctx context.Context) ([]sample, ClientUsage, float64) {
	client, busy := clientUsage(w.cpu0, w.t0), w.load.done(runtime.NumCPU())
	w.stop()
	<-w.sampled
	if _, err := w.smp.read(context.WithoutCancel(ctx)); err != nil {
		w.errs.add(errMetrics, "%v", err)
	}
	return w.smp.between(w.t0, time.Now()), client, busy
}
