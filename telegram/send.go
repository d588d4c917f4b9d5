package telegram

import (
	"context"
	"strconv"

	"parley"
)

// Telegram's documented limits, counted in UTF-16 code units.
const (
	maxText    = 4096
	maxCaption = 1024
)

// sentMessage is the part of a sent Message that names it.
type sentMessage struct {
	MessageID int64 `json:"message_id"`
	Chat      chat  `json:"chat"`
}

// Send delivers the text (split into several messages when longer than
// Telegram allows), then each file, then the location, and returns the id of
// the last message sent. A lone file carries a short text as its caption.
// When a later part fails after an earlier one went out, the retry sends the
// earlier part again: Telegram has no idempotency key to prevent that.
func (p *Provider) Send(ctx context.Context, ch parley.Channel, out parley.Outbound) (parley.SendResult, error) {
	if ch.Secret(secretBotToken) == "" {
		return parley.SendResult{}, parley.PermanentError("the channel has no bot token")
	}
	if out.To == "" {
		return parley.SendResult{}, parley.PermanentError("the message has no recipient")
	}
	to := chatID(out.To)
	text, caption := out.Text, ""
	if len(out.Files) == 1 && utf16Len(text) <= maxCaption {
		text, caption = "", text
	}
	var last sentMessage
	for _, part := range splitText(text, maxText) {
		if err := p.postJSON(ctx, ch, "sendMessage", map[string]any{"chat_id": to, "text": part}, &last); err != nil {
			return parley.SendResult{}, err
		}
	}
	for i, f := range out.Files {
		c := ""
		if i == 0 {
			c = caption
		}
		m, err := p.sendFile(ctx, ch, out.To, f, c)
		if err != nil {
			return parley.SendResult{}, err
		}
		last = m
	}
	if l := out.Location; l != nil {
		body := map[string]any{"chat_id": to, "latitude": l.Latitude, "longitude": l.Longitude}
		if err := p.postJSON(ctx, ch, "sendLocation", body, &last); err != nil {
			return parley.SendResult{}, err
		}
	}
	if last.MessageID == 0 {
		return parley.SendResult{}, parley.PermanentError("the message has nothing Telegram can send")
	}
	return parley.SendResult{ExternalID: sentID(out.To, last)}, nil
}

// chatID sends a numeric chat id as a JSON number and anything else (a
// channel's @username) as a string, as the API takes both.
func chatID(to string) any {
	if id, err := strconv.ParseInt(to, 10, 64); err == nil {
		return id
	}
	return to
}

// sentID names a sent message the way inbound messages are named, so a
// reply's id and the customer's ids share one form.
func sentID(to string, m sentMessage) string {
	if m.Chat.ID != 0 {
		return messageID(m.Chat.ID, m.MessageID)
	}
	return to + ":" + strconv.FormatInt(m.MessageID, 10)
}
