-- +goose Up
-- Messenger channels (R8.1): each provider's plain settings, its credentials
-- (never returned by the API) and the templates it approved, as JSON.
ALTER TABLE channels ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
ALTER TABLE channels ADD COLUMN secrets TEXT NOT NULL DEFAULT '{}';
ALTER TABLE channels ADD COLUMN templates TEXT NOT NULL DEFAULT '[]';

-- How far an outbound message got (R8.2), when it was last edited, and what a
-- message carries beyond text and files (a location, a contact card, a template).
ALTER TABLE messages ADD COLUMN delivery TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN delivery_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN edited_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN extra TEXT NOT NULL DEFAULT '';

-- Why an identity cannot be written to (a blocked bot, an unsubscribe); '' when it can.
ALTER TABLE identities ADD COLUMN unreachable TEXT NOT NULL DEFAULT '';
-- The contact's photo, a file id (R3.1).
ALTER TABLE contacts ADD COLUMN photo TEXT NOT NULL DEFAULT '';

-- The durable outbox and media fetches: work for a provider, retried with
-- backoff until done. A node leases a job by moving due_at past the time the
-- work may take while attempts still has the value it read.
CREATE TABLE channel_jobs (
    id         INTEGER PRIMARY KEY,
    kind       TEXT    NOT NULL,
    channel_id INTEGER NOT NULL,
    chat_id    INTEGER NOT NULL DEFAULT 0,
    message_id INTEGER NOT NULL DEFAULT 0,
    contact_id INTEGER NOT NULL DEFAULT 0,
    payload    TEXT    NOT NULL DEFAULT '',
    attempts   INTEGER NOT NULL DEFAULT 0,
    due_at     INTEGER NOT NULL,
    last_error TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX channel_jobs_due ON channel_jobs (due_at);
CREATE INDEX channel_jobs_message ON channel_jobs (message_id);
CREATE INDEX channel_jobs_chat ON channel_jobs (chat_id, id);

-- The provider's id of each message sent, for its statuses to find it.
CREATE TABLE message_refs (
    channel_id  INTEGER NOT NULL,
    external_id TEXT   NOT NULL,
    message_id  INTEGER NOT NULL,
    PRIMARY KEY (channel_id, external_id)
);
CREATE INDEX message_refs_message ON message_refs (message_id);

-- Statuses that came before the send that they are about was recorded.
CREATE TABLE early_statuses (
    channel_id  INTEGER NOT NULL,
    external_id TEXT   NOT NULL,
    status      TEXT   NOT NULL,
    reason      TEXT   NOT NULL DEFAULT '',
    at          INTEGER NOT NULL,
    PRIMARY KEY (channel_id, external_id, status)
);

-- Earlier versions of messages the sender edited.
CREATE TABLE message_edits (
    message_id INTEGER NOT NULL,
    text       TEXT   NOT NULL,
    edited_at  INTEGER NOT NULL
);
CREATE INDEX message_edits_message ON message_edits (message_id);

-- +goose Down
DROP TABLE message_edits;
DROP TABLE early_statuses;
DROP TABLE message_refs;
DROP TABLE channel_jobs;
ALTER TABLE contacts DROP COLUMN photo;
ALTER TABLE identities DROP COLUMN unreachable;
ALTER TABLE messages DROP COLUMN extra;
ALTER TABLE messages DROP COLUMN edited_at;
ALTER TABLE messages DROP COLUMN delivery_reason;
ALTER TABLE messages DROP COLUMN delivery;
ALTER TABLE channels DROP COLUMN templates;
ALTER TABLE channels DROP COLUMN secrets;
ALTER TABLE channels DROP COLUMN settings;
