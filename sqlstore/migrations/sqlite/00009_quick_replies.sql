-- +goose Up
-- Quick-reply templates (R2.11). scope says to whom one applies: all agents
-- (scope_id 0), a room's or a queue's agents, or one agent (scope_id names it).
CREATE TABLE quick_replies (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    text       TEXT    NOT NULL,
    scope      TEXT    NOT NULL,
    scope_id   INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX quick_replies_scope ON quick_replies (scope, scope_id);

-- +goose Down
DROP TABLE quick_replies;
