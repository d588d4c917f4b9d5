package httpapi

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// healthz says the process serves HTTP; it checks nothing else, so that a slow
// database does not get the process restarted.
func (a *API) healthz(w http.ResponseWriter, _ *http.Request) error {
	writeText(w, http.StatusOK, "ok\n")
	return nil
}

// readyz says whether this node can do its work: whether the database answers.
func (a *API) readyz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.store.Ping(ctx); err != nil {
		a.log.Warn("not ready: the database does not answer", "request_id", requestIDOf(ctx), "err", err)
		writeText(w, http.StatusServiceUnavailable, "database unavailable\n")
		return nil
	}
	writeText(w, http.StatusOK, "ok\n")
	return nil
}

// serveMetrics exposes the registry to Prometheus.
func (a *API) serveMetrics() func(w http.ResponseWriter, r *http.Request) error {
	h := promhttp.HandlerFor(a.reg, promhttp.HandlerOpts{})
	return func(w http.ResponseWriter, r *http.Request) error {
		h.ServeHTTP(w, r)
		return nil
	}
}

// serveOpenAPI sends the document generated at startup.
func (a *API) serveOpenAPI(w http.ResponseWriter, _ *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(a.openapi) // a client that left needs no answer
	return nil
}

func writeText(w http.ResponseWriter, status int, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, text)
}
