package whatsapptest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"parley/providertest"
)

// request is the part of a send body the fake records.
type request struct {
	To       string                 `json:"to"`
	Type     string                 `json:"type"`
	Text     *struct{ Body string } `json:"text"`
	Image    *mediaObj              `json:"image"`
	Document *mediaObj              `json:"document"`
	Template *struct {
		Name     string `json:"name"`
		Language struct {
			Code string `json:"code"`
		} `json:"language"`
		Components []struct {
			Parameters []struct {
				Text string `json:"text"`
			} `json:"parameters"`
		} `json:"components"`
	} `json:"template"`
}

type mediaObj struct {
	ID       string `json:"id"`
	Caption  string `json:"caption"`
	Filename string `json:"filename"`
}

func (s *Server) handleSend(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r) {
		return
	}
	body, _ := io.ReadAll(r.Body)
	var req request
	if err := json.Unmarshal(body, &req); err != nil || req.To == "" {
		providertest.WriteJSON(w, http.StatusBadRequest, ErrorBody(100, "Invalid parameter"))
		return
	}
	if s.rec.Fail(w) {
		return
	}
	m := sentOf(req, body)
	m.PhoneNumberID, m.Authorization = r.PathValue("phone"), r.Header.Get("Authorization")
	s.mu.Lock()
	s.nextID++
	m.ID = fmt.Sprintf("wamid.fake%06d", s.nextID)
	s.rec.Record(m) // under mu, so that Sent's order is the order of the ids
	s.mu.Unlock()
	providertest.WriteJSON(w, http.StatusOK, map[string]any{
		"messaging_product": "whatsapp",
		"contacts":          []map[string]string{{"input": req.To, "wa_id": req.To}},
		"messages":          []map[string]string{{"id": m.ID}},
	})
}

// sentOf copies the recorded fields of a send.
func sentOf(req request, body []byte) SentMessage {
	m := SentMessage{To: req.To, Type: req.Type, Body: append(json.RawMessage(nil), body...)}
	if req.Text != nil {
		m.Text = req.Text.Body
	}
	for _, md := range []*mediaObj{req.Image, req.Document} {
		if md != nil {
			m.MediaID, m.Caption, m.Filename = md.ID, md.Caption, md.Filename
		}
	}
	if t := req.Template; t != nil {
		m.Template = &Template{Name: t.Name, Language: t.Language.Code}
		for _, c := range t.Components {
			for _, p := range c.Parameters {
				m.Template.Params = append(m.Template.Params, p.Text)
			}
		}
	}
	return m
}

func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r) {
		return
	}
	f, hdr, err := r.FormFile("file")
	if err != nil || r.FormValue("messaging_product") != "whatsapp" || r.FormValue("type") == "" {
		providertest.WriteJSON(w, http.StatusBadRequest, ErrorBody(100, "Invalid parameter"))
		return
	}
	defer f.Close()
	data, _ := io.ReadAll(f)
	s.mu.Lock()
	s.nextID++
	id := fmt.Sprintf("%d", 4490709327384033+s.nextID)
	s.mu.Unlock()
	s.media.Add(id, Medium{ContentType: r.FormValue("type"), Data: data, Filename: hdr.Filename})
	providertest.WriteJSON(w, http.StatusOK, map[string]string{"id": id})
}

// handleLookup answers GET /{media-id} as Graph does: a URL, the type, size.
func (s *Server) handleLookup(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r) {
		return
	}
	id := r.PathValue("id")
	m, ok := s.Media(id)
	if !ok {
		providertest.WriteJSON(w, http.StatusBadRequest, ErrorBody(100, "Unsupported get request."))
		return
	}
	providertest.WriteJSON(w, http.StatusOK, map[string]any{
		"messaging_product": "whatsapp", "id": id, "mime_type": m.ContentType,
		"file_size": len(m.Data), "url": s.URL + "/download/" + id,
	})
}

func (s *Server) handleDownload(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r) {
		return
	}
	m, ok := s.Media(r.PathValue("id"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", m.ContentType)
	w.Write(m.Data)
}
