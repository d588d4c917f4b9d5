-- +goose Up
-- Agents' private notes on chats (R2.23): sanitised HTML, never shown to visitors.
CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    chat_id    INTEGER NOT NULL REFERENCES chats (id),
    author_id  INTEGER NOT NULL REFERENCES agents (id),
    html       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX notes_chat ON notes (chat_id, id);
-- The list of a chat's files reads them by chat.
CREATE INDEX files_chat ON files (chat_id) WHERE chat_id IS NOT NULL;

-- +goose Down
DROP INDEX files_chat;
DROP TABLE notes;
