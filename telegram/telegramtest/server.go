// Package telegramtest is a fake Telegram Bot API for other packages' tests
// and for the load tool: a real HTTP server on 127.0.0.1 that takes sends,
// serves files and records what it was asked, plus builders of webhook
// updates. Telegram sends bots no delivery or read receipts, so there is no
// status payload to build.
package telegramtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"

	"parley/providertest"
)

// SentMessage is one send call the fake accepted.
type SentMessage struct {
	Method    string // sendMessage, sendPhoto, sendDocument or sendLocation
	Token     string // the bot token from the URL
	To        string // chat_id as sent
	Text      string // sendMessage's text
	Caption   string
	FileName  string // the uploaded file's name (sendPhoto, sendDocument)
	FileType  string // the uploaded part's Content-Type
	File      []byte // the uploaded content
	Latitude  float64
	Longitude float64
	MessageID int    // the message_id the fake answered with
	Body      []byte // the raw request body of a JSON call
}

// WebhookConfig is what setWebhook was last given.
type WebhookConfig struct {
	URL            string
	SecretToken    string
	AllowedUpdates []string
}

type media struct {
	contentType string
	data        []byte
	path        string
}

// Server is the fake Bot API. It accepts any bot token. All methods are safe
// for concurrent use.
type Server struct {
	URL string // the base URL to put in the channel's base_url setting

	srv      *httptest.Server
	rec      providertest.Recorder[SentMessage] // hits by method name, not path
	mu       sync.Mutex
	nextID   int
	media    map[string]media  // by file_id
	paths    map[string]string // file_path → file_id
	avatars  map[string]string // user id → file_id
	answered []string
	webhook  WebhookConfig
}

// NewServer starts a fake Bot API on 127.0.0.1.
func NewServer() *Server {
	s := &Server{
		media:   map[string]media{},
		paths:   map[string]string{},
		avatars: map[string]string{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.srv.Close() }

// Sent returns every send call accepted so far, in order.
func (s *Server) Sent() []SentMessage { return s.rec.Sent() }

// FailNext makes the next n send calls answer with status and body; an empty
// body becomes Telegram's error envelope with the status' text. Failures
// queue: a second call adds to what the first left.
func (s *Server) FailNext(n int, status int, body string) {
	if body == "" {
		b, _ := json.Marshal(map[string]any{"ok": false, "error_code": status, "description": http.StatusText(status)})
		body = string(b)
	}
	s.rec.FailNext(n, status, body)
}

// AddMedia makes a file available by getFile under id, downloadable from
// /file/bot<token>/<file_path>.
func (s *Server) AddMedia(id string, contentType string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := "media/" + strings.NewReplacer("/", "_", "?", "_", "#", "_").Replace(id)
	s.media[id] = media{contentType: contentType, data: data, path: p}
	s.paths[p] = id
}

// SetAvatar makes fileID (added with AddMedia) the user's profile photo.
func (s *Server) SetAvatar(userID string, fileID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.avatars[userID] = fileID
}

// Answered returns the callback query ids answered so far, in order.
func (s *Server) Answered() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.answered...)
}

// Webhook returns what setWebhook was last given.
func (s *Server) Webhook() WebhookConfig {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook
}

// Hits counts the requests for one Bot API method ("getFile"), or for file
// downloads ("file"), failed ones included.
func (s *Server) Hits(method string) int { return s.rec.Hits(method) }

// serve routes /bot<token>/<method> and /file/bot<token>/<path>.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot"); ok {
		_, filePath, _ := strings.Cut(rest, "/")
		s.rec.Hit("file")
		s.download(w, filePath)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, found := strings.Cut(rest, "/")
	if !ok || !found {
		writeError(w, http.StatusNotFound, "Not Found")
		return
	}
	s.rec.Hit(method)
	p, err := readParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "Bad Request: "+err.Error())
		return
	}
	switch method {
	case "sendMessage", "sendPhoto", "sendDocument", "sendLocation":
		s.send(w, token, method, p)
	case "getFile":
		s.getFile(w, p.get("file_id"))
	case "getUserProfilePhotos":
		s.profilePhotos(w, p.get("user_id"))
	case "answerCallbackQuery":
		s.answer(w, p.get("callback_query_id"))
	case "setWebhook":
		s.setWebhook(w, p)
	default:
		writeError(w, http.StatusNotFound, "Not Found: method not found")
	}
}
