-- +goose Up
-- What an agent typed in a chat and did not send (R2.10), one per agent and chat.
CREATE TABLE drafts (
    agent_id   BIGINT  NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    chat_id    BIGINT  NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    text       TEXT    NOT NULL,
    updated_at BIGINT  NOT NULL,
    PRIMARY KEY (agent_id, chat_id)
);

-- +goose Down
DROP TABLE drafts;
