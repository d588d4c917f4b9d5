package loadgen

import (
	"context"
	"fmt"
	"time"
)

// holdConns reads the server's memory with everything prepared but nothing open,
// opens every socket, holds them, reads the memory again, and closes them.
func holdConns(ctx context.Context, cfg ConnsConfig, hs []*workerHandle, smp *sampler, errs *errorLog) (*ConnsResult, error) {
	sctx, cancel := context.WithTimeout(ctx, cfg.SetupTimeout)
	defer cancel()
	prepared, err := all(sctx, hs, "", stagePrepared)
	if err != nil {
		return nil, err
	}
	stopSampling := startSampling(ctx, smp)
	defer stopSampling()
	res := &ConnsResult{Wanted: cfg.N, Failures: map[string]int64{}}
	for _, r := range prepared {
		res.WorkerFileLimits = append(res.WorkerFileLimits, r.OpenFiles)
	}
	before, err := settle(ctx, cfg.Settle, smp)
	if err != nil {
		return nil, err
	}
	cfg.Log.Info("opening", "sockets", cfg.N, "workers", len(hs))
	opened, err := all(sctx, hs, cmdOpen, stageOpened)
	if err != nil {
		return nil, err
	}
	res.addOpened(opened)
	cfg.Log.Info("holding", "connected", res.Connected, "failed", res.Failed, "for", cfg.Hold)
	heldFrom := time.Now()
	if err := sleep(ctx, cfg.Hold); err != nil {
		return nil, err
	}
	// The reading after: the later part of the hold, once the openings' garbage is old.
	from := heldFrom.Add(min(cfg.Settle, cfg.Hold/2))
	res.After = reading(smp.between(from, time.Now()))
	res.ServerWebsockets = int64(lastSample(smp.between(from, time.Now())).get(mWSConns))
	res.Before = before
	res.perConn()

	cctx, cancelClose := context.WithTimeout(ctx, time.Minute)
	defer cancelClose()
	done, err := all(cctx, hs, cmdClose, stageDone)
	if err != nil {
		return nil, err
	}
	res.addDone(done, errs)
	return res, nil
}

// addOpened adds up the workers' reports of their openings.
func (r *ConnsResult) addOpened(opened []workerReport) {
	for _, o := range opened {
		r.Connected += o.Connected
		r.Failed += o.Failed
		for k, n := range o.Failures {
			r.Failures[k] += n
		}
	}
}

// addDone adds up the workers' final reports.
func (r *ConnsResult) addDone(done []workerReport, errs *errorLog) {
	for _, d := range done {
		r.WorkersCPUSeconds += d.CPUSeconds
		r.Pings += d.Pings
		r.Pongs += d.Pongs
		r.Disconnects += d.Disconnects
		for k, n := range d.Errors {
			errs.addN(k, n, "") // the worker's own descriptions follow
		}
		for _, s := range d.ErrorSamples {
			errs.keep(s)
		}
	}
}

// perConn divides the growth between the readings by the sockets that opened.
func (r *ConnsResult) perConn() {
	if r.Connected == 0 {
		return
	}
	n := float64(r.Connected)
	r.RSSPerConn = float64(r.After.RSS-r.Before.RSS) / n
	r.GoMemPerConn = float64(r.After.HeapInuse+r.After.StackInuse-r.Before.HeapInuse-r.Before.StackInuse) / n
	r.GoroutinesPerConn = float64(r.After.Goroutines-r.Before.Goroutines) / n
}

// settle leaves the server alone for d and returns its memory over that time.
func settle(ctx context.Context, d time.Duration, smp *sampler) (MemoryReading, error) {
	from := time.Now()
	if err := sleep(ctx, d); err != nil {
		return MemoryReading{}, err
	}
	m := reading(smp.between(from, time.Now()))
	if m.Samples == 0 {
		return m, fmt.Errorf("no metrics sample in %v of settling", d)
	}
	return m, nil
}

// startSampling runs the sampler until the returned function is called.
func startSampling(ctx context.Context, smp *sampler) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); smp.run(ctx) }()
	return func() { cancel(); <-done }
}

// sleep waits d: holding sockets open for a set time is the measurement itself.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func lastSample(s []sample) sample {
	if len(s) == 0 {
		return sample{}
	}
	return s[len(s)-1]
}
