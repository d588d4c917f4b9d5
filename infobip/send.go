package infobip

import (
	"context"
	"strconv"

	"parley"
)

// ErrFiles is the reason a message with files is refused.
const ErrFiles = "Infobip sends files only from a public URL; attach a link instead"

// textMessage is the body of POST /whatsapp/1/message/text.
type textMessage struct {
	From      string `json:"from"`
	To        string `json:"to"`
	MessageID string `json:"messageId,omitempty"`
	Content   struct {
		Text string `json:"text"`
	} `json:"content"`
}

// locationMessage is the body of POST /whatsapp/1/message/location.
type locationMessage struct {
	From      string `json:"from"`
	To        string `json:"to"`
	MessageID string `json:"messageId,omitempty"`
	Content   struct {
		Latitude  float64 `json:"latitude"`
		Longitude float64 `json:"longitude"`
		Name      string  `json:"name,omitempty"`
		Address   string  `json:"address,omitempty"`
	} `json:"content"`
}

// templateMessage is one entry of POST /whatsapp/1/message/template.
type templateMessage struct {
	From      string `json:"from"`
	To        string `json:"to"`
	MessageID string `json:"messageId,omitempty"`
	Content   struct {
		TemplateName string `json:"templateName"`
		TemplateData struct {
			Body struct {
				Placeholders []string `json:"placeholders"`
			} `json:"body"`
		} `json:"templateData"`
		Language string `json:"language"`
	} `json:"content"`
}

// Send delivers a template, or the text and a location. Our own messageId
// ("parley-<id>") goes with each request, so a retry after a lost answer is
// recognised by Infobip instead of sent twice. Files cannot be sent: Infobip
// takes media only by a public URL, and Parley has none to give.
func (p *Provider) Send(ctx context.Context, ch parley.Channel, out parley.Outbound) (parley.SendResult, error) {
	if len(out.Files) > 0 {
		return parley.SendResult{}, parley.PermanentError(ErrFiles)
	}
	id := ""
	if out.MessageID != 0 {
		id = "parley-" + strconv.FormatInt(out.MessageID, 10)
	}
	from := ch.Setting(settingSender, "")
	if out.Template != nil {
		return p.sendTemplate(ctx, ch, from, out.To, id, out.Template)
	}
	if out.Text == "" && out.Location == nil {
		return parley.SendResult{}, parley.PermanentError("the message has nothing to send")
	}
	var res parley.SendResult
	if out.Text != "" {
		m := textMessage{From: from, To: out.To, MessageID: id}
		m.Content.Text = out.Text
		var err error
		if res, err = p.sendOne(ctx, ch, "/whatsapp/1/message/text", m, id); err != nil {
			return parley.SendResult{}, err
		}
	}
	if l := out.Location; l != nil {
		if id != "" && out.Text != "" {
			id += "-location" // each message needs its own id
		}
		m := locationMessage{From: from, To: out.To, MessageID: id}
		m.Content.Latitude, m.Content.Longitude, m.Content.Name, m.Content.Address = l.Latitude, l.Longitude, l.Name, l.Address
		return p.sendOne(ctx, ch, "/whatsapp/1/message/location", m, id)
	}
	return res, nil
}

// sendOne posts one single-message request.
func (p *Provider) sendOne(ctx context.Context, ch parley.Channel, path string, body any, id string) (parley.SendResult, error) {
	var a sendAnswer
	if err := p.postJSON(ctx, ch, path, body, &a); err != nil {
		return parley.SendResult{}, err
	}
	return accepted(a, id)
}

// sendTemplate sends an approved template with its body placeholders, which
// Infobip requires even when empty.
func (p *Provider) sendTemplate(ctx context.Context, ch parley.Channel, from, to, id string, t *parley.TemplateUse) (parley.SendResult, error) {
	m := templateMessage{From: from, To: to, MessageID: id}
	m.Content.TemplateName, m.Content.Language = t.Name, t.Language
	m.Content.TemplateData.Body.Placeholders = append([]string{}, t.Params...)
	body := struct {
		Messages []templateMessage `json:"messages"`
	}{[]templateMessage{m}}
	var a struct {
		Messages []sendAnswer `json:"messages"`
	}
	if err := p.postJSON(ctx, ch, "/whatsapp/1/message/template", body, &a); err != nil {
		return parley.SendResult{}, err
	}
	if len(a.Messages) == 0 {
		return parley.SendResult{}, parley.PermanentError("Infobip accepted the template but returned no message")
	}
	return accepted(a.Messages[0], id)
}
