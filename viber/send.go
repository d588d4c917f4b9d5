package viber

import (
	"context"
	"strconv"
	"strings"

	"parley"
)

// Limits of send_message.
const (
	maxText       = 7000 // characters of a text message
	maxSenderName = 28
)

// outMessage is the body of POST /send_message.
type outMessage struct {
	Receiver      string       `json:"receiver"`
	MinAPIVersion int          `json:"min_api_version"`
	Sender        outSender    `json:"sender"`
	TrackingData  string       `json:"tracking_data,omitempty"`
	Type          string       `json:"type"`
	Text          string       `json:"text,omitempty"`
	Location      *outLocation `json:"location,omitempty"`
}

type outSender struct {
	Name   string `json:"name"`
	Avatar string `json:"avatar,omitempty"`
}

type outLocation struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Send delivers the text (in parts of at most 7000 characters) and then a
// location. Files are refused before anything is sent: Viber's picture and
// file messages take only a public URL of the file, and Parley keeps files
// private, so a message with files cannot go out on Viber at all.
func (p *Provider) Send(ctx context.Context, ch parley.Channel, out parley.Outbound) (parley.SendResult, error) {
	if len(out.Files) > 0 {
		return parley.SendResult{}, parley.PermanentError("Viber sends files only from a public URL")
	}
	msgs := plan(ch, out)
	if len(msgs) == 0 {
		return parley.SendResult{}, parley.PermanentError("the message has nothing to send")
	}
	var res parley.SendResult
	for _, m := range msgs {
		var err error
		if res, err = p.send(ctx, ch, m); err != nil {
			return parley.SendResult{}, err
		}
	}
	return res, nil
}

// plan lists the messages that carry out, in order.
func plan(ch parley.Channel, out parley.Outbound) []outMessage {
	base := outMessage{Receiver: out.To, MinAPIVersion: 1, Sender: senderOfChannel(ch)}
	if out.MessageID != 0 {
		base.TrackingData = "parley-" + strconv.FormatInt(out.MessageID, 10)
	}
	var msgs []outMessage
	for _, part := range parley.SplitText(strings.TrimSpace(out.Text), maxText) {
		m := base
		m.Type, m.Text = "text", part
		msgs = append(msgs, m)
	}
	if l := out.Location; l != nil {
		m := base
		m.Type, m.Location = "location", &outLocation{Lat: l.Latitude, Lon: l.Longitude}
		msgs = append(msgs, m)
	}
	return msgs
}

// senderOfChannel is the bot as users see it. Viber requires a name; a
// channel without sender_name shows its own name instead of failing.
func senderOfChannel(ch parley.Channel) outSender {
	name := []rune(ch.Setting(settingSenderName, ch.Name))
	if len(name) > maxSenderName {
		name = name[:maxSenderName]
	}
	return outSender{Name: string(name), Avatar: ch.Setting(settingSenderAvatar, "")}
}

// send posts one message and returns its message_token.
func (p *Provider) send(ctx context.Context, ch parley.Channel, m outMessage) (parley.SendResult, error) {
	ans, err := p.call(ctx, ch, "send_message", m)
	if err != nil {
		return parley.SendResult{}, err
	}
	if ans.Status != statusOK {
		return parley.SendResult{}, sendError(ans)
	}
	if ans.MessageToken == "" {
		return parley.SendResult{}, parley.PermanentError("Viber accepted the message but returned no message_token")
	}
	return parley.SendResult{ExternalID: string(ans.MessageToken)}, nil
}
