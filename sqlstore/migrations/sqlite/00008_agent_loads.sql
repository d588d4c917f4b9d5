-- +goose Up
-- Each agent's load (R1.4): the chats they own in progress plus the invitations
-- they hold, kept by triggers in the statement that changes a chat. Routing reads
-- it for every member of a queue on every pass; counting it from chats each time
-- cost most of the database's work under load.
CREATE TABLE agent_loads (
    agent_id INTEGER PRIMARY KEY REFERENCES agents (id),
    chats    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO agent_loads (agent_id, chats)
SELECT a.id, (SELECT COUNT(*) FROM chats WHERE owner_id = a.id AND state = 'in_progress')
    + (SELECT COUNT(*) FROM chats WHERE offered_to = a.id)
FROM agents a;

-- +goose StatementBegin
CREATE TRIGGER agents_load AFTER INSERT ON agents BEGIN
    INSERT INTO agent_loads (agent_id, chats) VALUES (NEW.id, 0);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER chats_load_insert AFTER INSERT ON chats BEGIN
    UPDATE agent_loads SET chats = chats + 1 WHERE agent_id = NEW.owner_id AND NEW.state = 'in_progress';
    UPDATE agent_loads SET chats = chats + 1 WHERE agent_id = NEW.offered_to;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER chats_load_update AFTER UPDATE OF state, owner_id, offered_to ON chats
WHEN OLD.state IS NOT NEW.state OR OLD.owner_id IS NOT NEW.owner_id OR OLD.offered_to IS NOT NEW.offered_to BEGIN
    UPDATE agent_loads SET chats = chats - 1 WHERE agent_id = OLD.owner_id AND OLD.state = 'in_progress';
    UPDATE agent_loads SET chats = chats - 1 WHERE agent_id = OLD.offered_to;
    UPDATE agent_loads SET chats = chats + 1 WHERE agent_id = NEW.owner_id AND NEW.state = 'in_progress';
    UPDATE agent_loads SET chats = chats + 1 WHERE agent_id = NEW.offered_to;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER chats_load_delete AFTER DELETE ON chats BEGIN
    UPDATE agent_loads SET chats = chats - 1 WHERE agent_id = OLD.owner_id AND OLD.state = 'in_progress';
    UPDATE agent_loads SET chats = chats - 1 WHERE agent_id = OLD.offered_to;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER chats_load_delete;
DROP TRIGGER chats_load_update;
DROP TRIGGER chats_load_insert;
DROP TRIGGER agents_load;
DROP TABLE agent_loads;
