package infobiptest

import (
	"encoding/json"
	"net/http"
	"time"
)

// timeLayout is Infobip's timestamp format.
const timeLayout = "2006-01-02T15:04:05.000-0700"

func now() string { return time.Now().UTC().Format(timeLayout) }

// inbound wraps one inbound message as Infobip delivers it.
func inbound(from, name, id string, message map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{
		"results": []any{map[string]any{
			"from": from, "to": Sender, "integrationType": "WHATSAPP", "receivedAt": now(),
			"messageId": id, "message": message, "contact": map[string]string{"name": name},
			"price": map[string]any{"pricePerMessage": 0, "currency": "EUR"},
		}},
		"messageCount": 1, "pendingMessageCount": 0,
	})
	return b
}

// TextMessage is a text from the number from (such as "385919998888")
// called name, with the message id id.
func TextMessage(from, name, text, id string) []byte {
	return inbound(from, name, id, map[string]any{"type": "TEXT", "text": text})
}

// ImageMessage is an image at mediaURL (Server.MediaURL gives one the fake
// serves) with a caption.
func ImageMessage(from, name, mediaURL, caption, id string) []byte {
	return inbound(from, name, id, map[string]any{"type": "IMAGE", "url": mediaURL, "caption": caption})
}

// Status is a delivery report for externalID: groupName is PENDING,
// DELIVERED, UNDELIVERABLE, REJECTED or EXPIRED; description explains it.
func Status(externalID, groupName, description string) []byte {
	b, _ := json.Marshal(map[string]any{"results": []any{map[string]any{
		"messageId": externalID, "to": "385919998888", "channel": "WHATSAPP",
		"sentAt": now(), "doneAt": now(), "messageCount": 1,
		"status": map[string]any{"groupName": groupName, "name": groupName, "description": description},
		"error":  map[string]any{"id": 0, "groupId": 0, "groupName": "OK", "name": "NO_ERROR", "description": "No Error"},
	}}})
	return b
}

// Seen is a seen report: the contact read externalID.
func Seen(externalID string) []byte {
	b, _ := json.Marshal(map[string]any{"results": []any{map[string]any{
		"messageId": externalID, "from": Sender, "to": "385919998888", "sentAt": now(), "seenAt": now(),
	}}})
	return b
}

// Delivery is a webhook POST ready to send, carrying the channel's webhook
// secret in the X-Webhook-Secret header as Infobip is configured to.
func Delivery(webhookSecret string, payload []byte) (body []byte, header http.Header) {
	header = http.Header{}
	header.Set("Content-Type", "application/json")
	header.Set("X-Webhook-Secret", webhookSecret)
	return payload, header
}
