-- +goose Up
-- Unread chats (R2.7, R2.8): the seq of each chat's last message from its
-- contact, and each agent's read marker per chat.
ALTER TABLE chats ADD COLUMN last_contact_seq INTEGER NOT NULL DEFAULT 0;
UPDATE chats SET last_contact_seq = COALESCE((SELECT MAX(seq) FROM messages
    WHERE messages.chat_id = chats.id AND messages.author_kind = 'contact'), 0);
CREATE TABLE chat_reads (
    agent_id INTEGER NOT NULL REFERENCES agents (id),
    chat_id  INTEGER NOT NULL REFERENCES chats (id),
    seq      INTEGER NOT NULL,
    PRIMARY KEY (agent_id, chat_id)
);

-- +goose Down
DROP TABLE chat_reads;
ALTER TABLE chats DROP COLUMN last_contact_seq;
