package messengertest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"parley/metahook"
)

// PageID is the Page every builder here writes to (the id in Meta's
// examples): give the channel this page_id setting.
const PageID = "682498302938465"

// envelope wraps one event from the person psid to the Page.
func envelope(psid string, ev map[string]any) []byte { return wrap(psid, PageID, ev) }

// wrap puts one messaging event the way Meta delivers it, stamped now.
func wrap(sender, recipient string, ev map[string]any) []byte {
	now := time.Now().UnixMilli()
	ev["sender"] = map[string]string{"id": sender}
	ev["recipient"] = map[string]string{"id": recipient}
	if _, ok := ev["timestamp"]; !ok {
		ev["timestamp"] = now
	}
	b, _ := json.Marshal(map[string]any{"object": "page",
		"entry": []any{map[string]any{"id": PageID, "time": now, "messaging": []any{ev}}}})
	return b
}

// TextMessage is a text message from the person psid (a Page-scoped id such
// as "1254477777772919") with the message id mid ("m_…"). Messenger sends no
// name with messages.
func TextMessage(psid, text, mid string) []byte {
	return envelope(psid, map[string]any{"message": map[string]any{"mid": mid, "text": text}})
}

// ImageMessage is an image attachment at mediaURL, e.g. Server.MediaURL of a
// medium added with AddMedia.
func ImageMessage(psid, mediaURL, mid string) []byte {
	return envelope(psid, map[string]any{"message": map[string]any{"mid": mid,
		"attachments": []any{map[string]any{"type": "image", "payload": map[string]string{"url": mediaURL}}}}})
}

// Edit is the person's new text for their message mid.
func Edit(psid, mid, text string) []byte {
	return envelope(psid, map[string]any{"message_edit": map[string]any{"mid": mid, "text": text, "num_edit": 1}})
}

// Postback is a tap on a postback button titled title.
func Postback(psid, title, mid string) []byte {
	return envelope(psid, map[string]any{"postback": map[string]string{"mid": mid, "title": title, "payload": "PAYLOAD"}})
}

// Echo is the Page's own message to psid, as Meta echoes it back.
func Echo(psid, text, mid string) []byte {
	return wrap(PageID, psid, map[string]any{"message": map[string]any{"mid": mid, "text": text, "is_echo": true, "app_id": 1517776481860111}})
}

// DeliveryReceipt says the sent messages mids reached the person psid.
func DeliveryReceipt(psid string, mids ...string) []byte {
	return envelope(psid, map[string]any{"delivery": map[string]any{"mids": mids, "watermark": time.Now().UnixMilli()}})
}

// Read says the person psid read everything sent to them before watermark.
func Read(psid string, watermark time.Time) []byte {
	return envelope(psid, map[string]any{"read": map[string]any{"watermark": watermark.UnixMilli()}})
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
