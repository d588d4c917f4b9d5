package httpapi

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// observe wraps every request: a request id in the context and the response,
// recovery from a handler's panic, a debug log line and the HTTP metrics.
func (a *API) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := requestID(r.Header.Get("X-Request-Id"))
		w.Header().Set("X-Request-Id", id)
		r = r.WithContext(context.WithValue(r.Context(), requestIDKey, id))
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			took := time.Since(start)
			if p := recover(); p != nil {
				a.recovered(sw, r, p)
			}
			route := routeLabel(r.Pattern)
			a.metrics.observeRequest(route, methodLabel(r.Method), strconv.Itoa(sw.code()), took)
			if a.log.Enabled(r.Context(), slog.LevelDebug) {
				a.log.LogAttrs(r.Context(), slog.LevelDebug, "http request", slog.String("request_id", id),
					slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("route", route),
					slog.Int("status", sw.code()), slog.Duration("took", took))
			}
		}()
		next.ServeHTTP(sw, r)
	})
}

// recovered turns a handler's panic into a logged 500, except the one
// net/http uses to abort a response, which must go on up.
func (a *API) recovered(w *statusWriter, r *http.Request, p any) {
	if p == http.ErrAbortHandler {
		panic(p)
	}
	err := fmt.Errorf("panic: %v", p)
	if w.status != 0 {
		a.logInternal(r.Context(), r, err)
		return
	}
	a.writeError(w, r, err)
}

// requestID keeps a caller's id when it is reasonable, else makes one.
func requestID(given string) string {
	if given != "" && len(given) <= 128 && !strings.ContainsFunc(given, func(c rune) bool { return c < 0x21 || c > 0x7e }) {
		return given
	}
	b := make([]byte, 12)
	_, _ = rand.Read(b) // never fails on supported systems
	return hex.EncodeToString(b)
}

func requestIDOf(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// routeLabel is the matched pattern without its method (the method has its own
// label), so that metrics never carry raw paths.
func routeLabel(pattern string) string {
	if pattern == "" {
		return "unmatched"
	}
	if _, path, ok := strings.Cut(pattern, " "); ok {
		return path
	}
	return pattern
}

// methodLabel bounds the method label to the methods the API knows.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return m
	}
	return "OTHER"
}

// statusWriter remembers the status sent. It passes Hijack and Flush through, as
// the websockets mounted with Handle need them.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) code() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush sends buffered data to the client.
func (w *statusWriter) Flush() { _ = http.NewResponseController(w.ResponseWriter).Flush() }

// Hijack hands the connection to a websocket; the status is then 101.
func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err != nil {
		return nil, nil, fmt.Errorf("hijack: %w", err)
	}
	if w.status == 0 {
		w.status = http.StatusSwitchingProtocols
	}
	return conn, rw, nil
}
