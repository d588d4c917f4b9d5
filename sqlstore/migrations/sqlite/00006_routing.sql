-- +goose Up
-- Routing rules and time limits of a queue (R2.3, R2.4, R1.4). Times are seconds, 0 = off.
ALTER TABLE queues ADD COLUMN routing TEXT NOT NULL DEFAULT 'least_busy';
ALTER TABLE queues ADD COLUMN mode TEXT NOT NULL DEFAULT 'invite';
ALTER TABLE queues ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queues ADD COLUMN first_reply_time INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queues ADD COLUMN reply_time INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queues ADD COLUMN completion_timeout INTEGER NOT NULL DEFAULT 0;
-- Round robin: the member last offered a chat of the queue (0: none yet).
ALTER TABLE queues ADD COLUMN last_offered_agent INTEGER NOT NULL DEFAULT 0;

-- An agent's own simultaneous-chats limit; NULL follows the queues.
ALTER TABLE agents ADD COLUMN chat_limit INTEGER;

-- Time limits of a chat: when its first reply and its next reply are due (NULL: not
-- awaited), when it was first answered, its last message, and how often each was missed.
ALTER TABLE chats ADD COLUMN first_reply_due_at INTEGER;
ALTER TABLE chats ADD COLUMN reply_due_at INTEGER;
ALTER TABLE chats ADD COLUMN first_replied_at INTEGER;
ALTER TABLE chats ADD COLUMN last_message_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chats ADD COLUMN first_reply_breaches INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chats ADD COLUMN reply_breaches INTEGER NOT NULL DEFAULT 0;
-- Offer to all: the chat is offered to every free member at once.
ALTER TABLE chats ADD COLUMN open_offer BOOLEAN NOT NULL DEFAULT FALSE;

-- Who holds an invitation to an open offer, so that theirs can end when one accepts.
CREATE TABLE chat_invitations (
    chat_id  INTEGER NOT NULL REFERENCES chats (id),
    agent_id INTEGER NOT NULL REFERENCES agents (id),
    PRIMARY KEY (chat_id, agent_id)
);
CREATE INDEX chat_invitations_agent ON chat_invitations (agent_id);

-- +goose Down
DROP TABLE chat_invitations;
ALTER TABLE chats DROP COLUMN open_offer;
ALTER TABLE chats DROP COLUMN reply_breaches;
ALTER TABLE chats DROP COLUMN first_reply_breaches;
ALTER TABLE chats DROP COLUMN last_message_at;
ALTER TABLE chats DROP COLUMN first_replied_at;
ALTER TABLE chats DROP COLUMN reply_due_at;
ALTER TABLE chats DROP COLUMN first_reply_due_at;
ALTER TABLE agents DROP COLUMN chat_limit;
ALTER TABLE queues DROP COLUMN last_offered_agent;
ALTER TABLE queues DROP COLUMN completion_timeout;
ALTER TABLE queues DROP COLUMN reply_time;
ALTER TABLE queues DROP COLUMN first_reply_time;
ALTER TABLE queues DROP COLUMN priority;
ALTER TABLE queues DROP COLUMN mode;
ALTER TABLE queues DROP COLUMN routing;
