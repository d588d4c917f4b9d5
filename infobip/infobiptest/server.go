// Package infobiptest is a fake Infobip WhatsApp API for tests and the load
// tool: a real HTTP server on 127.0.0.1 that accepts text, location and
// template sends, serves inbound media, and builds webhook deliveries. Point a
// channel's base_url at Server.URL to use it.
package infobiptest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"

	"parley/providertest"
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

	srv    *httptest.Server
	rec    providertest.Recorder[SentMessage]
	media  providertest.Media[medium]
	mu     sync.Mutex
	nextID int // guarded by mu
}

type medium struct {
	contentType string
	data        []byte
}

// NewServer starts a fake Infobip API on 127.0.0.1.
func NewServer() *Server {
	s := &Server{}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /whatsapp/1/message/text", s.handleSingle)
	mux.HandleFunc("POST /whatsapp/1/message/location", s.handleSingle)
	mux.HandleFunc("POST /whatsapp/1/message/template", s.handleTemplate)
	mux.HandleFunc("GET /whatsapp/1/senders/{sender}/media/{id}", s.handleMedia)
	s.srv = httptest.NewServer(s.rec.Count(mux))
	s.URL = s.srv.URL
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.srv.Close() }

// Sent returns every message the fake accepted, in order.
func (s *Server) Sent() []SentMessage { return s.rec.Sent() }

// FailNext makes the next n send requests answer with status and body, e.g.
// 429 and ErrorBody("TOO_MANY_REQUESTS", "Too many requests"). Failures
// queue: a second call adds to what the first left.
func (s *Server) FailNext(n int, status int, body string) { s.rec.FailNext(n, status, body) }

// AddMedia makes id downloadable at MediaURL(id).
func (s *Server) AddMedia(id string, contentType string, data []byte) {
	s.media.Add(id, medium{contentType, data})
}

// MediaURL is where the fake serves media id, as Infobip names it in an
// inbound message's url.
func (s *Server) MediaURL(id string) string {
	return s.URL + "/whatsapp/1/senders/" + Sender + "/media/" + id
}

// Hits counts the requests made to path, whatever their method or answer.
func (s *Server) Hits(path string) int { return s.rec.Hits(path) }

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
	providertest.WriteJSON(w, http.StatusUnauthorized, ErrorBody("UNAUTHORIZED", "Invalid login details"))
	return false
}
