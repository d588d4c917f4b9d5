package telegramtest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// send records one send call, or fails it as FailNext asked.
func (s *Server) send(w http.ResponseWriter, token, method string, p params) {
	if s.rec.Fail(w) {
		return
	}
	m := SentMessage{
		Method: method, Token: token, To: p.get("chat_id"),
		Text: p.get("text"), Caption: p.get("caption"), Body: p.body,
	}
	m.Latitude, _ = strconv.ParseFloat(p.get("latitude"), 64)
	m.Longitude, _ = strconv.ParseFloat(p.get("longitude"), 64)
	if f, ok := p.files[map[string]string{"sendPhoto": "photo", "sendDocument": "document"}[method]]; ok {
		m.FileName, m.FileType, m.File = f.name, f.contentType, f.data
	}
	s.mu.Lock()
	s.nextID++
	m.MessageID = s.nextID
	s.rec.Record(m) // under mu, so that Sent's order is the order of the ids
	s.mu.Unlock()

	result := map[string]any{"message_id": m.MessageID, "date": time.Now().Unix(), "chat": chatOf(m.To)}
	if m.Text != "" {
		result["text"] = m.Text
	}
	if m.Caption != "" {
		result["caption"] = m.Caption
	}
	writeResult(w, result)
}

// chatOf is the private chat a send went to, as Telegram describes it.
func chatOf(to string) map[string]any {
	c := map[string]any{"type": "private"}
	if id, err := strconv.ParseInt(to, 10, 64); err == nil {
		c["id"] = id
	} else {
		c["username"] = to
	}
	return c
}

func (s *Server) getFile(w http.ResponseWriter, fileID string) {
	s.mu.Lock()
	m, ok := s.media[fileID]
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusBadRequest, "Bad Request: invalid file_id")
		return
	}
	writeResult(w, map[string]any{"file_id": fileID, "file_unique_id": "u" + fileID, "file_size": len(m.data), "file_path": m.path})
}

func (s *Server) download(w http.ResponseWriter, filePath string) {
	s.mu.Lock()
	m, ok := s.media[s.paths[filePath]]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, nil)
		return
	}
	w.Header().Set("Content-Type", m.contentType)
	w.Write(m.data)
}

func (s *Server) profilePhotos(w http.ResponseWriter, userID string) {
	s.mu.Lock()
	fileID, ok := s.avatars[userID]
	size := len(s.media[fileID].data)
	s.mu.Unlock()
	photos := [][]map[string]any{}
	if ok {
		photos = append(photos, []map[string]any{{"file_id": fileID, "file_unique_id": "u" + fileID, "width": 640, "height": 640, "file_size": size}})
	}
	writeResult(w, map[string]any{"total_count": len(photos), "photos": photos})
}

func (s *Server) answer(w http.ResponseWriter, id string) {
	if id == "" {
		writeError(w, http.StatusBadRequest, "Bad Request: query is too old and response timeout expired or query ID is invalid")
		return
	}
	s.mu.Lock()
	s.answered = append(s.answered, id)
	s.mu.Unlock()
	writeResult(w, true)
}

func (s *Server) setWebhook(w http.ResponseWriter, p params) {
	cfg := WebhookConfig{URL: p.get("url"), SecretToken: p.get("secret_token")}
	if raw := p.get("allowed_updates"); raw != "" {
		if err := json.Unmarshal([]byte(raw), &cfg.AllowedUpdates); err != nil {
			writeError(w, http.StatusBadRequest, "Bad Request: can't parse allowed updates")
			return
		}
	}
	s.mu.Lock()
	s.webhook = cfg
	s.mu.Unlock()
	writeResult(w, true)
}

func writeResult(w http.ResponseWriter, result any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}

func writeError(w http.ResponseWriter, status int, description string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"ok": false, "error_code": status, "description": description})
}
