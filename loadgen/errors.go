package loadgen

import (
	"fmt"
	"maps"
	"sync"
)

// Kinds of error a run counts.
const (
	errErrorFrame  = "error_frame" // the server answered a frame with an error frame
	errHTTP        = "http"        // an HTTP call failed or answered an error status
	errUnsent      = "unsent"      // a planned message never written (its connection broke); reply_ for answers
	errUnacked     = "unacked"     // a message never acknowledged by the end; reply_unacked for answers
	errUndelivered = "undelivered" // a message never delivered to the other side by the end
	errDisconnect  = "disconnect"  // a websocket ended before the run did
	errDial        = "dial"        // a websocket could not be opened
	errWrite       = "write"       // a frame could not be written
	errMetrics     = "metrics"     // /metrics could not be read
	errFrame       = "bad_frame"   // the server sent a frame this tool could not read
)

// maxSamples bounds how many error descriptions a run keeps to show.
const maxSamples = 20

// errorLog counts errors by kind and keeps the first few descriptions.
type errorLog struct {
	mu      sync.Mutex
	counts  map[string]int64
	samples []string
}

func newErrorLog() *errorLog { return &errorLog{counts: map[string]int64{}} }

// add counts one error of a kind.
func (l *errorLog) add(kind, format string, args ...any) { l.addN(kind, 1, format, args...) }

// addN counts n errors of a kind with one description, unless format is empty.
func (l *errorLog) addN(kind string, n int64, format string, args ...any) {
	if n <= 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.counts[kind] += n
	if format != "" && len(l.samples) < maxSamples {
		l.samples = append(l.samples, kind+": "+fmt.Sprintf(format, args...))
	}
}

// keep keeps a description without counting an error: one a worker counted already.
func (l *errorLog) keep(desc string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.samples) < maxSamples {
		l.samples = append(l.samples, desc)
	}
}

// snapshot returns the counts and the kept descriptions.
func (l *errorLog) snapshot() (map[string]int64, []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return maps.Clone(l.counts), append([]string(nil), l.samples...)
}

// total is the number of errors of every kind.
func (l *errorLog) total() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	var n int64
	for _, c := range l.counts {
		n += c
	}
	return n
}
