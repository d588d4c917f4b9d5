// Package vibertest is a fake Viber REST Bot API for other packages' tests
// and for the load tool: a real HTTP server on 127.0.0.1 that accepts sends
// and set_webhook, serves media at public links, and builds signed callback
// deliveries. Point a channel's base_url at Server.URL to use it.
package vibertest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"

	"parley/providertest"
)

// SentMessage is one send_message call the fake accepted.
type SentMessage struct {
	AuthToken    string          // the X-Viber-Auth-Token header
	To           string          // receiver
	Type         string          // text, location, picture …
	Text         string          // text
	SenderName   string          // sender.name
	SenderAvatar string          // sender.avatar
	TrackingData string          // tracking_data
	Latitude     float64         // location.lat
	Longitude    float64         // location.lon
	Token        string          // the message_token the fake answered with, in decimal
	Body         json.RawMessage // the request body as sent
}

// WebhookConfig is what set_webhook was last given.
type WebhookConfig struct {
	URL        string
	EventTypes []string
	SendName   bool
	SendPhoto  bool
}

// Medium is a file the fake serves at MediaURL.
type Medium struct {
	ContentType string
	Data        []byte
}

// Server is the fake bot API. It accepts any non-empty auth token and is
// safe for concurrent use.
type Server struct {
	URL string

	srv     *httptest.Server
	rec     providertest.Recorder[SentMessage]
	media   providertest.Media[Medium]
	mu      sync.Mutex // guards webhook and nextID
	webhook WebhookConfig
	nextID  uint64
}

// firstToken starts the fake's message tokens above 2^53, as Viber's are, so
// that a client reading them as float64 fails its tests.
const firstToken = 5741311803571721087

// NewServer starts a fake bot API on 127.0.0.1.
func NewServer() *Server {
	s := &Server{nextID: firstToken}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /send_message", s.handleSend)
	mux.HandleFunc("POST /set_webhook", s.handleSetWebhook)
	mux.HandleFunc("GET /media/{id}", s.handleMedia)
	s.srv = httptest.NewServer(s.rec.Count(mux))
	s.URL = s.srv.URL
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.srv.Close() }

// Sent returns every send the fake accepted, in order.
func (s *Server) Sent() []SentMessage { return s.rec.Sent() }

// Webhook returns what set_webhook was last given.
func (s *Server) Webhook() WebhookConfig {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook
}

// FailNext makes the next n send_message calls answer with the HTTP status
// and body. Viber refuses with HTTP 200 and a status in the body, so use
// StatusBody for those: FailNext(1, 200, StatusBody(6, "receiverNotSubscribed")).
// Failures queue: a second call adds to what the first left.
func (s *Server) FailNext(n int, status int, body string) { s.rec.FailNext(n, status, body) }

// AddMedia makes data downloadable at MediaURL(id), a public link as Viber's
// media links are.
func (s *Server) AddMedia(id string, contentType string, data []byte) {
	s.media.Add(id, Medium{ContentType: contentType, Data: data})
}

// MediaURL is the link at which the medium id is served.
func (s *Server) MediaURL(id string) string { return s.URL + "/media/" + id }

// Hits counts the requests made to path, whatever their method or answer.
func (s *Server) Hits(path string) int { return s.rec.Hits(path) }

// StatusBody is an API answer with a Viber status code and message, such as
// 5 receiverNotRegistered, 6 receiverNotSubscribed or 12 tooManyRequests.
func StatusBody(status int, message string) string {
	b, _ := json.Marshal(map[string]any{"status": status, "status_message": message, "chat_hostname": "SN-CHAT-05_"})
	return string(b)
}
