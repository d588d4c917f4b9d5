package core

import (
	"context"
	"time"

	"parley"
)

// PauseReasonPatch creates or changes a pause reason; fields left out stay as they
// are (on creation, active defaults to true).
type PauseReasonPatch struct {
	Name   *string `json:"name,omitempty"`
	Active *bool   `json:"active,omitempty"`
}

// PauseReasons lists every pause reason, inactive ones included.
func (s *Service) PauseReasons(ctx context.Context) ([]parley.PauseReason, error) {
	return s.store.PauseReasons(ctx)
}

// CreatePauseReason adds a pause reason (admins only).
func (s *Service) CreatePauseReason(ctx context.Context, by parley.Agent, in PauseReasonPatch) (parley.PauseReason, error) {
	if err := requireAdmin(by); err != nil {
		return parley.PauseReason{}, err
	}
	if in.Name == nil {
		return parley.PauseReason{}, parley.Errorf(parley.CodeInvalid, "name is required")
	}
	r := parley.PauseReason{Active: true}
	if err := applyPauseReason(&r, in); err != nil {
		return parley.PauseReason{}, err
	}
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		r.CreatedAt = now
		if err := tx.CreatePauseReason(ctx, &r); err != nil {
			return err
		}
		emit(tx, now, pauseReasonEvent(r))
		return nil
	})
	return r, err
}

// UpdatePauseReason renames, deactivates or reactivates a pause reason (admins only).
// Agents paused for a reason that is deactivated stay paused: only new pauses need
// an active reason.
func (s *Service) UpdatePauseReason(ctx context.Context, by parley.Agent, id int64, in PauseReasonPatch) (parley.PauseReason, error) {
	if err := requireAdmin(by); err != nil {
		return parley.PauseReason{}, err
	}
	var out parley.PauseReason
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		r, err := tx.PauseReason(ctx, id)
		if err != nil {
			return err
		}
		if err := applyPauseReason(&r, in); err != nil {
			return err
		}
		if err := tx.UpdatePauseReason(ctx, r); err != nil {
			return err
		}
		emit(tx, now, pauseReasonEvent(r))
		out = r
		return nil
	})
	return out, err
}

func applyPauseReason(r *parley.PauseReason, in PauseReasonPatch) error {
	if in.Name != nil {
		name, err := checkName(*in.Name)
		if err != nil {
			return err
		}
		r.Name = name
	}
	if in.Active != nil {
		r.Active = *in.Active
	}
	return nil
}

// pauseReasonEvent tells every console of a new or changed reason, for their status menus.
func pauseReasonEvent(r parley.PauseReason) parley.Event {
	return parley.NewEvent(parley.EventPauseReason, parley.AudienceStaff, r)
}
