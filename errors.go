// Package parley holds the domain of the chat server: its types, their rules,
// the error codes, the events and the small interfaces the core needs.
// It imports nothing but the standard library.
package parley

import (
	"errors"
	"fmt"
)

// ErrorCode classifies an error for clients; the HTTP layer maps each code to one status.
type ErrorCode string

// The error codes a client can see.
const (
	CodeMalformed    ErrorCode = "malformed"    // the request cannot be read (bad JSON, unknown field)
	CodeInvalid      ErrorCode = "invalid"      // the request is readable but breaks a rule
	CodeUnauthorized ErrorCode = "unauthorized" // no valid credentials
	CodeForbidden    ErrorCode = "forbidden"    // valid credentials, not allowed
	CodeNotFound     ErrorCode = "not_found"
	CodeConflict     ErrorCode = "conflict" // the current state does not allow it
	CodeTooLarge     ErrorCode = "too_large"
	CodeUnsupported  ErrorCode = "unsupported_type" // a file of a type the server does not accept
	CodeRateLimited  ErrorCode = "rate_limited"
	CodeInternal     ErrorCode = "internal"
)

// Error is the one error type that carries a code and a message meant for humans.
// Err, when set, holds the cause for the log; it is never shown to clients.
type Error struct {
	Code    ErrorCode
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf makes an *Error with a formatted message.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// NotFound reports that the named thing does not exist (or may not be seen).
func NotFound(what string) *Error {
	return &Error{Code: CodeNotFound, Message: what + " not found"}
}

// CodeOf returns the code of the first *Error in err's chain, or CodeInternal.
func CodeOf(err error) ErrorCode {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// IsCode reports whether err carries the given code.
func IsCode(err error, code ErrorCode) bool { return err != nil && CodeOf(err) == code }
