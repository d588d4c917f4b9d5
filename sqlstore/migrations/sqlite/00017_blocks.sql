-- +goose Up
-- Blocks of a contact, or of one identity of it (R3.5), kept as history: a block
-- ends (lifted or expired) and is never deleted. identity_id 0 blocks the whole
-- contact. until_at is NULL for a block held until it is lifted.
CREATE TABLE blocks (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id),
    identity_id INTEGER NOT NULL DEFAULT 0,
    reason      TEXT    NOT NULL,
    until_at    INTEGER,
    state       TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES agents (id),
    ended_at    INTEGER,
    lifted_by   INTEGER NOT NULL DEFAULT 0,
    lift_reason TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX blocks_contact ON blocks (contact_id, id);
CREATE INDEX blocks_identity ON blocks (identity_id) WHERE state = 'active';
-- One active block per reach: a second would be lifted apart from the first.
CREATE UNIQUE INDEX blocks_active ON blocks (contact_id, identity_id) WHERE state = 'active';

-- What blocked senders wrote: kept, in no chat. files is JSON as in messages.
CREATE TABLE blocked_messages (
    id          INTEGER PRIMARY KEY,
    block_id    INTEGER NOT NULL REFERENCES blocks (id),
    contact_id  INTEGER NOT NULL REFERENCES contacts (id),
    identity_id INTEGER NOT NULL REFERENCES identities (id),
    text        TEXT    NOT NULL,
    files       TEXT    NOT NULL DEFAULT '',
    client_id   TEXT    NOT NULL DEFAULT '',
    dedupe_key  TEXT    UNIQUE,
    created_at  INTEGER NOT NULL
);
CREATE INDEX blocked_messages_contact ON blocked_messages (contact_id, id);

-- +goose Down
DROP TABLE blocked_messages;
DROP TABLE blocks;
