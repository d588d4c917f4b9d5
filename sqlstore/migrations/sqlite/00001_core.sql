-- +goose Up
-- Times are Unix microseconds (INTEGER) in both dialects, so the same SQL and scanning serve both.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row holding the last event id. Ids are handed out by the writer under this row,
-- so they are gapless and increase in commit order.
CREATE TABLE event_seq (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    last_id INTEGER NOT NULL
);
INSERT INTO event_seq (id, last_id) VALUES (1, 0);

CREATE TABLE agents (
    id                   INTEGER PRIMARY KEY,
    email                TEXT    NOT NULL UNIQUE,
    name                 TEXT    NOT NULL,
    role                 TEXT    NOT NULL,
    status               TEXT    NOT NULL,
    status_before_logout TEXT    NOT NULL,
    disabled             BOOLEAN NOT NULL DEFAULT FALSE,
    language             TEXT    NOT NULL,
    password_hash        TEXT    NOT NULL,
    last_assigned_at     INTEGER NOT NULL DEFAULT 0,
    status_changed_at    INTEGER NOT NULL,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    agent_id   INTEGER NOT NULL REFERENCES agents (id),
    csrf_token TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_agent ON sessions (agent_id);

CREATE TABLE rooms (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    type       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE queues (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL,
    room_id        INTEGER NOT NULL REFERENCES rooms (id),
    chat_limit     INTEGER NOT NULL,
    accept_timeout INTEGER NOT NULL,
    created_at     INTEGER NOT NULL
);

CREATE TABLE queue_members (
    queue_id INTEGER NOT NULL REFERENCES queues (id),
    agent_id INTEGER NOT NULL REFERENCES agents (id),
    PRIMARY KEY (queue_id, agent_id)
);
CREATE INDEX queue_members_agent ON queue_members (agent_id);

CREATE TABLE channels (
    id              INTEGER PRIMARY KEY,
    type            TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    public_key      TEXT    NOT NULL UNIQUE,
    queue_id        INTEGER NOT NULL REFERENCES queues (id),
    welcome_message TEXT    NOT NULL,
    prechat_fields  TEXT    NOT NULL, -- JSON array
    active          BOOLEAN NOT NULL,
    created_at      INTEGER NOT NULL
);

CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    email      TEXT    NOT NULL,
    phone      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE identities (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id),
    channel_id  INTEGER NOT NULL REFERENCES channels (id),
    external_id TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    visitor     TEXT    NOT NULL, -- JSON object
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (channel_id, external_id)
);
CREATE INDEX identities_contact ON identities (contact_id);

CREATE TABLE chats (
    id                    INTEGER PRIMARY KEY,
    channel_id            INTEGER NOT NULL REFERENCES channels (id),
    channel_type          TEXT    NOT NULL,
    identity_id           INTEGER NOT NULL REFERENCES identities (id),
    contact_id            INTEGER NOT NULL REFERENCES contacts (id),
    queue_id              INTEGER NOT NULL REFERENCES queues (id),
    state                 TEXT    NOT NULL,
    owner_id              INTEGER REFERENCES agents (id),
    offered_to            INTEGER REFERENCES agents (id),
    offer_seq             INTEGER NOT NULL DEFAULT 0,
    name                  TEXT    NOT NULL,
    topic                 TEXT    NOT NULL DEFAULT '',
    case_id               INTEGER,
    parent_id             INTEGER REFERENCES chats (id),
    last_seq              INTEGER NOT NULL DEFAULT 0,
    created_at            INTEGER NOT NULL,
    accepted_at           INTEGER,
    completed_at          INTEGER,
    state_changed_at      INTEGER NOT NULL,
    state_changed_by_kind TEXT    NOT NULL,
    state_changed_by_id   INTEGER NOT NULL DEFAULT 0,
    updated_at            INTEGER NOT NULL,
    version               INTEGER NOT NULL DEFAULT 1
);
-- R2.1: an identity has at most one chat that is not completed.
CREATE UNIQUE INDEX chats_open_identity ON chats (identity_id) WHERE state <> 'completed';
CREATE INDEX chats_identity ON chats (identity_id, id);
CREATE INDEX chats_queue_state ON chats (queue_id, state, id);
CREATE INDEX chats_owner_state ON chats (owner_id, state);
CREATE INDEX chats_offered ON chats (offered_to) WHERE offered_to IS NOT NULL;
CREATE INDEX chats_state ON chats (state, id);

CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL REFERENCES chats (id),
    seq         INTEGER NOT NULL,
    author_kind TEXT    NOT NULL,
    author_id   INTEGER NOT NULL DEFAULT 0,
    kind        TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    client_id   TEXT    NOT NULL DEFAULT '',
    internal    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  INTEGER NOT NULL,
    dedupe_key  TEXT UNIQUE, -- NULL when the sender gave no id of its own
    UNIQUE (chat_id, seq)
);

CREATE TABLE chat_declines (
    chat_id  INTEGER NOT NULL REFERENCES chats (id),
    agent_id INTEGER NOT NULL REFERENCES agents (id),
    PRIMARY KEY (chat_id, agent_id)
);

CREATE TABLE timers (
    id       INTEGER PRIMARY KEY,
    kind     TEXT    NOT NULL,
    chat_id  INTEGER NOT NULL DEFAULT 0,
    agent_id INTEGER NOT NULL DEFAULT 0,
    ref      INTEGER NOT NULL DEFAULT 0,
    due_at   INTEGER NOT NULL
);
CREATE INDEX timers_due ON timers (due_at);

CREATE TABLE events (
    id          INTEGER PRIMARY KEY, -- assigned from event_seq, never by the database
    kind        TEXT    NOT NULL,
    chat_id     INTEGER NOT NULL DEFAULT 0,
    queue_id    INTEGER NOT NULL DEFAULT 0,
    agent_id    INTEGER NOT NULL DEFAULT 0,
    identity_id INTEGER NOT NULL DEFAULT 0,
    audience    INTEGER NOT NULL,
    data        TEXT    NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX events_identity ON events (identity_id, id);

-- +goose Down
DROP TABLE events;
DROP TABLE timers;
DROP TABLE chat_declines;
DROP TABLE messages;
DROP TABLE chats;
DROP TABLE identities;
DROP TABLE contacts;
DROP TABLE channels;
DROP TABLE queue_members;
DROP TABLE queues;
DROP TABLE rooms;
DROP TABLE sessions;
DROP TABLE agents;
DROP TABLE event_seq;
DROP TABLE settings;
