package whatsapp

import (
	"strings"

	"parley"
)

// inboundOf turns one message into what the contact said. Reactions,
// unsupported messages (and edits Meta delivers as such), orders, flows and
// system notices carry nothing an agent answers, so they are skipped.
func inboundOf(m message, name string) (parley.Inbound, bool) {
	if m.From == "" || m.ID == "" {
		return parley.Inbound{}, false
	}
	in := parley.Inbound{
		ExternalID: m.ID,
		Sender:     parley.Sender{ExternalID: m.From, Name: name, Phone: "+" + m.From},
		SentAt:     unixTime(m.Timestamp),
	}
	if m.Type == "edit" {
		// Meta documents edits for Coexistence numbers only: the new version
		// of original_message_id, whose text or caption changed.
		if m.Edit == nil || m.Edit.OriginalMessageID == "" {
			return parley.Inbound{}, false
		}
		in.ExternalID, in.Edit = m.Edit.OriginalMessageID, true
		in.Text = textOf(m.Edit.Message)
		return in, in.Text != ""
	}
	if !fill(&in, m.content) {
		return parley.Inbound{}, false
	}
	return in, true
}

// fill copies c's content into in and reports whether c is a kind Parley reads.
func fill(in *parley.Inbound, c content) bool {
	switch c.Type {
	case "text", "interactive", "button":
		in.Text = textOf(c)
		return in.Text != ""
	case "image", "document", "audio", "video", "sticker":
		md := mediaOf(c)
		if md == nil || md.ID == "" {
			return false
		}
		in.Text = md.Caption
		in.Media = []parley.MediaRef{mediaRef(c.Type, md)}
		return true
	case "location":
		if c.Location == nil {
			return false
		}
		l := c.Location
		in.Location = &parley.Location{Latitude: l.Latitude, Longitude: l.Longitude, Name: l.Name, Address: l.Address}
		return true
	case "contacts":
		if len(c.Contacts) == 0 {
			return false
		}
		in.Card = cardOf(c.Contacts[0])
		return true
	}
	return false
}

// textOf is the words of a message: its body, a caption, or the title of the
// button or list row the contact tapped (its id only means something to a bot).
func textOf(c content) string {
	switch {
	case c.Text != nil:
		return c.Text.Body
	case c.Button != nil:
		return c.Button.Text
	case c.Interactive != nil && c.Interactive.ButtonReply != nil:
		return c.Interactive.ButtonReply.Title
	case c.Interactive != nil && c.Interactive.ListReply != nil:
		return c.Interactive.ListReply.Title
	}
	if md := mediaOf(c); md != nil {
		return md.Caption
	}
	return ""
}

// mediaOf is the medium a message carries, nil when it carries none.
func mediaOf(c content) *media {
	for _, md := range []*media{c.Image, c.Document, c.Audio, c.Video, c.Sticker} {
		if md != nil {
			return md
		}
	}
	return nil
}

// mediaRef names a medium for Fetch; a recorded voice note is "voice".
func mediaRef(kind string, md *media) parley.MediaRef {
	if kind == "audio" && md.Voice {
		kind = "voice"
	}
	return parley.MediaRef{ID: md.ID, ContentType: md.MimeType, Name: md.Filename, Kind: kind}
}

// cardOf reads a shared contact. WhatsApp can share several at once; Parley
// keeps the first, which is nearly always the only one.
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
