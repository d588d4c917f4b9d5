package messenger

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"parley"
)

// outMessage is the body of POST /me/messages.
type outMessage struct {
	Recipient     recipient `json:"recipient"`
	MessagingType string    `json:"messaging_type"`
	Tag           string    `json:"tag,omitempty"`
	Message       outBody   `json:"message"`
}

type recipient struct {
	ID string `json:"id"`
}

type outBody struct {
	Text       string         `json:"text,omitempty"`
	Attachment *outAttachment `json:"attachment,omitempty"`
}

type outAttachment struct {
	Type    string `json:"type"`
	Payload struct {
		AttachmentID string `json:"attachment_id"`
	} `json:"payload"`
}

// sendAnswer is a successful send's answer.
type sendAnswer struct {
	RecipientID string `json:"recipient_id"`
	MessageID   string `json:"message_id"`
}

// Send delivers the text (in parts of at most 2000 characters), a location
// and then each file. Messenger attachments carry no caption, so the text
// goes first on its own. Files are uploaded before anything is sent: an
// upload is the step most likely to fail, and failing before the first
// message means a retry sends nothing twice. A Page cannot send a location,
// so one goes as text with a map link. Outside the 24-hour window the core
// sets Tag (HUMAN_AGENT), which every part then carries.
func (p *Provider) Send(ctx context.Context, ch parley.Channel, out parley.Outbound) (parley.SendResult, error) {
	ups, err := p.uploadAll(ctx, ch, out.Files)
	if err != nil {
		return parley.SendResult{}, err
	}
	msgs := plan(out, ups)
	if len(msgs) == 0 {
		return parley.SendResult{}, parley.PermanentError("the message has nothing to send")
	}
	var res parley.SendResult
	for _, m := range msgs {
		if res, err = p.send(ctx, ch, m); err != nil {
			return parley.SendResult{}, err
		}
	}
	return res, nil
}

// plan lists the messages that carry out, in the order the person sees them.
func plan(out parley.Outbound, ups []upload) []outMessage {
	base := outMessage{Recipient: recipient{ID: out.To}, MessagingType: "RESPONSE"}
	if out.Tag != "" {
		base.MessagingType, base.Tag = "MESSAGE_TAG", out.Tag
	}
	var msgs []outMessage
	text := strings.TrimSpace(out.Text)
	if out.Location != nil {
		text = strings.TrimSpace(text + "\n\n" + locationText(*out.Location))
	}
	for _, part := range parley.SplitText(text, maxText) {
		m := base
		m.Message = outBody{Text: part}
		msgs = append(msgs, m)
	}
	for _, u := range ups {
		m := base
		a := &outAttachment{Type: u.kind}
		a.Payload.AttachmentID = u.id
		m.Message = outBody{Attachment: a}
		msgs = append(msgs, m)
	}
	return msgs
}

// locationText describes a point with a link that opens it on a map.
func locationText(l parley.Location) string {
	coords := strconv.FormatFloat(l.Latitude, 'f', -1, 64) + "," + strconv.FormatFloat(l.Longitude, 'f', -1, 64)
	var words []string
	for _, s := range []string{l.Name, l.Address} {
		if s = strings.TrimSpace(s); s != "" {
			words = append(words, s)
		}
	}
	return strings.TrimSpace(strings.Join(words, ", ") + "\nhttps://www.google.com/maps/search/?api=1&query=" + coords)
}

// send posts one message and returns its message_id.
func (p *Provider) send(ctx context.Context, ch parley.Channel, m outMessage) (parley.SendResult, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return parley.SendResult{}, parley.PermanentError(fmt.Sprintf("cannot encode the message: %v", err))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, graphURL(ch, "me/messages", nil), bytes.NewReader(b))
	if err != nil {
		return parley.SendResult{}, parley.PermanentError("bad Graph API URL: " + parley.NetReason(err))
	}
	req.Header.Set("Content-Type", "application/json")
	var ans sendAnswer
	if err := p.do(req, &ans); err != nil {
		return parley.SendResult{}, err
	}
	if ans.MessageID == "" {
		return parley.SendResult{}, parley.PermanentError("Messenger accepted the message but returned no message_id")
	}
	return parley.SendResult{ExternalID: ans.MessageID}, nil
}
