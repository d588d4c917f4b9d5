package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"parley"
)

func scanTopic(s scanner) (parley.Topic, error) {
	var t parley.Topic
	var created int64
	err := s.Scan(&t.ID, &t.Name, &t.Position, &created)
	t.CreatedAt = fromMicros(created)
	return t, err
}

// Topic returns the topic with the id.
func (r queries) Topic(ctx context.Context, id int64) (parley.Topic, error) {
	return one(ctx, r.q, "topic", scanTopic, "SELECT id, name, position, created_at FROM topics WHERE id = $1", id)
}

// Topics returns the topics in their order.
func (r queries) Topics(ctx context.Context) ([]parley.Topic, error) {
	return list(ctx, r.q, "topics", scanTopic, "SELECT id, name, position, created_at FROM topics ORDER BY position, name, id")
}

// CreateTopic stores t and sets its ID; Conflict when the name is taken.
func (t *tx) CreateTopic(ctx context.Context, topic *parley.Topic) error {
	err := t.q.queryRow(ctx, `INSERT INTO topics (name, position, created_at) VALUES ($1, $2, $3)
		ON CONFLICT DO NOTHING RETURNING id`, topic.Name, topic.Position, micros(topic.CreatedAt)).Scan(&topic.ID)
	return insertErr(err, "create topic", "a topic named %q exists", topic.Name)
}

// UpdateTopic stores the topic's name and position; Conflict when the name is taken.
func (t *tx) UpdateTopic(ctx context.Context, topic parley.Topic) error {
	if err := t.nameFree(ctx, "SELECT id FROM topics WHERE name = $1 AND id <> $2", topic.Name, topic.ID, "a topic named %q exists"); err != nil {
		return err
	}
	n, err := t.q.exec(ctx, "UPDATE topics SET name = $1, position = $2 WHERE id = $3", topic.Name, topic.Position, topic.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: update topic: %w", err)
	}
	return affected("topic", n)
}

// nameFree returns Conflict, saying conflict of the name, when query, given a
// name and an id, finds another row. It is looked for before an update: on
// PostgreSQL a failed statement would abort the transaction other writes share.
func (t *tx) nameFree(ctx context.Context, query string, name string, id int64, conflict string) error {
	var other int64
	err := t.q.queryRow(ctx, query, name, id).Scan(&other)
	switch {
	case err == nil:
		return parley.Errorf(parley.CodeConflict, conflict, name)
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("sqlstore: looking for the name %q: %w", name, err)
	}
	return nil
}

// DeleteTopic removes the topic; its chats keep its name as words typed as Other.
func (t *tx) DeleteTopic(ctx context.Context, id int64) error {
	if _, err := t.q.exec(ctx, "UPDATE chats SET topic_id = 0 WHERE topic_id = $1", id); err != nil {
		return fmt.Errorf("sqlstore: release topic's chats: %w", err)
	}
	n, err := t.q.exec(ctx, "DELETE FROM topics WHERE id = $1", id)
	if err != nil {
		return fmt.Errorf("sqlstore: delete topic: %w", err)
	}
	return affected("topic", n)
}

const chatStatusColumns = "id, room_id, name, kind, position, created_at"

func scanChatStatus(s scanner) (parley.ChatStatus, error) {
	var st parley.ChatStatus
	var created int64
	err := s.Scan(&st.ID, &st.RoomID, &st.Name, &st.Kind, &st.Position, &created)
	st.CreatedAt = fromMicros(created)
	return st, err
}

// ChatStatus returns the custom status with the id.
func (r queries) ChatStatus(ctx context.Context, id int64) (parley.ChatStatus, error) {
	return one(ctx, r.q, "chat status", scanChatStatus, "SELECT "+chatStatusColumns+" FROM chat_statuses WHERE id = $1", id)
}

// ChatStatuses returns every custom status by room and order.
func (r queries) ChatStatuses(ctx context.Context) ([]parley.ChatStatus, error) {
	return list(ctx, r.q, "chat statuses", scanChatStatus,
		"SELECT "+chatStatusColumns+" FROM chat_statuses ORDER BY room_id, position, name, id")
}

