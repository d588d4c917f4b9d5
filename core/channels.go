package core

import (
	"context"
	"strings"
	"time"

	"parley"
)

// ChannelPatch creates or changes a channel; nil fields keep their value.
// Settings and Secrets are merged key by key, and an empty value removes a key.
type ChannelPatch struct {
	Type           *parley.ChannelType       `json:"type,omitempty"` // on creation only; webchat by default
	Settings       map[string]string         `json:"settings,omitempty"`
	Secrets        map[string]string         `json:"secrets,omitempty"`
	Templates      *[]parley.MessageTemplate `json:"templates,omitempty"`
	Name           *string                   `json:"name,omitempty"`
	QueueID        *int64                    `json:"queue_id,omitempty"`
	WelcomeMessage *string                   `json:"welcome_message,omitempty"`
	PrechatFields  *[]parley.PrechatField    `json:"prechat_fields,omitempty"`
	Active         *bool                     `json:"active,omitempty"`
}

// CreateChannel adds a channel with a new public key (admins only): for the
// widget, the key its script names; for a messenger, its webhook path.
func (s *Service) CreateChannel(ctx context.Context, by parley.Agent, p ChannelPatch) (parley.Channel, error) {
	if err := requireAdmin(by); err != nil {
		return parley.Channel{}, err
	}
	if p.Name == nil || p.QueueID == nil {
		return parley.Channel{}, parley.Errorf(parley.CodeInvalid, "name and queue_id are required")
	}
	c := parley.Channel{Type: parley.ChannelWebchat, PublicKey: "wc_" + randomToken(15), Active: true, PrechatFields: []parley.PrechatField{}}
	if p.Type != nil && *p.Type != parley.ChannelWebchat {
		if _, err := s.provider(*p.Type); err != nil {
			return c, parley.Errorf(parley.CodeInvalid, "unknown channel type %q", *p.Type)
		}
		c.Type, c.PublicKey = *p.Type, "hk_"+randomToken(18)
	}
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		if err := s.applyChannelPatch(ctx, tx, &c, p); err != nil {
			return err
		}
		c.CreatedAt = now
		return tx.CreateChannel(ctx, &c)
	})
	if err != nil {
		return c, err
	}
	s.forgetHookChannels()
	return s.store.Channel(ctx, c.ID) // as the store shows it: secrets named, never given
}

// UpdateChannel changes a channel (admins only).
func (s *Service) UpdateChannel(ctx context.Context, by parley.Agent, id int64, p ChannelPatch) (parley.Channel, error) {
	if err := requireAdmin(by); err != nil {
		return parley.Channel{}, err
	}
	var out parley.Channel
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := tx.Channel(ctx, id)
		if err != nil {
			return err
		}
		if p.Type != nil && *p.Type != c.Type {
			return parley.Errorf(parley.CodeInvalid, "a channel's type cannot change")
		}
		if err := s.applyChannelPatch(ctx, tx, &c, p); err != nil {
			return err
		}
		out = c
		return tx.UpdateChannel(ctx, c)
	})
	if err != nil {
		return out, err
	}
	s.forgetHookChannels()
	return s.store.Channel(ctx, id)
}

func (s *Service) applyChannelPatch(ctx context.Context, tx parley.Tx, c *parley.Channel, p ChannelPatch) error {
	if err := s.applyProviderPatch(c, p); err != nil {
		return err
	}
	var err error
	if p.Name != nil {
		if c.Name, err = checkName(*p.Name); err != nil {
			return err
		}
	}
	if p.QueueID != nil {
		if _, err := tx.Queue(ctx, *p.QueueID); err != nil {
			return parley.Errorf(parley.CodeInvalid, "queue %d does not exist", *p.QueueID)
		}
		c.QueueID = *p.QueueID
	}
	if p.WelcomeMessage != nil {
		w := strings.TrimSpace(*p.WelcomeMessage)
		if len([]rune(w)) > 2000 {
			return parley.Errorf(parley.CodeInvalid, "welcome_message may have at most 2000 characters")
		}
		c.WelcomeMessage = w
	}
	if p.PrechatFields != nil {
		if err := checkPrechat(*p.PrechatFields); err != nil {
			return err
		}
		c.PrechatFields = *p.PrechatFields
	}
	if p.Active != nil {
		c.Active = *p.Active
	}
	return nil
}

func checkPrechat(fields []parley.PrechatField) error {
	if len(fields) > 20 {
		return parley.Errorf(parley.CodeInvalid, "at most 20 pre-chat fields")
	}
	seen := map[string]bool{}
	for _, f := range fields {
		if f.Name == "" || len(f.Name) > 64 || seen[f.Name] {
			return parley.Errorf(parley.CodeInvalid, "pre-chat field names must be unique, 1 to 64 bytes")
		}
		if len(f.Label) > 200 {
			return parley.Errorf(parley.CodeInvalid, "pre-chat field labels may have at most 200 bytes")
		}
		seen[f.Name] = true
	}
	return nil
}

// Channels lists the channels.
func (s *Service) Channels(ctx context.Context) ([]parley.Channel, error) {
	return s.store.Channels(ctx)
}

// Channel returns one channel.
func (s *Service) Channel(ctx context.Context, id int64) (parley.Channel, error) {
	return s.store.Channel(ctx, id)
}
