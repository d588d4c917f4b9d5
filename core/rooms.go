package core

import (
	"context"
	"slices"
	"time"

	"parley"
)

// RoomInput creates or changes a room; empty fields are left as they are on update.
type RoomInput struct {
	Name string          `json:"name"`
	Type parley.RoomType `json:"type"`
}

func checkRoomType(t parley.RoomType) error {
	if t != parley.RoomClients {
		return parley.Errorf(parley.CodeInvalid, "room type must be %q", parley.RoomClients)
	}
	return nil
}

// CreateRoom adds a room (admins only).
func (s *Service) CreateRoom(ctx context.Context, by parley.Agent, in RoomInput) (parley.Room, error) {
	if err := requireAdmin(by); err != nil {
		return parley.Room{}, err
	}
	if in.Type == "" {
		in.Type = parley.RoomClients
	}
	name, err := checkName(in.Name)
	if err != nil {
		return parley.Room{}, err
	}
	if err := checkRoomType(in.Type); err != nil {
		return parley.Room{}, err
	}
	r := parley.Room{Name: name, Type: in.Type}
	err = s.write(ctx, func(tx parley.Tx, now time.Time) error {
		r.CreatedAt = now
		return tx.CreateRoom(ctx, &r)
	})
	return r, err
}

// UpdateRoom changes a room (admins only).
func (s *Service) UpdateRoom(ctx context.Context, by parley.Agent, id int64, in RoomInput) (parley.Room, error) {
	if err := requireAdmin(by); err != nil {
		return parley.Room{}, err
	}
	var out parley.Room
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		r, err := tx.Room(ctx, id)
		if err != nil {
			return err
		}
		if in.Name != "" {
			if r.Name, err = checkName(in.Name); err != nil {
				return err
			}
		}
		if in.Type != "" {
			if err := checkRoomType(in.Type); err != nil {
				return err
			}
			r.Type = in.Type
		}
		out = r
		return tx.UpdateRoom(ctx, r)
	})
	return out, err
}

// Rooms lists the rooms the viewer may see (R7.1).
func (s *Service) Rooms(ctx context.Context, v parley.Viewer) ([]parley.Room, error) {
	rooms, err := s.store.Rooms(ctx)
	return slices.DeleteFunc(rooms, func(r parley.Room) bool { return !v.SeesRoom(r.ID) }), err
}

// Room returns one room the viewer may see.
func (s *Service) Room(ctx context.Context, v parley.Viewer, id int64) (parley.Room, error) {
	if !v.SeesRoom(id) {
		return parley.Room{}, parley.NotFound("room")
	}
	return s.store.Room(ctx, id)
}
