package infobiptest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"parley/providertest"
)

// outMessage is what the fake reads of one message.
type outMessage struct {
	From      string `json:"from"`
	To        string `json:"to"`
	MessageID string `json:"messageId"`
	Content   struct {
		Text         string  `json:"text"`
		Latitude     float64 `json:"latitude"`
		Longitude    float64 `json:"longitude"`
		TemplateName string  `json:"templateName"`
		TemplateData *struct {
			Body struct {
				Placeholders []string `json:"placeholders"`
			} `json:"body"`
		} `json:"templateData"`
		Language string `json:"language"`
	} `json:"content"`
}

func (s *Server) handleSingle(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r) || s.rec.Fail(w) {
		return
	}
	raw, _ := io.ReadAll(r.Body)
	var m outMessage
	if json.Unmarshal(raw, &m) != nil || m.From == "" || m.To == "" {
		providertest.WriteJSON(w, http.StatusBadRequest, ErrorBody("BAD_REQUEST", "Bad request"))
		return
	}
	providertest.WriteJSON(w, http.StatusOK, s.record(r, m, raw))
}

func (s *Server) handleTemplate(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r) || s.rec.Fail(w) {
		return
	}
	var req struct {
		Messages []json.RawMessage `json:"messages"`
	}
	if json.NewDecoder(r.Body).Decode(&req) != nil || len(req.Messages) == 0 {
		providertest.WriteJSON(w, http.StatusBadRequest, ErrorBody("BAD_REQUEST", "Bad request"))
		return
	}
	var answers []map[string]any
	for _, raw := range req.Messages {
		var m outMessage
		if json.Unmarshal(raw, &m) != nil || m.Content.TemplateName == "" || m.Content.TemplateData == nil {
			providertest.WriteJSON(w, http.StatusBadRequest, ErrorBody("BAD_REQUEST", "Bad request"))
			return
		}
		answers = append(answers, s.record(r, m, raw))
	}
	providertest.WriteJSON(w, http.StatusOK, map[string]any{"messages": answers, "bulkId": "fake-bulk"})
}

// record keeps one accepted message and returns Infobip's answer for it.
func (s *Server) record(r *http.Request, m outMessage, raw []byte) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	id := m.MessageID
	if id == "" {
		id = fmt.Sprintf("fake-%06d", s.nextID)
	}
	sm := SentMessage{Path: r.URL.Path, Authorization: r.Header.Get("Authorization"), From: m.From, To: m.To,
		MessageID: m.MessageID, Text: m.Content.Text, Latitude: m.Content.Latitude, Longitude: m.Content.Longitude,
		Body: append(json.RawMessage(nil), raw...), ID: id}
	if m.Content.TemplateName != "" {
		sm.Template = &Template{Name: m.Content.TemplateName, Language: m.Content.Language}
		if m.Content.TemplateData != nil {
			sm.Template.Placeholders = m.Content.TemplateData.Body.Placeholders
		}
	}
	s.rec.Record(sm) // under mu, so that Sent's order is the order of the ids
	return map[string]any{"to": m.To, "messageCount": 1, "messageId": id, "status": map[string]any{
		"groupId": 1, "groupName": "PENDING", "id": 7, "name": "PENDING_ENROUTE", "description": "Message sent to next instance",
	}}
}

func (s *Server) handleMedia(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r) {
		return
	}
	m, ok := s.media.Get(r.PathValue("id"))
	if !ok {
		providertest.WriteJSON(w, http.StatusNotFound, ErrorBody("NOT_FOUND", "Media not found"))
		return
	}
	w.Header().Set("Content-Type", m.contentType)
	w.Write(m.data)
}
