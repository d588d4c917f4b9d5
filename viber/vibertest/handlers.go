package vibertest

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"

	"parley/providertest"
)

// request is the part of a send_message body the fake records.
type request struct {
	Receiver string `json:"receiver"`
	Type     string `json:"type"`
	Text     string `json:"text"`
	Sender   struct {
		Name   string `json:"name"`
		Avatar string `json:"avatar"`
	} `json:"sender"`
	TrackingData string `json:"tracking_data"`
	Location     *struct {
		Lat float64 `json:"lat"`
		Lon float64 `json:"lon"`
	} `json:"location"`
}

func (s *Server) handleSend(w http.ResponseWriter, r *http.Request) {
	auth := r.Header.Get("X-Viber-Auth-Token")
	if auth == "" {
		providertest.WriteJSON(w, http.StatusOK, StatusBody(2, "invalidAuthToken"))
		return
	}
	body, _ := io.ReadAll(r.Body)
	var req request
	if err := json.Unmarshal(body, &req); err != nil || req.Receiver == "" || req.Type == "" || req.Sender.Name == "" {
		providertest.WriteJSON(w, http.StatusOK, StatusBody(4, "missingData"))
		return
	}
	if s.rec.Fail(w) {
		return
	}
	m := SentMessage{AuthToken: auth, To: req.Receiver, Type: req.Type, Text: req.Text, SenderName: req.Sender.Name,
		SenderAvatar: req.Sender.Avatar, TrackingData: req.TrackingData, Body: append(json.RawMessage(nil), body...)}
	if req.Location != nil {
		m.Latitude, m.Longitude = req.Location.Lat, req.Location.Lon
	}
	s.mu.Lock()
	s.nextID++
	m.Token = strconv.FormatUint(s.nextID, 10)
	s.rec.Record(m) // under mu, so that Sent's order is the order of the tokens
	s.mu.Unlock()
	// The token goes out as a bare JSON number, as Viber writes it.
	providertest.WriteJSON(w, http.StatusOK, `{"status":0,"status_message":"ok","message_token":`+m.Token+`,"chat_hostname":"SN-CHAT-05_","billing_status":1}`)
}

func (s *Server) handleSetWebhook(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-Viber-Auth-Token") == "" {
		providertest.WriteJSON(w, http.StatusOK, StatusBody(2, "invalidAuthToken"))
		return
	}
	var req struct {
		URL        string   `json:"url"`
		EventTypes []string `json:"event_types"`
		SendName   bool     `json:"send_name"`
		SendPhoto  bool     `json:"send_photo"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.URL == "" {
		providertest.WriteJSON(w, http.StatusOK, StatusBody(1, "invalidUrl"))
		return
	}
	s.mu.Lock()
	s.webhook = WebhookConfig{URL: req.URL, EventTypes: req.EventTypes, SendName: req.SendName, SendPhoto: req.SendPhoto}
	s.mu.Unlock()
	b, _ := json.Marshal(map[string]any{"status": 0, "status_message": "ok", "event_types": req.EventTypes, "chat_hostname": "SN-CHAT-05_"})
	providertest.WriteJSON(w, http.StatusOK, string(b))
}

func (s *Server) handleMedia(w http.ResponseWriter, r *http.Request) {
	m, ok := s.media.Get(r.PathValue("id"))
	if !ok {
		http.Error(w, "expired", http.StatusForbidden)
		return
	}
	w.Header().Set("Content-Type", m.ContentType)
	w.Write(m.Data)
}
