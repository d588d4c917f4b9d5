-- +goose Up
-- Topics (R2.16), custom statuses (R2.17), participants (R2.14), deleted chats
-- (R2.18) and agents' rights over rooms, topics and deletion (R7.1).
CREATE TABLE topics (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    position   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE TABLE chat_statuses (
    id         INTEGER PRIMARY KEY,
    room_id    INTEGER NOT NULL REFERENCES rooms (id),
    name       TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    UNIQUE (room_id, name)
);
CREATE TABLE chat_participants (
    chat_id  INTEGER NOT NULL REFERENCES chats (id),
    agent_id INTEGER NOT NULL REFERENCES agents (id),
    added_by INTEGER NOT NULL,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (chat_id, agent_id)
);
CREATE INDEX chat_participants_agent ON chat_participants (agent_id, chat_id);
ALTER TABLE chats ADD COLUMN topic_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chats ADD COLUMN status_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chats ADD COLUMN deleted_at INTEGER;
ALTER TABLE chats ADD COLUMN deleted_by INTEGER NOT NULL DEFAULT 0;
CREATE INDEX chats_deleted ON chats (deleted_at, id) WHERE deleted_at IS NOT NULL;
CREATE INDEX chats_parent ON chats (parent_id) WHERE parent_id IS NOT NULL;
ALTER TABLE events ADD COLUMN topic_id INTEGER NOT NULL DEFAULT 0;
-- Deleting a chat for good blanks its events, found by chat.
CREATE INDEX events_chat ON events (chat_id) WHERE chat_id <> 0;
ALTER TABLE agents ADD COLUMN rights TEXT NOT NULL DEFAULT '{"rooms":null,"topics":null}';

-- +goose Down
ALTER TABLE agents DROP COLUMN rights;
DROP INDEX events_chat;
ALTER TABLE events DROP COLUMN topic_id;
DROP INDEX chats_parent;
DROP INDEX chats_deleted;
ALTER TABLE chats DROP COLUMN deleted_by;
ALTER TABLE chats DROP COLUMN deleted_at;
ALTER TABLE chats DROP COLUMN status_id;
ALTER TABLE chats DROP COLUMN topic_id;
DROP TABLE chat_participants;
DROP TABLE chat_statuses;
DROP TABLE topics;
