package httpapi

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"parley"
)

// maxBody bounds every JSON request body.
const maxBody = 1 << 20

// decodeBody reads r's JSON body into dst strictly: the right media type, at most
// maxBody bytes, no unknown fields, exactly one value.
func decodeBody(w http.ResponseWriter, r *http.Request, dst any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return withStatus(http.StatusUnsupportedMediaType, parley.CodeMalformed, "the body must be JSON, sent with Content-Type: application/json")
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return jsonError(err)
		}
		return malformed("the body holds more than one JSON value")
	}
	return nil
}

// jsonError turns a decoding failure into a message that says what to fix.
func jsonError(err error) error {
	var (
		syntax  *json.SyntaxError
		typ     *json.UnmarshalTypeError
		tooBig  *http.MaxBytesError
		unknown = strings.HasPrefix(err.Error(), "json: unknown field ")
	)
	switch {
	case errors.As(err, &tooBig):
		return parley.Errorf(parley.CodeTooLarge, "the body is larger than %d bytes", maxBody)
	case errors.Is(err, io.EOF):
		return malformed("the request body is empty; a JSON object is required")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return malformed("the JSON body ends too early")
	case errors.As(err, &syntax):
		return malformed("malformed JSON at byte %d: %v", syntax.Offset, syntax)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return malformed("the body must be %s, not %s", jsonKind(typ.Type.Kind()), typ.Value)
		}
		return malformed("field %q must be %s, not %s", typ.Field, jsonKind(typ.Type.Kind()), typ.Value)
	case unknown:
		return malformed("unknown field %s", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return malformed("unreadable JSON body: %v", err)
}

// jsonKind names a Go kind the way a JSON client thinks of it.
func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}

// writeJSON sends v as the JSON body with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if status == http.StatusNoContent {
		return
	}
	// Nothing useful can be done about a client that stopped reading.
	_ = json.NewEncoder(w).Encode(v)
}

// pathID reads a positive decimal id from the path. Anything else names nothing that
// can exist, so it is not found rather than malformed.
func pathID(r *http.Request, name string) (int64, error) {
	s := r.PathValue(name)
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != s {
		return 0, parley.Errorf(parley.CodeNotFound, "%q is not an id that can exist", s)
	}
	return id, nil
}

// parseCount reads a query number: a non-negative decimal without sign or spaces.
func parseCount(name, s string) (int64, error) {
	n, err := strconv.ParseUint(s, 10, 63)
	if err != nil {
		return 0, malformed("query parameter %s must be a non-negative integer, not %q", name, s)
	}
	return int64(n), nil
}
