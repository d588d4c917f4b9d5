package messenger

import (
	"encoding/json"
	"strings"

	"parley"
)

// inboundOf turns a message event into what the person said. Echoes are
// skipped: they are the Page's own messages, sent by Parley (and recorded when
// sent) or by someone in the Page's inbox, and never the customer's words.
// A quick reply's text is the title of the button tapped; its payload means
// something only to a bot.
func inboundOf(psid string, ev event) (parley.Inbound, bool) {
	m := ev.Message
	if m.IsEcho || m.MID == "" {
		return parley.Inbound{}, false
	}
	in := parley.Inbound{ExternalID: m.MID, Sender: senderOf(psid), Text: m.Text, SentAt: millis(int64(ev.Timestamp))}
	stickers := hasType(m.Attachments, "sticker")
	for _, a := range m.Attachments {
		addAttachment(&in, a, stickers)
	}
	if strings.TrimSpace(in.Text) == "" && len(in.Media) == 0 && in.Location == nil {
		return parley.Inbound{}, false
	}
	return in, true
}

// addAttachment adds one attachment to in. Until the end of August 2026 Meta
// sends a sticker twice, as an image with a sticker_id and as a sticker:
// when a sticker attachment is there, such images are the same sticker.
func addAttachment(in *parley.Inbound, a attachment, stickers bool) {
	var p mediaPayload
	if len(a.Payload) > 0 && json.Unmarshal(a.Payload, &p) != nil {
		return // an odd payload costs only this attachment
	}
	isSticker := len(p.StickerID) > 0 && string(p.StickerID) != "null"
	switch a.Type {
	case "image", "video", "audio", "file", "sticker":
		if p.URL == "" || (a.Type == "image" && isSticker && stickers) {
			return
		}
		kind := map[string]string{"image": "image", "video": "video", "audio": "audio", "file": "document", "sticker": "sticker"}[a.Type]
		if isSticker {
			kind = "sticker"
		}
		in.Media = append(in.Media, parley.MediaRef{URL: p.URL, Kind: kind})
	case "location":
		if p.Coordinates != nil {
			in.Location = &parley.Location{Latitude: p.Coordinates.Lat, Longitude: p.Coordinates.Long, Name: a.Title}
		}
	case "fallback":
		// A shared link: keep it in the words, unless they hold it already.
		title := a.Title
		if title == "" {
			title = p.Title
		}
		if p.URL != "" && !strings.Contains(in.Text, p.URL) {
			in.Text = strings.TrimSpace(in.Text + "\n" + strings.TrimSpace(title+" "+p.URL))
		}
	}
}

// hasType reports whether any attachment is of type t.
func hasType(as []attachment, t string) bool {
	for _, a := range as {
		if a.Type == t {
			return true
		}
	}
	return false
}
