package telegram

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"parley"
)

// inboundOf reads a new message from a private chat; false for other chats
// and for messages with nothing this adapter can show (polls, dice, service
// messages), which Telegram must still see answered with 200.
func inboundOf(m *message) (parley.Inbound, bool) {
	if m.Chat.Type != "private" {
		return parley.Inbound{}, false
	}
	in := parley.Inbound{
		ExternalID: messageID(m.Chat.ID, m.MessageID),
		Sender:     senderOf(fromOf(m)),
		Text:       m.Text,
		SentAt:     time.Unix(m.Date, 0).UTC(),
	}
	if in.Text == "" {
		in.Text = m.Caption
	}
	if ref, ok := mediaOf(m); ok {
		in.Media = []parley.MediaRef{ref}
	}
	in.Location = locationOf(m)
	if m.Contact != nil {
		in.Card = cardOf(m.Contact)
	}
	if in.Text == "" && len(in.Media) == 0 && in.Location == nil && in.Card == nil {
		return parley.Inbound{}, false
	}
	return in, true
}

// editOf reads a new version of a message. Live locations arrive as edits
// too, so the location comes along with the text.
func editOf(m *message) (parley.Inbound, bool) {
	if m.Chat.Type != "private" {
		return parley.Inbound{}, false
	}
	at := m.EditDate
	if at == 0 {
		at = m.Date
	}
	in := parley.Inbound{
		ExternalID: messageID(m.Chat.ID, m.MessageID),
		Sender:     senderOf(fromOf(m)),
		Text:       m.Text,
		Location:   locationOf(m),
		Edit:       true,
		SentAt:     time.Unix(at, 0).UTC(),
	}
	if in.Text == "" {
		in.Text = m.Caption
	}
	return in, true
}

// messageID names a message: Telegram numbers messages per chat, so the chat
// id makes it unique within the bot.
func messageID(chatID, msgID int64) string {
	return fmt.Sprintf("%d:%d", chatID, msgID)
}

// fromOf is the message's author; in a private chat the chat itself
// describes the user when from is missing.
func fromOf(m *message) user {
	if m.From != nil {
		return *m.From
	}
	return user{ID: m.Chat.ID, FirstName: m.Chat.FirstName, LastName: m.Chat.LastName, Username: m.Chat.Username}
}

// senderOf describes a user; the avatar is named, not fetched (see Fetch).
func senderOf(u user) parley.Sender {
	id := strconv.FormatInt(u.ID, 10)
	name := strings.TrimSpace(u.FirstName + " " + u.LastName)
	if name == "" {
		name = u.Username
	}
	return parley.Sender{
		ExternalID: id,
		Name:       name,
		Avatar:     &parley.MediaRef{Kind: kindAvatar, ID: avatarPrefix + id},
	}
}

// locationOf reads a venue (a named place) or a bare location.
func locationOf(m *message) *parley.Location {
	if v := m.Venue; v != nil {
		return &parley.Location{Latitude: v.Location.Latitude, Longitude: v.Location.Longitude, Name: v.Title, Address: v.Address}
	}
	if l := m.Location; l != nil {
		return &parley.Location{Latitude: l.Latitude, Longitude: l.Longitude}
	}
	return nil
}

// cardOf reads a shared contact; e-mail addresses only travel in its vCard.
func cardOf(c *contact) *parley.ContactCard {
	card := &parley.ContactCard{Name: strings.TrimSpace(c.FirstName + " " + c.LastName)}
	if c.PhoneNumber != "" {
		card.Phones = []string{c.PhoneNumber}
	}
	for line := range strings.Lines(c.VCard) {
		name, value, ok := strings.Cut(strings.TrimSpace(line), ":")
		if ok && value != "" && strings.HasPrefix(strings.ToUpper(name), "EMAIL") {
			card.Emails = append(card.Emails, value)
		}
	}
	return card
}
