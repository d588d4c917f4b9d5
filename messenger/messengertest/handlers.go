package messengertest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"parley/providertest"
)

// request is the part of a send body the fake records.
type request struct {
	Recipient struct {
		ID string `json:"id"`
	} `json:"recipient"`
	MessagingType string `json:"messaging_type"`
	Tag           string `json:"tag"`
	Message       struct {
		Text       string `json:"text"`
		Attachment *struct {
			Type    string `json:"type"`
			Payload struct {
				AttachmentID string `json:"attachment_id"`
			} `json:"payload"`
		} `json:"attachment"`
	} `json:"message"`
}

func (s *Server) handleSend(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r) {
		return
	}
	body, _ := io.ReadAll(r.Body)
	var req request
	if err := json.Unmarshal(body, &req); err != nil || req.Recipient.ID == "" || req.MessagingType == "" ||
		(req.MessagingType == "MESSAGE_TAG") != (req.Tag != "") {
		providertest.WriteJSON(w, http.StatusBadRequest, ErrorBody(100, 0, "(#100) Invalid parameter"))
		return
	}
	if s.rec.Fail(w) {
		return
	}
	m := SentMessage{AccessToken: r.URL.Query().Get("access_token"), To: req.Recipient.ID, MessagingType: req.MessagingType,
		Tag: req.Tag, Text: req.Message.Text, Body: append(json.RawMessage(nil), body...)}
	if a := req.Message.Attachment; a != nil {
		m.AttachmentType, m.AttachmentID = a.Type, a.Payload.AttachmentID
	}
	s.mu.Lock()
	s.nextID++
	m.ID = fmt.Sprintf("m_fake%06d", s.nextID)
	s.rec.Record(m) // under mu, so that Sent's order is the order of the ids
	s.mu.Unlock()
	providertest.WriteJSON(w, http.StatusOK, map[string]string{"recipient_id": m.To, "message_id": m.ID})
}

// handleUpload takes the Attachment Upload API's form: message and filedata.
func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r) {
		return
	}
	var msg struct {
		Attachment struct {
			Type string `json:"type"`
		} `json:"attachment"`
	}
	f, hdr, err := r.FormFile("filedata")
	if err != nil || json.Unmarshal([]byte(r.FormValue("message")), &msg) != nil || msg.Attachment.Type == "" {
		providertest.WriteJSON(w, http.StatusBadRequest, ErrorBody(100, 2018047, "Upload attachment failure."))
		return
	}
	defer f.Close()
	data, _ := io.ReadAll(f)
	s.mu.Lock()
	s.nextID++
	id := fmt.Sprintf("%d", 1857777774821032+s.nextID)
	s.mu.Unlock()
	s.uploads.Add(id, Medium{ContentType: hdr.Header.Get("Content-Type"), Data: data, Filename: hdr.Filename, Type: msg.Attachment.Type})
	providertest.WriteJSON(w, http.StatusOK, map[string]string{"attachment_id": id})
}

// handleProfile answers the User Profile API for the fields profile_pic,
// first_name and last_name, as far as the fake knows them.
func (s *Server) handleProfile(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r) {
		return
	}
	psid, fields := r.PathValue("psid"), r.URL.Query().Get("fields")
	ans := map[string]string{"id": psid}
	if _, ok := s.media.Get(profileMedium(psid)); ok && strings.Contains(fields, "profile_pic") {
		ans["profile_pic"] = s.MediaURL(profileMedium(psid))
	}
	s.mu.Lock()
	name, named := s.names[psid]
	s.mu.Unlock()
	if named && strings.Contains(fields, "first_name") {
		ans["first_name"], ans["last_name"] = name[0], name[1]
	}
	if len(ans) == 1 {
		providertest.WriteJSON(w, http.StatusBadRequest, ErrorBody(100, 33, "Unsupported get request."))
		return
	}
	providertest.WriteJSON(w, http.StatusOK, ans)
}

func (s *Server) handleCDN(w http.ResponseWriter, r *http.Request) {
	m, ok := s.media.Get(r.PathValue("id"))
	if !ok {
		http.Error(w, "URL signature expired", http.StatusForbidden)
		return
	}
	w.Header().Set("Content-Type", m.ContentType)
	w.Write(m.Data)
}
