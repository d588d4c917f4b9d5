package httpapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"parley"
)

// statusOf is the one table from error codes to HTTP statuses (a switch, so that
// nothing at package level can be changed at run time).
func statusOf(code parley.ErrorCode) int {
	switch code {
	case parley.CodeMalformed:
		return http.StatusBadRequest
	case parley.CodeInvalid:
		return http.StatusUnprocessableEntity
	case parley.CodeUnauthorized:
		return http.StatusUnauthorized
	case parley.CodeForbidden:
		return http.StatusForbidden
	case parley.CodeNotFound:
		return http.StatusNotFound
	case parley.CodeConflict:
		return http.StatusConflict
	case parley.CodeTooLarge:
		return http.StatusRequestEntityTooLarge
	case parley.CodeUnsupported:
		return http.StatusUnsupportedMediaType
	case parley.CodeRateLimited:
		return http.StatusTooManyRequests
	default:
		return http.StatusInternalServerError
	}
}

// ErrorBody is the body of every error response.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail says what went wrong: a code for programs, a message for humans.
type ErrorDetail struct {
	Code    parley.ErrorCode `json:"code"`
	Message string           `json:"message"`
}

// httpError is an error whose HTTP status is not the one its code maps to: the
// protocol-level refusals (415, 405) that share the malformed code.
type httpError struct {
	status int
	err    *parley.Error
}

func (e *httpError) Error() string { return e.err.Error() }
func (e *httpError) Unwrap() error { return e.err }

func withStatus(status int, code parley.ErrorCode, msg string) error {
	return &httpError{status: status, err: &parley.Error{Code: code, Message: msg}}
}

func malformed(format string, args ...any) error {
	return parley.Errorf(parley.CodeMalformed, format, args...)
}

// writeError answers with err's status and code. The message of an internal error
// may hold details of the system, so it goes to the log and the client gets none.
func (a *API) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var he *httpError
	var pe *parley.Error
	status, body := http.StatusInternalServerError, ErrorDetail{Code: parley.CodeInternal, Message: "internal error"}
	switch {
	case errors.As(err, &he):
		status, body = he.status, ErrorDetail{Code: he.err.Code, Message: he.err.Message}
	case errors.As(err, &pe) && pe.Code != parley.CodeInternal:
		if s := statusOf(pe.Code); s != http.StatusInternalServerError {
			status, body = s, ErrorDetail{Code: pe.Code, Message: pe.Message}
		}
	}
	if status == http.StatusInternalServerError {
		a.logInternal(r.Context(), r, err)
	}
	writeJSON(w, status, ErrorBody{Error: body})
}

// logInternal records the cause of a 500; a request the client gave up on is no fault of ours.
func (a *API) logInternal(ctx context.Context, r *http.Request, err error) {
	level := slog.LevelError
	if ctx.Err() != nil {
		level = slog.LevelDebug
	}
	a.log.Log(ctx, level, "request failed", "request_id", requestIDOf(ctx),
		"method", r.Method, "path", r.URL.Path, "err", err)
}

// WriteError answers a request with err as the API's JSON error, for endpoints
// mounted from outside the package.
func (a *API) WriteError(w http.ResponseWriter, r *http.Request, err error) { a.writeError(w, r, err) }
