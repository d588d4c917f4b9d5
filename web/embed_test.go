package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func testHandler() http.Handler {
	console := fstest.MapFS{
		"index.html":         {Data: []byte("<!doctype html><title>console</title>")},
		"favicon.svg":        {Data: []byte("<svg/>")},
		"assets/app-abc1.js": {Data: []byte("console.log(1)")},
	}
	widget := fstest.MapFS{"widget.js": {Data: []byte("(()=>{})()")}}
	return newHandler(console, widget)
}

func get(t *testing.T, h http.Handler, method, path string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, path, nil)
	for k, v := range header {
		r.Header[k] = v
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestHandlerServesEachKindOfPath(t *testing.T) {
	h := testHandler()
	for _, tc := range []struct {
		path, status, body, ctype, cache string
		csp                              bool
	}{
		{"/", "200", "console", "text/html", "no-cache", true},
		{"/index.html", "200", "console", "text/html", "no-cache", true},
		{"/chats/12", "200", "console", "text/html", "no-cache", true}, // the app's own route
		{"/admin/agents", "200", "console", "text/html", "no-cache", true},
		{"/assets/app-abc1.js", "200", "console.log", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", true},
		{"/favicon.svg", "200", "<svg/>", "image/svg+xml", "no-cache", true},
		{"/widget.js", "200", "(()=>{})()", "text/javascript; charset=utf-8", "public, max-age=300", false},
		{"/assets/missing.js", "404", "", "", "", false},
		{"/missing.png", "404", "", "", "", false},
		{"/assets/../../embed.go", "404", "", "", "", false}, // no way out of the tree
	} {
		w := get(t, h, "GET", tc.path, nil)
		if got := w.Result().Status[:3]; got != tc.status {
			t.Errorf("%s: status %s, want %s", tc.path, got, tc.status)
			continue
		}
		if tc.status != "200" {
			continue
		}
		if !strings.Contains(w.Body.String(), tc.body) {
			t.Errorf("%s: body %q lacks %q", tc.path, w.Body.String(), tc.body)
		}
		if got := w.Header().Get("Content-Type"); !strings.HasPrefix(got, tc.ctype) {
			t.Errorf("%s: Content-Type %q, want %q", tc.path, got, tc.ctype)
		}
		if got := w.Header().Get("Cache-Control"); got != tc.cache {
			t.Errorf("%s: Cache-Control %q, want %q", tc.path, got, tc.cache)
		}
		if got := w.Header().Get("Content-Security-Policy"); (got != "") != tc.csp || (tc.csp && !strings.HasPrefix(got, "default-src 'self';")) {
			t.Errorf("%s: Content-Security-Policy %q (want one: %v)", tc.path, got, tc.csp)
		}
		if w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", tc.path)
		}
	}
}

func TestHandlerRevalidatesWithETag(t *testing.T) {
	h := testHandler()
	first := get(t, h, "GET", "/widget.js", nil)
	tag := first.Header().Get("ETag")
	if tag == "" {
		t.Fatal("no ETag on /widget.js")
	}
	again := get(t, h, "GET", "/widget.js", http.Header{"If-None-Match": {tag}})
	if again.Code != http.StatusNotModified {
		t.Fatalf("revalidation answered %d, want 304", again.Code)
	}
}

func TestHandlerRefusesWrites(t *testing.T) {
	w := get(t, testHandler(), "POST", "/", nil)
	if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "GET, HEAD" {
		t.Fatalf("POST / answered %d with Allow %q", w.Code, w.Header().Get("Allow"))
	}
	if head := get(t, testHandler(), "HEAD", "/widget.js", nil); head.Code != http.StatusOK {
		t.Fatalf("HEAD /widget.js answered %d", head.Code)
	}
}

// TestEmbeddedBuilds checks that the committed builds are the ones embedded.
func TestEmbeddedBuilds(t *testing.T) {
	h := Handler()
	if w := get(t, h, "GET", "/widget.js", nil); w.Code != 200 || !strings.Contains(w.Body.String(), "parley-widget") {
		t.Fatalf("/widget.js: %d, %d bytes", w.Code, w.Body.Len())
	}
	if w := get(t, h, "GET", "/", nil); w.Code != 200 || !strings.Contains(w.Body.String(), "<") {
		t.Fatalf("/: %d %q", w.Code, w.Body.String())
	}
}
