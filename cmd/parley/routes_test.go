package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestRoutesSplitAPIFromWeb(t *testing.T) {
	answer := func(name string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Header().Set("X-Handler", name) })
	}
	h := routes(answer("api"), answer("web"))
	for path, want := range map[string]string{
		"/api/v1/me": "api", "/api/v1/nothing": "api", "/api": "api", "/healthz": "api", "/readyz": "api", "/metrics": "api",
		"/": "web", "/widget.js": "web", "/assets/app.js": "web", "/chats/3": "web", "/apis": "web", "/metrics/x": "web",
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if got := w.Header().Get("X-Handler"); got != want {
			t.Errorf("%s went to %q, want %q", path, got, want)
		}
	}
}
