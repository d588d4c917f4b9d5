// Package providertest is the bookkeeping every fake provider server shares:
// what it was sent, which answers it must fail, how often each path was hit,
// the files it holds, and how it writes JSON. The fakes themselves
// (telegramtest, whatsapptest, …) keep only what is particular to their API.
package providertest

import (
	"net/http"
	"sync"
)

// Recorder keeps what a fake provider was sent and which answers it must
// fail. The zero value is ready to use; it is safe for concurrent use.
type Recorder[T any] struct {
	mu   sync.Mutex
	sent []T
	fail []failure
	hits map[string]int
}

type failure struct {
	status int
	body   string
}

// Sent returns a copy of everything recorded so far, in order.
func (r *Recorder[T]) Sent() []T {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]T(nil), r.sent...)
}

// Record keeps one accepted send.
func (r *Recorder[T]) Record(m T) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, m)
}

// FailNext queues n failures answering with status and body, after any
// already queued. Queuing rather than replacing lets a test line up
// different failures (a 429, then a 500) before one run of sends.
func (r *Recorder[T]) FailNext(n int, status int, body string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for range n {
		r.fail = append(r.fail, failure{status, body})
	}
}

// Failure takes the next queued failure; ok is false when none is due.
func (r *Recorder[T]) Failure() (status int, body string, ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.fail) == 0 {
		return 0, "", false
	}
	f := r.fail[0]
	r.fail = r.fail[1:]
	return f.status, f.body, true
}

// Fail answers w with the next queued failure as JSON, if one is due, and
// says whether it did: a send handler returns at once when it did.
func (r *Recorder[T]) Fail(w http.ResponseWriter) bool {
	status, body, ok := r.Failure()
	if ok {
		WriteJSON(w, status, body)
	}
	return ok
}

// Hit counts one request under key. Count uses the path; a fake whose
// callers count something else (Telegram's method names) calls it directly.
func (r *Recorder[T]) Hit(key string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.hits == nil {
		r.hits = map[string]int{}
	}
	r.hits[key]++
}

// Hits returns how many requests were counted under key, failed ones too.
func (r *Recorder[T]) Hits(key string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.hits[key]
}

// Count counts every request's path, whatever its method or answer, then
// serves it with h.
func (r *Recorder[T]) Count(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.Hit(req.URL.Path)
		h.ServeHTTP(w, req)
	})
}
