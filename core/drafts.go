package core

import (
	"context"
	"strings"
	"time"

	"parley"
)

// DraftInput is what an agent has typed in a chat and not sent.
type DraftInput struct {
	Text string `json:"text"`
}

// Draft returns the agent's draft in a chat they may see; its text is empty
// when there is none, so that a console opening a chat needs no special case.
func (s *Service) Draft(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64) (parley.Draft, error) {
	if _, err := s.visibleChat(ctx, s.store, v, chatID); err != nil {
		return parley.Draft{}, err
	}
	d, err := s.store.Draft(ctx, by.ID, chatID)
	if parley.IsCode(err, parley.CodeNotFound) {
		return parley.Draft{AgentID: by.ID, ChatID: chatID}, nil
	}
	return d, err
}

// SaveDraft keeps what the agent typed in a chat they may see (R2.10); an empty
// text deletes the draft. It is limited like a message, which it is to become.
func (s *Service) SaveDraft(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64, in DraftInput) (parley.Draft, error) {
	d := parley.Draft{AgentID: by.ID, ChatID: chatID}
	empty := strings.TrimSpace(in.Text) == ""
	if !empty {
		text, err := parley.CheckText(in.Text)
		if err != nil {
			return parley.Draft{}, err
		}
		d.Text = text
	}
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		if _, err := s.visibleChat(ctx, tx, v, chatID); err != nil {
			return err
		}
		d.UpdatedAt = now
		var err error
		if empty {
			err = tx.DeleteDraft(ctx, by.ID, chatID)
		} else {
			err = tx.SaveDraft(ctx, d)
		}
		if err != nil {
			return err
		}
		e := parley.NewEvent(parley.EventDraftUpdated, parley.AudienceAgent, d)
		e.AgentID, e.ChatID = by.ID, chatID
		emit(tx, now, e)
		return nil
	})
	return d, err
}
