// Package infobiptest is a fake Infobip WhatsApp API for tests and the load
// tool: a real HTTP server on 127.0.0.1 that accepts text, location and
// template sends, serves inbound media, and builds webhook deliveries. Point a
// channel's base_url at Server.URL to use it.
package infobiptest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

// Sender is the WhatsApp sender number the builders use as "to".
const Sender = "41793026731"

// SentMessage is one message the fake accepted (a template request with
// several messages records each).
type SentMessage struct {
	Path          string          // /whatsapp/1/message/text, …/location or …/template
	Authorization string          // the request's Authorization header
	From, To      string          // sender and recipient numbers
	MessageID     string          // the messageId the client chose, if any
	Text          string          // content.text
	Template      *Template       // set for templates
	Latitude      float64         // content.latitude of a location
	Longitude     float64         // content.longitude of a location
	Body          json.RawMessage // the message as sent
	ID            string          // the messageId the fake answered with
}

// Template is a template send's name, language and placeholders.
type Template struct {
	Name         string
	Language     string
	Placeholders []string
}

// Server is the fake Infobip API. It is safe for concurrent use.
type Server struct {
	URL string

	srv      *httptest.Server
	mu       sync.Mutex
	sent     []SentMessage
	media    map[string]medium
	hits     map[string]int
	failN    int
	failCode int
	failBody string
	nextID   int
}

type medium struct {
	contentType string
	data        []byte
}

// NewServer starts a fake Infobip API on 127.0.0.1.
func NewServer() *Server {
	s := &Server{media: map[string]medium{}, hits: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /whatsapp/1/message/text", s.handleSingle)
	mux.HandleFunc("POST /whatsapp/1/message/location", s.handleSingle)
	mux.HandleFunc("POST /whatsapp/1/message/template", s.handleTemplate)
	mux.HandleFunc("GET /whatsapp/1/senders/{sender}/media/{id}", s.handleMedia)
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	s.URL = s.srv.URL
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.srv.Close() }

// Sent returns every message the fake accepted, in order.
func (s *Server) Sent() []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SentMessage(nil), s.sent...)
}

// FailNext makes the next n send requests answer with status and body, e.g.
// 429 and ErrorBody("TOO_MANY_REQUESTS", "Too many requests").
func (s *Server) FailNext(n int, status int, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failN, s.failCode, s.failBody = n, status, body
}

// AddMedia makes id downloadable at MediaURL(id).
func (s *Server) AddMedia(id string, contentType string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.media[id] = medium{contentType, data}
}

// MediaURL is where the fake serves media id, as Infobip names it in an
// inbound message's url.
func (s *Server) MediaURL(id string) string {
	return s.URL + "/whatsapp/1/senders/" + Sender + "/media/" + id
}

// Hits counts the requests made to path, whatever their method or answer.
func (s *Server) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// ErrorBody is an Infobip error answer.
func ErrorBody(messageID, text string) string {
	b, _ := json.Marshal(map[string]any{"requestError": map[string]any{
		"serviceException": map[string]string{"messageId": messageID, "text": text},
	}})
	return string(b)
}

// authorized answers 401 as Infobip does when no "App <key>" came.
func authorized(w http.ResponseWriter, r *http.Request) bool {
	key, ok := strings.CutPrefix(r.Header.Get("Authorization"), "App ")
	if ok && key != "" {
		return true
	}
	writeJSON(w, http.StatusUnauthorized, ErrorBody("UNAUTHORIZED", "Invalid login details"))
	return false
}

// failing answers with the configured failure, if one is due.
func (s *Server) failing(w http.ResponseWriter) bool {
	s.mu.Lock()
	if s.failN == 0 {
		s.mu.Unlock()
		return false
	}
	s.failN--
	code, body := s.failCode, s.failBody
	s.mu.Unlock()
	writeJSON(w, code, body)
	return true
}

// writeJSON answers with status and a JSON body (a string is sent as is).
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if s, ok := v.(string); ok {
		io.WriteString(w, s)
		return
	}
	json.NewEncoder(w).Encode(v)
}
