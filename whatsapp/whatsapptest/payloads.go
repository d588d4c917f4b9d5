package whatsapptest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"parley/metahook"
)

// PhoneNumberID is the business phone number id every builder here uses (the
// one in Meta's examples): give the channel this phone_number_id setting.
const PhoneNumberID = "106540352242922"

// envelope wraps one change value the way Meta delivers it.
func envelope(value map[string]any) []byte {
	value["messaging_product"] = "whatsapp"
	value["metadata"] = map[string]string{"display_phone_number": "15550783881", "phone_number_id": PhoneNumberID}
	b, _ := json.Marshal(map[string]any{
		"object": "whatsapp_business_account",
		"entry": []any{map[string]any{"id": "102290129340398", "changes": []any{
			map[string]any{"field": "messages", "value": value},
		}}},
	})
	return b
}

// inbound is a messages change from one user with one message.
func inbound(from, name string, msg map[string]any) []byte {
	msg["from"] = from
	msg["timestamp"] = strconv.FormatInt(time.Now().Unix(), 10)
	return envelope(map[string]any{
		"contacts": []any{map[string]any{"profile": map[string]string{"name": name}, "wa_id": from}},
		"messages": []any{msg},
	})
}

// TextMessage is a text message from the user from (a wa_id such as
// "16505551234") called name, with the message id id ("wamid.…").
func TextMessage(from, name, text, id string) []byte {
	return inbound(from, name, map[string]any{"id": id, "type": "text", "text": map[string]string{"body": text}})
}

// ImageMessage is a JPEG image with a caption; add the medium to a Server
// with AddMedia(mediaID, …) to make it downloadable.
func ImageMessage(from, name, mediaID, caption, id string) []byte {
	return inbound(from, name, map[string]any{"id": id, "type": "image", "image": map[string]string{
		"caption": caption, "mime_type": "image/jpeg", "sha256": "SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=", "id": mediaID,
	}})
}

// Status is a status notification for the message externalID: status is
// sent, delivered, read or failed; errorCode, when not 0, adds an error to it
// (131047 is the closed 24-hour window).
func Status(externalID, status string, errorCode int) []byte {
	st := map[string]any{
		"id": externalID, "status": status, "recipient_id": "16505551234",
		"timestamp": strconv.FormatInt(time.Now().Unix(), 10),
	}
	if errorCode != 0 {
		title := "Message failed"
		if errorCode == 131047 {
			title = "Re-engagement message"
		}
		st["errors"] = []any{map[string]any{"code": errorCode, "title": title, "message": title,
			"error_data": map[string]string{"details": title}}}
	}
	return envelope(map[string]any{"statuses": []any{st}})
}

// Sign is the X-Hub-Signature-256 value Meta sends with payload.
func Sign(payload []byte, appSecret string) string { return metahook.Sign(payload, appSecret) }

// Delivery is a webhook POST ready to send: the body and its signed headers.
func Delivery(appSecret string, payload []byte) (body []byte, header http.Header) {
	header = http.Header{}
	header.Set("Content-Type", "application/json")
	header.Set("X-Hub-Signature-256", Sign(payload, appSecret))
	return payload, header
}

// Handshake is the query of Meta's subscription check (GET on the webhook).
func Handshake(verifyToken, challenge string) url.Values {
	return url.Values{"hub.mode": {"subscribe"}, "hub.verify_token": {verifyToken}, "hub.challenge": {challenge}}
}
