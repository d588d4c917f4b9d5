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
		register(reg, log, prometheus.Collector(&chatsCollector{store: store, log: log,
			desc: prometheus.NewDesc("parley_chats", "Chats by state, counted when scraped.", []string{"state"}, nil)}))
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

// chatsCollector asks the store at scrape time, so every node reports the same
// numbers without keeping any of its own.
type chatsCollector struct {
	store parley.Store
	log   *slog.Logger
	desc  *prometheus.Desc
}

func (c *chatsCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *chatsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.store.ChatCounts(ctx)
	if err != nil {
		c.log.Error("counting chats for metrics", "err", err)
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	// The known states always appear, at zero too, so that dashboards see no gaps.
	for _, s := range []parley.ChatState{parley.ChatWaiting, parley.ChatInProgress, parley.ChatCompleted} {
		if _, ok := counts[s]; !ok {
			counts[s] = 0
		}
	}
	for s, n := range counts {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n), string(s))
	}
}
