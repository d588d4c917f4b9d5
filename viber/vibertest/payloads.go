package vibertest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"time"
)

// callback builds a callback of event with fields, stamped now. A token is
// written as a bare JSON number, as Viber writes message_token.
func callback(event, token string, fields map[string]any) []byte {
	fields["event"] = event
	fields["timestamp"] = time.Now().UnixMilli()
	if token != "" {
		fields["message_token"] = json.Number(token)
	}
	b, _ := json.Marshal(fields)
	return b
}

// sender is Viber's subscriber object for the user id called name.
func sender(id, name string) map[string]any {
	return map[string]any{"id": id, "name": name, "avatar": "", "country": "UK", "language": "en", "api_version": 1}
}

// TextMessage is a text message from the user from (a Viber user id such as
// "01234567890A=") called name; token is its message_token in decimal
// (Viber's exceed 2^53, e.g. "4912661846655238145").
func TextMessage(from, name, text, token string) []byte {
	return callback("message", token, map[string]any{"sender": sender(from, name),
		"message": map[string]any{"type": "text", "text": text}})
}

// ImageMessage is a picture with a caption; mediaURL is its public link, e.g.
// Server.MediaURL of a medium added with AddMedia.
func ImageMessage(from, name, mediaURL, caption, token string) []byte {
	return callback("message", token, map[string]any{"sender": sender(from, name),
		"message": map[string]any{"type": "picture", "text": caption, "media": mediaURL, "file_name": "photo.jpg"}})
}

// Status is a receipt for the sent message token: event is delivered, seen
// or failed (which carries a description).
func Status(token, event string) []byte {
	fields := map[string]any{"user_id": "01234567890A="}
	if event == "failed" {
		fields["desc"] = "failure description"
	}
	return callback(event, token, fields)
}

// Subscribed says the user id called name subscribed to the bot.
func Subscribed(id, name string) []byte {
	return callback("subscribed", "4912661846655238145", map[string]any{"user": sender(id, name)})
}

// Unsubscribed says the user id left the bot.
func Unsubscribed(id string) []byte {
	return callback("unsubscribed", "4912661846655238145", map[string]any{"user_id": id})
}

// Sign is the X-Viber-Content-Signature value Viber sends with payload:
// hex HMAC-SHA256 of the body keyed with the bot's auth token.
func Sign(payload []byte, authToken string) string {
	mac := hmac.New(sha256.New, []byte(authToken))
	mac.Write(payload)
	return hex.EncodeToString(mac.Sum(nil))
}

// Delivery is a callback POST ready to send: the body and its signed headers.
func Delivery(authToken string, payload []byte) (body []byte, header http.Header) {
	header = http.Header{}
	header.Set("Content-Type", "application/json")
	header.Set("X-Viber-Content-Signature", Sign(payload, authToken))
	return payload, header
}
