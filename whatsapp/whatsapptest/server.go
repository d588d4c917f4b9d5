// Package whatsapptest is a fake WhatsApp Cloud API for tests and the load
// tool: a real HTTP server on 127.0.0.1 that accepts sends and media uploads,
// serves media, and builds signed webhook deliveries. Point a channel's
// base_url at Server.URL (no version segment) to use it.
package whatsapptest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"

	"parley/providertest"
)

// SentMessage is one send request the fake accepted.
type SentMessage struct {
	PhoneNumberID string          // from the URL path
	Authorization string          // the request's Authorization header
	To            string          // the recipient's wa_id
	Type          string          // text, image, document, location, template
	Text          string          // text.body
	MediaID       string          // image.id or document.id
	Caption       string          // the medium's caption
	Filename      string          // document.filename
	Template      *Template       // set for type template
	ID            string          // the wamid the fake answered with
	Body          json.RawMessage // the request body as sent
}

// Template is a template send's name, language and body parameters.
type Template struct {
	Name     string
	Language string
	Params   []string
}

// Medium is a file the fake holds, uploaded or added by AddMedia.
type Medium struct {
	ContentType string
	Data        []byte
	Filename    string
}

// Server is the fake Cloud API. It is safe for concurrent use.
type Server struct {
	URL string

	srv    *httptest.Server
	rec    providertest.Recorder[SentMessage]
	media  providertest.Media[Medium]
	mu     sync.Mutex
	nextID int // one counter for wamids and upload ids, guarded by mu
}

// NewServer starts a fake Cloud API on 127.0.0.1.
func NewServer() *Server {
	s := &Server{}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /{phone}/messages", s.handleSend)
	mux.HandleFunc("POST /{phone}/media", s.handleUpload)
	mux.HandleFunc("GET /{id}", s.handleLookup)
	mux.HandleFunc("GET /download/{id}", s.handleDownload)
	s.srv = httptest.NewServer(s.rec.Count(mux))
	s.URL = s.srv.URL
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.srv.Close() }

// Sent returns every send the fake accepted, in order.
func (s *Server) Sent() []SentMessage { return s.rec.Sent() }

// FailNext makes the next n send calls (POST /{phone_number_id}/messages)
// answer with status and body, e.g. 429 and a Meta error object. Failures
// queue: a second call adds to what the first left.
func (s *Server) FailNext(n int, status int, body string) { s.rec.FailNext(n, status, body) }

// AddMedia makes id downloadable: GET /{id} gives its URL on the fake, and
// that URL gives data.
func (s *Server) AddMedia(id string, contentType string, data []byte) {
	s.media.Add(id, Medium{ContentType: contentType, Data: data})
}

// Media returns what was uploaded (or added) under id.
func (s *Server) Media(id string) (Medium, bool) { return s.media.Get(id) }

// Hits counts the requests made to path, whatever their method or answer.
func (s *Server) Hits(path string) int { return s.rec.Hits(path) }

// authorized answers 401 with Meta's error shape when no bearer token came.
func authorized(w http.ResponseWriter, r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if ok && tok != "" {
		return true
	}
	providertest.WriteJSON(w, http.StatusUnauthorized, ErrorBody(190, "Invalid OAuth access token."))
	return false
}

// ErrorBody is a Graph API error answer with code and message.
func ErrorBody(code int, message string) string {
	b, _ := json.Marshal(map[string]any{"error": map[string]any{
		"message": fmt.Sprintf("(#%d) %s", code, message), "type": "OAuthException",
		"code": code, "fbtrace_id": "AazFakeTrace",
	}})
	return string(b)
}
