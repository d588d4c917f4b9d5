package loadgen

import (
	"context"
	"fmt"
	"maps"
	"runtime"
	"time"
)

// ConnsResult is what a "conns" run measured.
type ConnsResult struct {
	Wanted      int              `json:"wanted"`
	Connected   int              `json:"connected"`
	Failed      int              `json:"failed"`
	Failures    map[string]int64 `json:"failures,omitempty"`
	Disconnects int64            `json:"disconnects_while_held"`
	Pings       int64            `json:"pings_sent"`
	Pongs       int64            `json:"pongs_received"`
	// ServerWebsockets is the server's own count of open websockets while held.
	ServerWebsockets int64         `json:"server_websockets"`
	Before           MemoryReading `json:"before"`
	After            MemoryReading `json:"after"`
	// Per-connection figures are (after − before) / connected.
	RSSPerConn        float64  `json:"rss_bytes_per_conn"`
	GoMemPerConn      float64  `json:"go_heap_and_stacks_bytes_per_conn"`
	GoroutinesPerConn float64  `json:"goroutines_per_conn"`
	WorkerFileLimits  []uint64 `json:"worker_open_files_limits"`
	// WorkersCPUSeconds is the CPU the workers used, each its whole process's.
	WorkersCPUSeconds float64 `json:"workers_cpu_seconds"`
}

// MemoryReading is the server's memory at one moment of a "conns" run.
type MemoryReading struct {
	RSS        int64 `json:"rss_bytes"`
	HeapInuse  int64 `json:"heap_inuse_bytes"`
	StackInuse int64 `json:"stack_inuse_bytes"`
	Goroutines int64 `json:"goroutines"`
	Samples    int   `json:"samples"`
}

// reading summarizes samples taken while the server was left alone: the last RSS
// (it moves slowly), and the Go memory of the sample with the least heap, the one
// nearest after a collection, so that less garbage counts as connections' cost.
func reading(samples []sample) MemoryReading {
	m := MemoryReading{Samples: len(samples)}
	if len(samples) == 0 {
		return m
	}
	best := samples[0]
	for _, s := range samples {
		if s.get(mHeapInuse) < best.get(mHeapInuse) {
			best = s
		}
	}
	m.RSS = int64(samples[len(samples)-1].get(mRSS))
	m.HeapInuse, m.StackInuse, m.Goroutines = int64(best.get(mHeapInuse)), int64(best.get(mStackInuse)), int64(best.get(mGoroutines))
	return m
}

// RunConns runs the "conns" scenario against a running server and reports.
func RunConns(ctx context.Context, cfg ConnsConfig) (*Report, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	errs := newErrorLog()
	api := newAPIClient(cfg.URL, errs)
	setupCtx, cancel := context.WithTimeout(ctx, cfg.SetupTimeout)
	defer cancel()
	t, err := setupTeam(setupCtx, api, cfg.Admin, teamSpec{agents: cfg.Agents, queues: 1, chatLimit: 5}, cfg.Log)
	if err != nil {
		return nil, err
	}
	smp := &sampler{api: api, every: cfg.SampleEvery}
	first, err := smp.read(ctx)
	if err != nil {
		return nil, err
	}
	var notes []string
	if free := first.get(mMaxFDs) - first.get(mOpenFDs); first.get(mMaxFDs) > 0 && float64(cfg.N) > free {
		notes = append(notes, fmt.Sprintf("the server may open %.0f files and has %.0f open: %d sockets will not fit; start it with a higher ulimit -n",
			first.get(mMaxFDs), first.get(mOpenFDs), cfg.N))
		cfg.Log.Warn(notes[len(notes)-1])
	}
	cpu0, t0, load := cpuTime(), time.Now(), startMachineLoad()
	workers, err := startWorkers(ctx, cfg, t)
	if err != nil {
		return nil, err
	}
	defer stopWorkers(workers)
	res, err := holdConns(ctx, cfg, workers, smp, errs)
	if err != nil {
		return nil, err
	}
	rep := newReport("conns", cfg.params(), cfg.server(), errs)
	rep.Conns, rep.Notes = res, append(notes, res.hints()...)
	rep.ServerUsage = usage(smp.between(time.Time{}, time.Now()), cfg.SampleEvery)
	rep.Client = clientUsage(cpu0, t0)
	if cfg.Procs > 0 { // in-process workers are in the figure already
		rep.Client.CPUSeconds += res.WorkersCPUSeconds
		rep.Client.CPUPercentCore = 100 * rep.Client.CPUSeconds / time.Since(t0).Seconds()
	}
	rep.setMachineLoad(load.done(runtime.NumCPU()))
	return rep, nil
}

// hints says what to do about the kinds of failure seen.
func (r *ConnsResult) hints() []string {
	var out []string
	for kind := range maps.Keys(r.Failures) {
		if h := dialHint(kind); h != "" {
			out = append(out, fmt.Sprintf("%d sockets failed (%s): %s", r.Failures[kind], kind, h))
		}
	}
	return out
}

// startWorkers starts the workers and gives each its share; source addresses
// 127.0.0.2, .3 … keep their ephemeral ports apart.
func startWorkers(ctx context.Context, cfg ConnsConfig, t *team) ([]*workerHandle, error) {
	n := max(cfg.Procs, 1)
	tokens := make([]string, len(t.agents))
	for i, a := range t.agents {
		tokens[i] = a.token
	}
	var hs []*workerHandle
	for i := range n {
		w, err := cfg.Start(ctx, i)
		if err != nil {
			stopWorkers(hs)
			return nil, fmt.Errorf("starting worker %d: %w", i, err)
		}
		h := newWorkerHandle(i, w)
		hs = append(hs, h)
		v, a := cfg.split(i, n)
		spec := workerSpec{URL: cfg.URL.String(), VisitorKey: t.channels[0].PublicKey, AgentTokens: tokens, Visitors: v, Agents: a,
			SourceIP: fmt.Sprintf("127.0.0.%d", 2+i%250), Ping: cfg.Ping, Index: i}
		if err := h.send(workerCommand{Spec: &spec}); err != nil {
			stopWorkers(hs)
			return nil, err
		}
	}
	return hs, nil
}

// stopWorkers closes the workers' input, which ends any still running, and waits.
func stopWorkers(hs []*workerHandle) {
	for _, h := range hs {
		h.w.In.Close()
	}
	for _, h := range hs {
		_ = h.w.Wait()
	}
}

// all sends cmd (unless empty) to every worker and waits for each one's report of stage.
func all(ctx context.Context, hs []*workerHandle, cmd, stage string) ([]workerReport, error) {
	for _, h := range hs {
		if cmd == "" {
			break
		}
		if err := h.send(workerCommand{Cmd: cmd}); err != nil {
			return nil, err
		}
	}
	out := make([]workerReport, len(hs))
	for i, h := range hs {
		r, err := h.expect(ctx, stage)
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}
