package providertest

import (
	"encoding/json"
	"io"
	"net/http"
)

// WriteJSON answers with status and a JSON body. A string is sent as is, so
// that a test's hand-written error body (or a number too big for float64)
// reaches the client byte for byte.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if s, ok := v.(string); ok {
		io.WriteString(w, s)
		return
	}
	json.NewEncoder(w).Encode(v)
}
