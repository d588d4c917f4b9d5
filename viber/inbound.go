package viber

import (
	"strconv"
	"strings"

	"parley"
)

// inboundOf turns a message callback into what the user said. Kinds Parley
// cannot show (rich media, keyboards' replies without text) are skipped.
func inboundOf(cb callback) (parley.Inbound, bool) {
	if cb.Sender == nil || cb.Sender.ID == "" || cb.MessageToken == "" || cb.Message == nil {
		return parley.Inbound{}, false
	}
	in := parley.Inbound{
		ExternalID: string(cb.MessageToken),
		Sender:     senderOf(*cb.Sender),
		SentAt:     millis(cb.Timestamp),
	}
	if !fill(&in, *cb.Message) {
		return parley.Inbound{}, false
	}
	return in, true
}

// fill copies m's content into in and reports whether there was any.
func fill(in *parley.Inbound, m message) bool {
	switch m.Type {
	case "picture", "video", "file":
		if m.Media == "" {
			return false
		}
		kind := map[string]string{"picture": "image", "video": "video", "file": "document"}[m.Type]
		in.Text = m.Text // a picture's caption
		in.Media = []parley.MediaRef{{URL: m.Media, Name: m.FileName, Kind: kind}}
		return true
	case "sticker":
		// Stickers come with a link to their PNG; without one there is
		// nothing to show.
		if m.Media == "" {
			return false
		}
		in.Media = []parley.MediaRef{{URL: m.Media, Kind: "sticker"}}
		return true
	case "contact":
		if m.Contact == nil {
			return false
		}
		in.Card = &parley.ContactCard{Name: m.Contact.Name}
		if m.Contact.PhoneNumber != "" {
			in.Card.Phones = []string{m.Contact.PhoneNumber}
		}
		return true
	case "location":
		return fillLocation(in, m.Location)
	case "url":
		in.Text = m.Media
		return in.Text != ""
	}
	in.Text = m.Text // text, and any kind that still carries words
	return in.Text != ""
}

// fillLocation reads a shared point; a point that does not parse is dropped
// rather than shown at 0, 0.
func fillLocation(in *parley.Inbound, c *coordinate) bool {
	if c == nil {
		return false
	}
	lat, err1 := parseFloat(c.Lat)
	lon, err2 := parseFloat(c.Lon)
	if err1 != nil || err2 != nil {
		return false
	}
	in.Location = &parley.Location{Latitude: lat, Longitude: lon}
	return true
}

// parseFloat reads a JSON number, or a number written as a JSON string.
func parseFloat(raw []byte) (float64, error) {
	return strconv.ParseFloat(strings.Trim(string(raw), `"`), 64)
}

// senderOf is the user as Viber describes them; the avatar is a public link.
func senderOf(u user) parley.Sender {
	s := parley.Sender{ExternalID: u.ID, Name: u.Name}
	if u.Avatar != "" {
		s.Avatar = &parley.MediaRef{URL: u.Avatar, Kind: "avatar"}
	}
	return s
}
