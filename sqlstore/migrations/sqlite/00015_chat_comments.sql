-- +goose Up
-- Colleagues' comments on a chat's record, and who follows the chat to be told
-- of its changes (R2.23).
CREATE TABLE chat_comments (
    id         INTEGER PRIMARY KEY,
    chat_id    INTEGER NOT NULL REFERENCES chats (id),
    author_id  INTEGER NOT NULL REFERENCES agents (id),
    text       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX chat_comments_chat ON chat_comments (chat_id, id);
CREATE TABLE chat_followers (
    chat_id  INTEGER NOT NULL REFERENCES chats (id),
    agent_id INTEGER NOT NULL REFERENCES agents (id),
    PRIMARY KEY (chat_id, agent_id)
);

-- +goose Down
DROP TABLE chat_followers;
DROP TABLE chat_comments;
