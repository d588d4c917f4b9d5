package sqlstore

import (
	"context"

	"parley"
)

func scanRoom(s scanner) (parley.Room, error) {
	var r parley.Room
	var created int64
	err := s.Scan(&r.ID, &r.Name, &r.Type, &created)
	r.CreatedAt = fromMicros(created)
	return r, err
}

// Room returns the room with the id.
func (r queries) Room(ctx context.Context, id int64) (parley.Room, error) {
	return one(ctx, r.q, "room", scanRoom, "SELECT id, name, type, created_at FROM rooms WHERE id = $1", id)
}

// Rooms returns every room by id.
func (r queries) Rooms(ctx context.Context) ([]parley.Room, error) {
	return list(ctx, r.q, "rooms", scanRoom, "SELECT id, name, type, created_at FROM rooms ORDER BY id")
}

// CreateRoom stores r and sets its ID.
func (t *tx) CreateRoom(ctx context.Context, r *parley.Room) error {
	err := t.q.queryRow(ctx, "INSERT INTO rooms (name, type, created_at) VALUES ($1, $2, $3) RETURNING id",
		r.Name, string(r.Type), micros(r.CreatedAt)).Scan(&r.ID)
	return insertErr(err, "create room", "room conflicts")
}

// UpdateRoom stores r's name and type.
func (t *tx) UpdateRoom(ctx context.Context, r parley.Room) error {
	n, err := t.q.exec(ctx, "UPDATE rooms SET name = $1, type = $2 WHERE id = $3", r.Name, string(r.Type), r.ID)
	if err != nil {
		return writeErr(t.b.d, "update room", err, "room conflicts")
	}
	return affected("room", n)
}
