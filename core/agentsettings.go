package core

import (
	"context"
	"time"

	"parley"
)

// SettingsPatch changes the fields that are set of an agent's own preferences (R1.5).
type SettingsPatch struct {
	Language             *string `json:"language,omitempty"`
	SoundNewMessage      *bool   `json:"sound_new_message,omitempty"`
	SoundNewChat         *bool   `json:"sound_new_chat,omitempty"`
	DesktopNotifications *bool   `json:"desktop_notifications,omitempty"`
}

func (p SettingsPatch) apply(a *parley.Agent) error {
	if p.Language != nil {
		if !parley.ValidLanguage(*p.Language) {
			return parley.Errorf(parley.CodeInvalid, "language must be en or ru")
		}
		a.Language = *p.Language
	}
	for _, f := range []struct {
		dst *bool
		src *bool
	}{
		{&a.Settings.SoundNewMessage, p.SoundNewMessage},
		{&a.Settings.SoundNewChat, p.SoundNewChat},
		{&a.Settings.DesktopNotifications, p.DesktopNotifications},
	} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	return nil
}

// UpdateSettings changes the agent's own console preferences. The other
// consoles of the same agent learn of it from the agent.updated event.
func (s *Service) UpdateSettings(ctx context.Context, by parley.Agent, p SettingsPatch) (parley.Agent, error) {
	var out parley.Agent
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		a, err := tx.Agent(ctx, by.ID)
		if err != nil {
			return err
		}
		if err := p.apply(&a); err != nil {
			return err
		}
		a.UpdatedAt = now
		if err := tx.UpdateAgent(ctx, a); err != nil {
			return err
		}
		emit(tx, now, agentEvent(a))
		out = a
		return nil
	})
	return out, err
}
