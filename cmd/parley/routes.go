package main

import (
	"net/http"
	"strings"
)

// routes sends the API's paths to the API and every other path to the console
// and the widget, so that a path the API does not know is still answered by it
// (a JSON error) rather than by the console's page.
func routes(api, web http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isAPIPath(r.URL.Path) {
			api.ServeHTTP(w, r)
			return
		}
		web.ServeHTTP(w, r)
	})
}

func isAPIPath(p string) bool {
	switch p {
	case "/api", "/healthz", "/readyz", "/metrics":
		return true
	}
	return strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/hooks/")
}
