package providertest

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// TestFailNextOrder checks that failures queue in the order asked, across
// calls, and run out.
func TestFailNextOrder(t *testing.T) {
	var r Recorder[string]
	r.FailNext(2, 429, "slow down")
	r.FailNext(1, 500, "down")
	r.FailNext(0, 400, "never")
	for i, want := range []struct {
		status int
		body   string
	}{{429, "slow down"}, {429, "slow down"}, {500, "down"}} {
		status, body, ok := r.Failure()
		if !ok || status != want.status || body != want.body {
			t.Errorf("failure %d = %d %q %v, want %d %q", i, status, body, ok, want.status, want.body)
		}
	}
	if status, body, ok := r.Failure(); ok {
		t.Errorf("a fourth failure came: %d %q", status, body)
	}
}

// TestFail checks the answer a forced failure writes, and that nothing is
// written once the queue is empty.
func TestFail(t *testing.T) {
	var r Recorder[string]
	r.FailNext(1, http.StatusBadGateway, `{"ok":false}`)
	w := httptest.NewRecorder()
	if !r.Fail(w) || w.Code != http.StatusBadGateway || w.Body.String() != `{"ok":false}` ||
		w.Header().Get("Content-Type") != "application/json" {
		t.Errorf("Fail wrote %d %q %q", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	w = httptest.NewRecorder()
	if r.Fail(w) || w.Body.Len() != 0 {
		t.Errorf("Fail answered with no failure queued: %q", w.Body)
	}
}

// TestCountHits checks that Count counts each path, whatever the answer.
func TestCountHits(t *testing.T) {
	var r Recorder[string]
	srv := httptest.NewServer(r.Count(http.NotFoundHandler()))
	defer srv.Close()
	for _, path := range []string{"/a", "/a", "/b"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if r.Hits("/a") != 2 || r.Hits("/b") != 1 || r.Hits("/c") != 0 {
		t.Errorf("hits /a %d, /b %d, /c %d; want 2, 1, 0", r.Hits("/a"), r.Hits("/b"), r.Hits("/c"))
	}
}

// TestConcurrentRecord checks, under -race, that parallel records are all
// kept and that Sent hands out a copy.
func TestConcurrentRecord(t *testing.T) {
	var r Recorder[int]
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			r.Record(i)
			r.Hit("send")
			_ = r.Sent()
		})
	}
	wg.Wait()
	sent := r.Sent()
	seen := map[int]bool{}
	for _, m := range sent {
		seen[m] = true
	}
	if len(sent) != 50 || len(seen) != 50 || r.Hits("send") != 50 {
		t.Fatalf("%d recorded, %d distinct, %d hits; want 50 each", len(sent), len(seen), r.Hits("send"))
	}
	sent[0] = -1
	if r.Sent()[0] == -1 {
		t.Error("Sent returned the recorder's own slice")
	}
}

// TestMedia checks Add, replace and Get on the zero value.
func TestMedia(t *testing.T) {
	var m Media[string]
	if _, ok := m.Get("x"); ok {
		t.Error("an empty store has x")
	}
	m.Add("x", "one")
	m.Add("x", "two")
	if got, ok := m.Get("x"); !ok || got != "two" {
		t.Errorf("Get(x) = %q %v, want two", got, ok)
	}
}