// CreateChatStatus stores s and sets its ID; Conflict when its room has the name.
func (t *tx) CreateChatStatus(ctx context.Context, s *parley.ChatStatus) error {
	err := t.q.queryRow(ctx, `INSERT INTO chat_statuses (room_id, name, kind, position, created_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
		s.RoomID, s.Name, string(s.Kind), s.Position, micros(s.CreatedAt)).Scan(&s.ID)
	return insertErr(err, "create chat status", "the room has a status named %q", s.Name)
}

// UpdateChatStatus stores the status's name, kind and position.
func (t *tx) UpdateChatStatus(ctx context.Context, s parley.ChatStatus) error {
	if err := t.nameFree(ctx, "SELECT id FROM chat_statuses WHERE name = $1 AND id <> $2 AND room_id = "+
		strconv.FormatInt(s.RoomID, 10), s.Name, s.ID, "the room has a status named %q"); err != nil {
		return err
	}
	n, err := t.q.exec(ctx, "UPDATE chat_statuses SET name = $1, kind = $2, position = $3 WHERE id = $4",
		s.Name, string(s.Kind), s.Position, s.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: update chat status: %w", err)
	}
	return affected("chat status", n)
}

// DeleteChatStatus removes the status; its chats are left with none.
func (t *tx) DeleteChatStatus(ctx context.Context, id int64) error {
	if _, err := t.q.exec(ctx, "UPDATE chats SET status_id = 0 WHERE status_id = $1", id); err != nil {
		return fmt.Errorf("sqlstore: release status's chats: %w", err)
	}
	n, err := t.q.exec(ctx, "DELETE FROM chat_statuses WHERE id = $1", id)
	if err != nil {
		return fmt.Errorf("sqlstore: delete chat status: %w", err)
	}
	return affected("chat status", n)
}

func scanParticipant(s scanner) (parley.Participant, error) {
	var p parley.Participant
	var added int64
	err := s.Scan(&p.ChatID, &p.AgentID, &p.AddedBy, &added)
	p.AddedAt = fromMicros(added)
	return p, err
}

// Participants returns the chat's participants in the order they were added.
func (r queries) Participants(ctx context.Context, chatID int64) ([]parley.Participant, error) {
	return list(ctx, r.q, "participants", scanParticipant, `SELECT chat_id, agent_id, added_by, added_at
		FROM chat_participants WHERE chat_id = $1 ORDER BY added_at, agent_id`, chatID)
}

// ParticipantChats returns the sorted ids of the chats agentID takes part in.
func (r queries) ParticipantChats(ctx context.Context, agentID int64) ([]int64, error) {
	return list(ctx, r.q, "participant chats", scanInt64,
		"SELECT chat_id FROM chat_participants WHERE agent_id = $1 ORDER BY chat_id", agentID)
}

// QueueIDsOfRooms returns the sorted ids of the queues of the rooms.
func (r queries) QueueIDsOfRooms(ctx context.Context, roomIDs []int64) ([]int64, error) {
	if len(roomIDs) == 0 {
		return []int64{}, nil
	}
	var w where
	w.add("room_id IN " + in(&w, roomIDs))
	return list(ctx, r.q, "queues of rooms", scanInt64, "SELECT id FROM queues"+w.sql()+" ORDER BY id", w.args...)
}

// AddParticipant adds p; Conflict when the agent already takes part.
func (t *tx) AddParticipant(ctx context.Context, p parley.Participant) error {
	var chatID int64
	err := t.q.queryRow(ctx, `INSERT INTO chat_participants (chat_id, agent_id, added_by, added_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING chat_id`,
		p.ChatID, p.AgentID, p.AddedBy, micros(p.AddedAt)).Scan(&chatID)
	return insertErr(err, "add participant", "agent %d already takes part in chat %d", p.AgentID, p.ChatID)
}

// RemoveParticipant removes the agent from the chat; NotFound when not there.
func (t *tx) RemoveParticipant(ctx context.Context, chatID, agentID int64) error {
	n, err := t.q.exec(ctx, "DELETE FROM chat_participants WHERE chat_id = $1 AND agent_id = $2", chatID, agentID)
	if err != nil {
		return fmt.Errorf("sqlstore: remove participant: %w", err)
	}
	return affected("participant", n)
}
