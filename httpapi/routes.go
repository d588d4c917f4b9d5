package httpapi

import (
	"net/http"
	"slices"
	"strings"

	"parley"
)

// authKind says who may call a route.
type authKind int

const (
	authNone    authKind = iota // anyone
	authAgent                   // a logged-in agent: bearer token, or cookie with CSRF
	authVisitor                 // a widget visitor's bearer token
)

// widgetPrefix is where the widget endpoints live; they answer CORS.
const widgetPrefix = "/api/v1/widget/"

// route is one row of the route table: what serves it and what documents it.
type route struct {
	method  string
	path    string
	summary string
	auth    authKind
	op      op
	// doc is a longer description for the OpenAPI document.
	doc string
}

// pattern is the ServeMux pattern of the route.
func (rt route) pattern() string { return rt.method + " " + rt.path }

// cors reports whether browsers on other sites may call the route.
func (rt route) cors() bool { return strings.HasPrefix(rt.path, widgetPrefix) }

// register mounts rt on the mux behind its CORS and authentication.
func (a *API) register(rt route) {
	if rt.op.serve == nil {
		return
	}
	var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := rt.op.serve(w, r); err != nil {
			a.writeError(w, r, err)
		}
	})
	switch rt.auth {
	case authAgent:
		h = a.requireAgent(h)
	case authVisitor:
		h = a.requireVisitor(h)
	}
	if rt.cors() {
		h = allowCORS(h)
	}
	a.mux.Handle(rt.pattern(), h)
}

// unmatched answers every /api/v1 path no route took: 405 when the path exists
// with other methods, else 404, in JSON either way.
func (a *API) unmatched(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, widgetPrefix) {
		setCORS(w.Header())
	}
	if allowed := a.allowedMethods(r); len(allowed) > 0 {
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		a.writeError(w, r, withStatus(http.StatusMethodNotAllowed, parley.CodeMalformed, "method "+r.Method+" is not allowed here"))
		return
	}
	a.writeError(w, r, errNoEndpoint())
}

func errNoEndpoint() error { return parley.Errorf(parley.CodeNotFound, "no such endpoint") }

// allowedMethods asks the mux which methods have a route for r's path.
func (a *API) allowedMethods(r *http.Request) []string {
	var allowed []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := a.mux.Handler(probe); pattern != "" && pattern != "/api/v1/" && !strings.HasPrefix(pattern, "OPTIONS ") {
			allowed = append(allowed, m)
		}
	}
	if slices.Contains(allowed, http.MethodGet) {
		allowed = append(allowed, http.MethodHead)
	}
	return allowed
}
