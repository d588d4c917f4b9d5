package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"parley"
)

// Metrics counts what the rest of the server tells the API about: committed
// events and websocket connections. Its methods are safe for concurrent use.
type Metrics struct {
	messages  *prometheus.CounterVec
	websocket *prometheus.GaugeVec
	requests  *prometheus.CounterVec
	durations *prometheus.HistogramVec
}

func newMetrics(reg *prometheus.Registry, store parley.Store, log *slog.Logger) *Metrics {
	m := &Metrics{
		messages: register(reg, log, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_messages_total", Help: "Messages stored, by author kind (contact, agent, system).",
		}, []string{"author"})),
		websocket: register(reg, log, prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "parley_websocket_connections", Help: "Open websocket connections, by kind (agent, visitor).",
		}, []string{"kind"})),
		requests: register(reg, log, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_http_requests_total", Help: "HTTP requests answered, by route pattern, method and status.",
		}, []string{"route", "method", "code"})),
		durations: register(reg, log, prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "parley_http_request_duration_seconds", Help: "Time to answer HTTP requests, by route pattern.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route"})),
	}
	if store != nil {
		register(reg, log, prometheus.Collector(&countsCollector{log: log, what: "chats",
			desc:  prometheus.NewDesc("parley_chats", "Chats by state, counted when scraped.", []string{"state"}, nil),
			count: func(ctx context.Context) (map[string]int, error) { return stringKeys(store.ChatCounts(ctx)) },
			known: []string{string(parley.ChatWaiting), string(parley.ChatInProgress), string(parley.ChatCompleted)}}))
		register(reg, log, prometheus.Collector(&countsCollector{log: log, what: "channel jobs",
			desc: prometheus.NewDesc("parley_channel_jobs", "Messages waiting to go to providers (send) and media waiting to be fetched (fetch, avatar), counted when scraped.",
				[]string{"kind"}, nil),
			count: func(ctx context.Context) (map[string]int, error) { return stringKeys(store.CountJobs(ctx)) },
			known: []string{string(parley.JobSend), string(parley.JobFetch), string(parley.JobAvatar), string(parley.JobProfile)}}))
	}
	return m
}

// register adds c to reg, or returns the collector already there, so that two
// APIs (as in tests) can share one registry.
func register[C prometheus.Collector](reg *prometheus.Registry, log *slog.Logger, c C) C {
	err := reg.Register(c)
	var dup prometheus.AlreadyRegisteredError
	if errors.As(err, &dup) {
		if existing, ok := dup.ExistingCollector.(C); ok {
			return existing
		}
	}
	if err != nil {
		log.Error("metrics collector not registered", "err", err)
	}
	return c
}

// ObserveEvents counts the messages among committed events, by author kind.
func (m *Metrics) ObserveEvents(events []parley.Event) {
	for _, e := range events {
		if e.Kind != parley.EventMessageCreated {
			continue
		}
		var msg struct {
			Author parley.Actor `json:"author"`
		}
		kind := "unknown"
		if json.Unmarshal(e.Data, &msg) == nil && msg.Author.Kind != "" {
			kind = string(msg.Author.Kind)
		}
		m.messages.WithLabelValues(kind).Inc()
	}
}

// WSConnected counts a websocket that opened; kind is "agent" or "visitor".
func (m *Metrics) WSConnected(kind string) { m.websocket.WithLabelValues(kind).Inc() }

// WSDisconnected counts a websocket that closed; kind is "agent" or "visitor".
func (m *Metrics) WSDisconnected(kind string) { m.websocket.WithLabelValues(kind).Dec() }

// observeRequest records one answered request.
func (m *Metrics) observeRequest(route, method, code string, took time.Duration) {
	m.requests.WithLabelValues(route, method, code).Inc()
	if code != "101" { // a websocket's lifetime is no response time
		m.durations.WithLabelValues(route).Observe(took.Seconds())
	}
}

// countsCollector asks the store at scrape time, so every node reports the
// same numbers without keeping any of its own.
type countsCollector struct {
	log   *slog.Logger
	what  string
	desc  *prometheus.Desc
	count func(ctx context.Context) (map[string]int, error)
	known []string // always reported, at zero too, so that dashboards see no gaps
}

func (c *countsCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *countsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.count(ctx)
	if err != nil {
		c.log.Error("counting "+c.what+" for metrics", "err", err)
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	for _, k := range c.known {
		if _, ok := counts[k]; !ok {
			counts[k] = 0
		}
	}
	for k, n := range counts {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n), k)
	}
}

// stringKeys turns a count by a string type into a count by string.
func stringKeys[K ~string](m map[K]int, err error) (map[string]int, error) {
	out := make(map[string]int, len(m))
	for k, n := range m {
		out[string(k)] = n
	}
	return out, err
}
