// Package httpapi is Parley's REST + JSON interface under /api/v1: the agent API
// the console uses, the widget API visitors' browsers use, health checks, metrics
// and the OpenAPI document that describes it all. Handlers only decode, call
// core.Service and encode; every rule lives in core.
package httpapi

import (
	"log/slog"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"

	"parley"
	"parley/core"
)

// Options configures the API.
type Options struct {
	// Service runs every use case the handlers offer.
	Service *core.Service
	// Store answers /readyz and the chats-by-state gauge; behaviour goes through Service.
	Store parley.Store
	// Log receives request lines at debug level and the causes of internal errors.
	Log *slog.Logger
	// Registry receives the API's metrics and is served at /metrics; a new one when nil.
	Registry *prometheus.Registry
	// SecureCookies marks the session cookie Secure even on plain-HTTP requests,
	// for servers behind a TLS-terminating proxy.
	SecureCookies bool
	// Clock times the session cookie's Max-Age; the system clock when nil.
	Clock parley.Clock
}

// API serves the HTTP interface.
type API struct {
	svc     *core.Service
	store   parley.Store
	log     *slog.Logger
	clock   parley.Clock
	secure  bool
	reg     *prometheus.Registry
	metrics *Metrics
	mux     *http.ServeMux
	routes  []route
	openapi []byte // generated once at startup
	handler http.Handler
}

// New builds the API and registers its routes.
func New(o Options) *API {
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.Registry == nil {
		o.Registry = prometheus.NewRegistry()
	}
	if o.Clock == nil {
		o.Clock = parley.SystemClock{}
	}
	a := &API{svc: o.Service, store: o.Store, log: o.Log, clock: o.Clock, secure: o.SecureCookies,
		reg: o.Registry, mux: http.NewServeMux()}
	a.metrics = newMetrics(o.Registry, o.Store, o.Log)
	a.routes = append(append(a.table(), a.transferRoutes()...), a.searchRoutes()...)
	a.routes = append(a.routes, a.noteRoutes()...)
	a.routes = append(a.routes, a.workspaceRoutes()...)
	a.routes = append(a.routes, a.readRoutes()...)
	a.routes = append(a.routes, a.chatRecordRoutes()...)
	a.routes = append(a.routes, a.blockRoutes()...)
	a.routes = append(a.routes, a.contactRoutes()...)
	a.routes = append(a.routes, a.caseRoutes()...)
	a.routes = append(a.routes, a.channelRoutes()...)
	for _, rt := range a.routes {
		a.register(rt)
	}
	a.mux.HandleFunc("/api/v1/", a.unmatched)
	a.mux.HandleFunc("GET /hooks/{key}", a.serveWebhook) // Meta's subscription handshake
	a.mux.HandleFunc("POST /hooks/{key}", a.serveWebhook)
	a.mux.HandleFunc("OPTIONS "+widgetPrefix, a.preflight)
	doc, err := openAPI(a.routes)
	if err != nil {
		// The document is made of maps, strings and numbers, which always marshal.
		o.Log.Error("OpenAPI document not generated", "err", err)
	}
	a.openapi = doc
	a.handler = a.observe(a.mux)
	return a
}

// Handler returns the http.Handler that serves every route.
func (a *API) Handler() http.Handler { return a.handler }

// Handle mounts h at pattern (a net/http ServeMux pattern) behind the API's request
// id, logging, metrics and panic recovery, for endpoints written elsewhere such as
// the websockets.
func (a *API) Handle(pattern string, h http.Handler) { a.mux.Handle(pattern, h) }

// Metrics returns the counters that other parts of the server feed.
func (a *API) Metrics() *Metrics { return a.metrics }
