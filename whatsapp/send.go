package whatsapp

import (
	"context"
	"unicode/utf8"

	"parley"
)

// maxCaption is the longest caption WhatsApp shows under an image or document.
const maxCaption = 1024

// outMessage is the body of POST /{phone_number_id}/messages.
type outMessage struct {
	MessagingProduct string       `json:"messaging_product"`
	RecipientType    string       `json:"recipient_type"`
	To               string       `json:"to"`
	Type             string       `json:"type"`
	Text             *outText     `json:"text,omitempty"`
	Image            *outMedia    `json:"image,omitempty"`
	Document         *outMedia    `json:"document,omitempty"`
	Location         *outLocation `json:"location,omitempty"`
	Template         *outTemplate `json:"template,omitempty"`
}

type outText struct {
	Body string `json:"body"`
}

type outMedia struct {
	ID       string `json:"id"`
	Caption  string `json:"caption,omitempty"`
	Filename string `json:"filename,omitempty"`
}

type outLocation struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
	Name      string  `json:"name,omitempty"`
	Address   string  `json:"address,omitempty"`
}

type outTemplate struct {
	Name     string `json:"name"`
	Language struct {
		Code string `json:"code"`
	} `json:"language"`
	Components []outComponent `json:"components,omitempty"`
}

type outComponent struct {
	Type       string     `json:"type"`
	Parameters []outParam `json:"parameters"`
}

type outParam struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// sendAnswer is a successful send's answer.
type sendAnswer struct {
	Messages []struct {
		ID string `json:"id"`
	} `json:"messages"`
}

// Send delivers a template, or the text, the files and a location. Files are
// uploaded before anything is sent: an upload is the step most likely to
// fail, and failing before the first message means a retry sends nothing
// twice. The text rides as the first file's caption when it fits.
func (p *Provider) Send(ctx context.Context, ch parley.Channel, out parley.Outbound) (parley.SendResult, error) {
	if out.Template != nil {
		if len(out.Files) > 0 {
			return parley.SendResult{}, parley.PermanentError("a WhatsApp template cannot carry files: send them after the customer replies")
		}
		return p.send(ctx, ch, templateMessage(out.To, out.Template))
	}
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

// plan lists the messages that carry out, in the order the contact sees them.
func plan(out parley.Outbound, ups []upload) []outMessage {
	var msgs []outMessage
	text, caption := out.Text, ""
	if text != "" && len(ups) > 0 && utf8.RuneCountInString(text) <= maxCaption {
		text, caption = "", text
	}
	if text != "" {
		msgs = append(msgs, newMessage(out.To, "text"))
		msgs[0].Text = &outText{Body: text}
	}
	for i, u := range ups {
		m := newMessage(out.To, u.kind)
		md := &outMedia{ID: u.id}
		if i == 0 {
			md.Caption = caption
		}
		if u.kind == "document" {
			md.Filename = u.name
			m.Document = md
		} else {
			m.Image = md
		}
		msgs = append(msgs, m)
	}
	if l := out.Location; l != nil {
		m := newMessage(out.To, "location")
		m.Location = &outLocation{Latitude: l.Latitude, Longitude: l.Longitude, Name: l.Name, Address: l.Address}
		msgs = append(msgs, m)
	}
	return msgs
}

// newMessage starts a message of type kind to the user to.
func newMessage(to, kind string) outMessage {
	return outMessage{MessagingProduct: "whatsapp", RecipientType: "individual", To: to, Type: kind}
}

// templateMessage fills an approved template's body parameters in order.
func templateMessage(to string, t *parley.TemplateUse) outMessage {
	m := newMessage(to, "template")
	m.Template = &outTemplate{Name: t.Name}
	m.Template.Language.Code = t.Language
	if len(t.Params) > 0 {
		c := outComponent{Type: "body"}
		for _, v := range t.Params {
			c.Parameters = append(c.Parameters, outParam{Type: "text", Text: v})
		}
		m.Template.Components = []outComponent{c}
	}
	return m
}

// send posts one message and returns its wamid.
func (p *Provider) send(ctx context.Context, ch parley.Channel, m outMessage) (parley.SendResult, error) {
	var ans sendAnswer
	if err := p.postJSON(ctx, ch, phoneURL(ch, "messages"), m, &ans); err != nil {
		return parley.SendResult{}, err
	}
	if len(ans.Messages) == 0 || ans.Messages[0].ID == "" {
		return parley.SendResult{}, parley.PermanentError("WhatsApp accepted the message but returned no id")
	}
	return parley.SendResult{ExternalID: ans.Messages[0].ID}, nil
}
