package loadgen

import (
	"context"
	"sync"
	"time"
)

// The server metrics a run follows.
const (
	mCPU        = "process_cpu_seconds_total"
	mRSS        = "process_resident_memory_bytes"
	mHeapInuse  = "go_memstats_heap_inuse_bytes"
	mStackInuse = "go_memstats_stack_inuse_bytes"
	mGoroutines = "go_goroutines"
	mOpenFDs    = "process_open_fds"
	mMaxFDs     = "process_max_fds"
	mWSConns    = "parley_websocket_connections"
)

// sample is one reading of the server's /metrics.
type sample struct {
	at     time.Time
	values map[string]float64
}

func (s sample) get(name string) float64 { return s.values[name] }

// sampler reads the server's /metrics at a fixed interval while a run lasts.
type sampler struct {
	api   *apiClient
	every time.Duration

	mu      sync.Mutex
	samples []sample
}

// read takes one sample now and keeps it.
func (s *sampler) read(ctx context.Context) (sample, error) {
	data, err := s.api.get(ctx, "/metrics")
	if err != nil {
		return sample{}, err
	}
	values, err := parseMetrics(data)
	if err != nil {
		return sample{}, err
	}
	sm := sample{at: time.Now(), values: values}
	s.mu.Lock()
	s.samples = append(s.samples, sm)
	s.mu.Unlock()
	return sm, nil
}

// run samples until ctx ends; failures are counted, not fatal, so that a slow
// scrape under load does not end the run.
func (s *sampler) run(ctx context.Context) {
	tick := time.NewTicker(s.every)
	defer tick.Stop()
	for {
		rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		if _, err := s.read(rctx); err != nil && ctx.Err() == nil {
			s.api.errs.add(errMetrics, "%v", err)
		}
		cancel()
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// between returns the samples taken in [from, to].
func (s *sampler) between(from, to time.Time) []sample {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []sample
	for _, sm := range s.samples {
		if !sm.at.Before(from) && !sm.at.After(to) {
			out = append(out, sm)
		}
	}
	return out
}

// ServerUsage is what the server's own metrics said during a run.
type ServerUsage struct {
	Samples        int     `json:"samples"`
	SampleEvery    string  `json:"sample_every"`
	Seconds        float64 `json:"seconds"`
	CPUSeconds     float64 `json:"cpu_seconds"`
	CPUPercentCore float64 `json:"cpu_percent_of_one_core"`
	StartRSS       int64   `json:"start_rss_bytes"`
	PeakRSS        int64   `json:"peak_rss_bytes"`
	PeakHeapInuse  int64   `json:"peak_heap_inuse_bytes"`
	PeakGoroutines int64   `json:"peak_goroutines"`
	PeakWebsockets int64   `json:"peak_websockets"`
	MaxOpenFiles   int64   `json:"max_open_files"`
	PeakOpenFiles  int64   `json:"peak_open_files"`
}

// usage summarizes samples: CPU between the first and the last, peaks over all.
func usage(samples []sample, every time.Duration) ServerUsage {
	u := ServerUsage{Samples: len(samples), SampleEvery: every.String()}
	if len(samples) == 0 {
		return u
	}
	first, last := samples[0], samples[len(samples)-1]
	u.Seconds = last.at.Sub(first.at).Seconds()
	u.CPUSeconds = last.get(mCPU) - first.get(mCPU)
	if u.Seconds > 0 {
		u.CPUPercentCore = 100 * u.CPUSeconds / u.Seconds
	}
	u.StartRSS = int64(first.get(mRSS))
	u.MaxOpenFiles = int64(first.get(mMaxFDs))
	for _, sm := range samples {
		u.PeakRSS = max(u.PeakRSS, int64(sm.get(mRSS)))
		u.PeakHeapInuse = max(u.PeakHeapInuse, int64(sm.get(mHeapInuse)))
		u.PeakGoroutines = max(u.PeakGoroutines, int64(sm.get(mGoroutines)))
		u.PeakWebsockets = max(u.PeakWebsockets, int64(sm.get(mWSConns)))
		u.PeakOpenFiles = max(u.PeakOpenFiles, int64(sm.get(mOpenFDs)))
	}
	return u
}
