package core

import (
	"context"
	"slices"
	"time"

	"parley"
)

// QueuePatch creates or changes a queue; nil fields keep their value (or the default on create).
type QueuePatch struct {
	Name          *string         `json:"name,omitempty"`
	RoomID        *int64          `json:"room_id,omitempty"`
	ChatLimit     *int            `json:"chat_limit,omitempty"`
	AcceptTimeout *parley.Seconds `json:"accept_timeout,omitempty"`
	Members       *[]int64        `json:"members,omitempty"`
	RoutingPatch
}

// CreateQueue adds a queue (admins only).
func (s *Service) CreateQueue(ctx context.Context, by parley.Agent, p QueuePatch) (parley.Queue, error) {
	if err := requireAdmin(by); err != nil {
		return parley.Queue{}, err
	}
	if p.Name == nil || p.RoomID == nil {
		return parley.Queue{}, parley.Errorf(parley.CodeInvalid, "name and room_id are required")
	}
	q := parley.Queue{ChatLimit: parley.DefaultChatLimit, AcceptTimeout: parley.Seconds(parley.DefaultAcceptTimeout.Seconds()),
		QueueRouting: parley.DefaultQueueRouting(), Members: []int64{}}
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		if err := applyQueuePatch(ctx, tx, &q, p); err != nil {
			return err
		}
		q.CreatedAt = now
		if err := tx.CreateQueue(ctx, &q); err != nil {
			return err
		}
		emit(tx, now, queueEvent(q))
		return nil
	})
	return q, err
}

// UpdateQueue changes a queue (admins only); new members may be offered waiting chats at once.
func (s *Service) UpdateQueue(ctx context.Context, by parley.Agent, id int64, p QueuePatch) (parley.Queue, error) {
	if err := requireAdmin(by); err != nil {
		return parley.Queue{}, err
	}
	var out parley.Queue
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		q, err := tx.Queue(ctx, id)
		if err != nil {
			return err
		}
		if err := applyQueuePatch(ctx, tx, &q, p); err != nil {
			return err
		}
		if err := tx.UpdateQueue(ctx, q); err != nil {
			return err
		}
		out = q
		emit(tx, now, queueEvent(q))
		return s.route(ctx, tx, now, q.ID)
	})
	return out, err
}

// queueEvent tells every agent about a queue; the real-time hub also learns from it
// who belongs to the queue now.
func queueEvent(q parley.Queue) parley.Event {
	e := parley.NewEvent(parley.EventQueueUpdated, parley.AudienceStaff, q)
	e.QueueID = q.ID
	return e
}

func applyQueuePatch(ctx context.Context, tx parley.Tx, q *parley.Queue, p QueuePatch) error {
	var err error
	if p.Name != nil {
		if q.Name, err = checkName(*p.Name); err != nil {
			return err
		}
	}
	if p.RoomID != nil {
		if _, err := tx.Room(ctx, *p.RoomID); err != nil {
			return parley.Errorf(parley.CodeInvalid, "room %d does not exist", *p.RoomID)
		}
		q.RoomID = *p.RoomID
	}
	if p.ChatLimit != nil {
		if *p.ChatLimit < 1 || *p.ChatLimit > 100 {
			return parley.Errorf(parley.CodeInvalid, "chat_limit must be between 1 and 100")
		}
		q.ChatLimit = *p.ChatLimit
	}
	if p.AcceptTimeout != nil {
		if *p.AcceptTimeout < 5 || *p.AcceptTimeout > 3600 {
			return parley.Errorf(parley.CodeInvalid, "accept_timeout must be between 5 and 3600 seconds")
		}
		q.AcceptTimeout = *p.AcceptTimeout
	}
	if err := p.RoutingPatch.apply(&q.QueueRouting); err != nil {
		return err
	}
	if p.Members != nil {
		members := slices.Clone(*p.Members)
		slices.Sort(members)
		members = slices.Compact(members)
		for _, id := range members {
			if _, err := tx.Agent(ctx, id); err != nil {
				return parley.Errorf(parley.CodeInvalid, "agent %d does not exist", id)
			}
		}
		q.Members = members
	}
	return nil
}

// Queues lists the queues.
func (s *Service) Queues(ctx context.Context) ([]parley.Queue, error) { return s.store.Queues(ctx) }

// Queue returns one queue with its members.
func (s *Service) Queue(ctx context.Context, id int64) (parley.Queue, error) {
	return s.store.Queue(ctx, id)
}
