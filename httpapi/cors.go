package httpapi

import (
	"net/http"
	"strings"
)

// setCORS lets any origin call the widget, which runs on customers' sites: it
// authenticates with a bearer token, never a cookie, so there is no ambient
// credential for another site to abuse.
func setCORS(h http.Header) {
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
	h.Set("Access-Control-Allow-Methods", "GET, POST, PATCH, OPTIONS")
	h.Set("Access-Control-Max-Age", "600")
}

// allowCORS adds the CORS headers to every answer of a widget route, errors
// included, so that the widget can read why it was refused.
func allowCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setCORS(w.Header())
		next.ServeHTTP(w, r)
	})
}

// preflight answers a browser's CORS preflight for a widget path that exists.
func (a *API) preflight(w http.ResponseWriter, r *http.Request) {
	setCORS(w.Header())
	allowed := a.allowedMethods(r)
	if len(allowed) == 0 {
		a.writeError(w, r, errNoEndpoint())
		return
	}
	w.Header().Set("Allow", strings.Join(append(allowed, http.MethodOptions), ", "))
	w.WriteHeader(http.StatusNoContent)
}
