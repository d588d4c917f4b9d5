package core

import (
	"context"
	"strconv"
	"strings"
	"time"

	"parley"
)

// ChatWindow tells the agent what the chat's channel lets them send now (R2.21):
// free text, a template only (WhatsApp after 24 hours), a tagged answer
// (Messenger from 24 hours to 7 days), or nothing, with the reason.
type ChatWindow struct {
	Open          bool                     `json:"open"`
	ClosesAt      *time.Time               `json:"closes_at,omitempty"`
	NeedsTemplate bool                     `json:"needs_template"`
	Tagged        bool                     `json:"tagged"`
	Refused       string                   `json:"refused,omitempty"`
	Templates     []parley.MessageTemplate `json:"templates"`
}

// spec is the provider spec of a channel type; the zero spec for the widget.
func (s *Service) spec(t parley.ChannelType) parley.ProviderSpec {
	if p := s.cfg.Providers[t]; p != nil {
		return p.Spec()
	}
	return parley.ProviderSpec{Type: t}
}

// ChatWindow returns what the agent may send into the chat now.
func (s *Service) ChatWindow(ctx context.Context, v parley.Viewer, chatID int64) (ChatWindow, error) {
	c, err := s.visibleChat(ctx, s.store, v, chatID)
	if err != nil {
		return ChatWindow{}, err
	}
	return s.window(ctx, s.store, s.clock.Now(), c)
}

// windowReader is what window reads.
type windowReader interface {
	parley.ChatReader
	parley.ContactReader
	parley.ConfigReader
}

func (s *Service) window(ctx context.Context, r windowReader, now time.Time, c parley.Chat) (ChatWindow, error) {
	w := ChatWindow{Open: true, Templates: []parley.MessageTemplate{}}
	if c.ChannelType == parley.ChannelWebchat {
		return w, nil
	}
	ident, err := r.Identity(ctx, c.IdentityID)
	if err != nil {
		return w, err
	}
	if ident.Unreachable != "" {
		return ChatWindow{Refused: "the contact cannot be written to: " + ident.Unreachable, Templates: w.Templates}, nil
	}
	free, tagged := c.ChannelType.ReplyWindows()
	if free == 0 {
		return w, nil
	}
	last, err := s.lastContactAt(ctx, r, c)
	if err != nil {
		return w, err
	}
	if closes := last.Add(free); now.Before(closes) {
		w.ClosesAt = &closes
		return w, nil
	}
	w.Open = false
	switch {
	case s.spec(c.ChannelType).Templates:
		ch, err := r.Channel(ctx, c.ChannelID)
		if err != nil {
			return w, err
		}
		w.NeedsTemplate, w.Templates = true, append(w.Templates, ch.Templates...)
	case tagged > 0 && now.Before(last.Add(tagged)):
		closes := last.Add(tagged)
		w.Open, w.Tagged, w.ClosesAt = true, true, &closes
	default:
		w.Refused = "the contact's last message is too old for this channel to allow an answer"
	}
	return w, nil
}

// lastContactAt is when the chat's contact last wrote on its identity.
func (s *Service) lastContactAt(ctx context.Context, r parley.ChatReader, c parley.Chat) (time.Time, error) {
	if c.LastContactSeq > 0 {
		msgs, err := r.Messages(ctx, parley.MessageFilter{ChatID: c.ID, AfterSeq: c.LastContactSeq - 1, Limit: 1})
		if err != nil || len(msgs) == 0 {
			return time.Time{}, err
		}
		return msgs[0].CreatedAt, nil
	}
	return s.lastContactMessage(ctx, r, c.IdentityID)
}

// checkWindow refuses a message the channel does not allow now, and turns a
// chosen template into the message's text.
func (s *Service) checkWindow(ctx context.Context, tx parley.Tx, now time.Time, c parley.Chat, m *parley.Message) error {
	w, err := s.window(ctx, tx, now, c)
	if err != nil {
		return err
	}
	switch {
	case w.Refused != "":
		return parley.Errorf(parley.CodeConflict, "%s", w.Refused)
	case m.Template == nil && w.NeedsTemplate:
		return parley.Errorf(parley.CodeConflict, "the 24-hour window is closed: send one of the channel's approved templates")
	case m.Template == nil:
		return nil
	}
	ch, err := tx.Channel(ctx, c.ChannelID)
	if err != nil {
		return err
	}
	for _, t := range ch.Templates {
		if t.Name == m.Template.Name && t.Language == m.Template.Language {
			m.Text = fillTemplate(t.Body, m.Template.Params)
			return nil
		}
	}
	return parley.Errorf(parley.CodeInvalid, "the channel has no template %q in %q", m.Template.Name, m.Template.Language)
}

// fillTemplate puts the parameters into a template's {{1}}, {{2}} … places.
func fillTemplate(body string, params []string) string {
	for i := len(params); i >= 1; i-- { // from the last, so {{1}} does not eat {{10}}
		body = strings.ReplaceAll(body, "{{"+strconv.Itoa(i)+"}}", params[i-1])
	}
	return body
}
