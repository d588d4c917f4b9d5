// Package messengertest is a fake Messenger Platform (Graph API) for other
// packages' tests and for the load tool: a real HTTP server on 127.0.0.1 that
// accepts sends and attachment uploads, answers profile lookups, serves media
// at CDN-like links, and builds signed webhook deliveries. Point a channel's
// base_url at Server.URL (no version segment) to use it.
package messengertest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"

	"parley/providertest"
)

// SentMessage is one send (POST /me/messages) the fake accepted.
type SentMessage struct {
	AccessToken    string          // the access_token query parameter
	To             string          // recipient.id, a PSID
	MessagingType  string          // RESPONSE, UPDATE or MESSAGE_TAG
	Tag            string          // e.g. HUMAN_AGENT
	Text           string          // message.text
	AttachmentType string          // message.attachment.type: image, video, audio, file
	AttachmentID   string          // message.attachment.payload.attachment_id
	ID             string          // the message_id the fake answered with
	Body           json.RawMessage // the request body as sent
}

// Medium is a file the fake holds: uploaded, or added for download.
type Medium struct {
	ContentType string
	Data        []byte
	Filename    string
	Type        string // the attachment type an upload declared
}

// Server is the fake Graph API. It accepts any non-empty access token and is
// safe for concurrent use.
type Server struct {
	URL string

	srv     *httptest.Server
	rec     providertest.Recorder[SentMessage]
	uploads providertest.Media[Medium] // by attachment_id
	media   providertest.Media[Medium] // served at /cdn/{id}
	mu      sync.Mutex
	nextID  int                  // one counter for message and attachment ids, guarded by mu
	names   map[string][2]string // first and last names by PSID, guarded by mu
}

// NewServer starts a fake Graph API on 127.0.0.1.
func NewServer() *Server {
	s := &Server{names: map[string][2]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /me/messages", s.handleSend)
	mux.HandleFunc("POST /me/message_attachments", s.handleUpload)
	mux.HandleFunc("GET /cdn/{id}", s.handleCDN)
	mux.HandleFunc("GET /{psid}", s.handleProfile)
	s.srv = httptest.NewServer(s.rec.Count(mux))
	s.URL = s.srv.URL
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.srv.Close() }

// Sent returns every send the fake accepted, in order.
func (s *Server) Sent() []SentMessage { return s.rec.Sent() }

// FailNext makes the next n sends (POST /me/messages) answer with status and
// body, e.g. 400 and ErrorBody(551, 1545041, "This person isn't available right now.").
// Failures queue: a second call adds to what the first left.
func (s *Server) FailNext(n int, status int, body string) { s.rec.FailNext(n, status, body) }

// AddMedia makes data downloadable at MediaURL(id), a public link as
// Messenger's attachment links are.
func (s *Server) AddMedia(id string, contentType string, data []byte) {
	s.media.Add(id, Medium{ContentType: contentType, Data: data})
}

// MediaURL is the link at which the medium id is served.
func (s *Server) MediaURL(id string) string { return s.URL + "/cdn/" + id }

// AddProfilePic gives the person psid a profile picture: the User Profile API
// then names its link, and the link serves data.
func (s *Server) AddProfilePic(psid, contentType string, data []byte) {
	s.AddMedia(profileMedium(psid), contentType, data)
}

// SetName gives the person psid a name the User Profile API tells.
func (s *Server) SetName(psid, first, last string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.names[psid] = [2]string{first, last}
}

// profileMedium is the medium id under which a person's picture is kept.
func profileMedium(psid string) string { return "profile-" + psid }

// Upload returns the file uploaded under the attachment id.
func (s *Server) Upload(attachmentID string) (Medium, bool) { return s.uploads.Get(attachmentID) }

// Hits counts the requests made to path, whatever their method or answer.
func (s *Server) Hits(path string) int { return s.rec.Hits(path) }

// ErrorBody is a Graph API error answer, e.g. ErrorBody(10, 2018278, "This
// message is sent outside of allowed window.") or ErrorBody(613, 0, "Calls to
// this api have exceeded the rate limit.").
func ErrorBody(code, subcode int, message string) string {
	e := map[string]any{"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AazFakeTrace"}
	if subcode != 0 {
		e["error_subcode"] = subcode
	}
	b, _ := json.Marshal(map[string]any{"error": e})
	return string(b)
}

// authorized answers 400 with Meta's error when no access token came.
func authorized(w http.ResponseWriter, r *http.Request) bool {
	if r.URL.Query().Get("access_token") != "" {
		return true
	}
	providertest.WriteJSON(w, http.StatusBadRequest, ErrorBody(190, 0, "An active access token must be used to query information about the current user."))
	return false
}
