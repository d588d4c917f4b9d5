package infobip

import (
	"strings"

	"parley"
)

// mediaKinds maps Infobip's media message types to MediaRef kinds.
var mediaKinds = map[string]string{
	"IMAGE": "image", "DOCUMENT": "document", "AUDIO": "audio", "VOICE": "voice",
	"VIDEO": "video", "STICKER": "sticker",
}

// inboundOf turns one inbound result into what the contact said. Orders,
// reactions and unsupported types carry nothing an agent answers: skipped.
func inboundOf(r result) (parley.Inbound, bool) {
	m := r.Message
	if r.From == "" || r.MessageID == "" {
		return parley.Inbound{}, false
	}
	in := parley.Inbound{
		ExternalID: r.MessageID,
		Sender:     parley.Sender{ExternalID: r.From, Phone: "+" + strings.TrimPrefix(r.From, "+")},
		SentAt:     parseTime(r.ReceivedAt),
	}
	if r.Contact != nil {
		in.Sender.Name = r.Contact.Name
	}
	switch m.Type {
	case "TEXT":
		in.Text = m.Text
	case "BUTTON":
		in.Text = m.Text
	case "INTERACTIVE_BUTTON_REPLY", "INTERACTIVE_LIST_REPLY":
		in.Text = m.Title // the row's id only means something to a bot
	case "LOCATION":
		in.Location = &parley.Location{Latitude: m.Latitude, Longitude: m.Longitude, Name: m.Name, Address: m.Address}
		return in, true
	case "CONTACT":
		if len(m.Contacts) == 0 {
			return parley.Inbound{}, false
		}
		in.Card = cardOf(m.Contacts[0])
		return in, true
	default:
		kind, ok := mediaKinds[m.Type]
		if !ok || m.URL == "" {
			return parley.Inbound{}, false
		}
		in.Text = m.Caption
		in.Media = []parley.MediaRef{{URL: m.URL, Kind: kind}}
		return in, true
	}
	return in, in.Text != ""
}

// cardOf reads a shared contact; of several, Parley keeps the first.
func cardOf(c card) *parley.ContactCard {
	cc := &parley.ContactCard{Name: c.Name.FormattedName}
	if cc.Name == "" {
		cc.Name = strings.TrimSpace(c.Name.FirstName + " " + c.Name.LastName)
	}
	for _, ph := range c.Phones {
		if ph.Phone != "" {
			cc.Phones = append(cc.Phones, ph.Phone)
		}
	}
	for _, e := range c.Emails {
		if e.Email != "" {
			cc.Emails = append(cc.Emails, e.Email)
		}
	}
	return cc
}
