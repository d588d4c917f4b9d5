-- +goose Up
-- What an agent typed in a chat and did not send (R2.10), one per agent and chat.
CREATE TABLE drafts (
    agent_id   INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    chat_id    INTEGER NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    text       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (agent_id, chat_id)
);

-- +goose Down
DROP TABLE drafts;
