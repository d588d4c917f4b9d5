-- +goose Up
-- Pause reasons an agent may pause for (R1.3); inactive ones cannot be chosen.
CREATE TABLE pause_reasons (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    active     BOOLEAN NOT NULL,
    created_at INTEGER NOT NULL
);

-- The pause reason of a paused agent (0 otherwise), and the one restored at the next login.
ALTER TABLE agents ADD COLUMN pause_reason_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agents ADD COLUMN pause_reason_before_logout INTEGER NOT NULL DEFAULT 0;
-- Console presence (R1.6, R1.2): when a node last saw one of the agent's consoles
-- (0: no console awaited), and whether the agent counts as connected.
ALTER TABLE agents ADD COLUMN console_seen_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agents ADD COLUMN console_online BOOLEAN NOT NULL DEFAULT FALSE;

-- Time in each status (R1.3): one row per status held; ended_at is NULL for the
-- current one. pause_reason_id is 0 unless the status is paused.
CREATE TABLE agent_status_intervals (
    id              INTEGER PRIMARY KEY,
    agent_id        INTEGER NOT NULL REFERENCES agents (id),
    status          TEXT    NOT NULL,
    pause_reason_id INTEGER NOT NULL DEFAULT 0,
    started_at      INTEGER NOT NULL,
    ended_at        INTEGER
);
CREATE INDEX agent_status_intervals_agent ON agent_status_intervals (agent_id, started_at);
-- At most one open interval per agent.
CREATE UNIQUE INDEX agent_status_intervals_open ON agent_status_intervals (agent_id) WHERE ended_at IS NULL;
-- Agents that exist already have held their status since it last changed.
INSERT INTO agent_status_intervals (agent_id, status, started_at)
    SELECT id, status, status_changed_at FROM agents;

-- +goose Down
DROP TABLE agent_status_intervals;
ALTER TABLE agents DROP COLUMN console_online;
ALTER TABLE agents DROP COLUMN console_seen_at;
ALTER TABLE agents DROP COLUMN pause_reason_before_logout;
ALTER TABLE agents DROP COLUMN pause_reason_id;
DROP TABLE pause_reasons;
