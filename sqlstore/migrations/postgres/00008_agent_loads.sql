-- +goose Up
-- Each agent's load (R1.4): the chats they own in progress plus the invitations
-- they hold, kept by triggers in the statement that changes a chat. Routing reads
-- it for every member of a queue on every pass; counting it from chats each time
-- cost most of the database's work under load (index scans over the dead rows
-- that a hot chats table leaves until vacuum).
CREATE TABLE agent_loads (
    agent_id BIGINT PRIMARY KEY REFERENCES agents (id),
    chats    BIGINT NOT NULL DEFAULT 0
);
INSERT INTO agent_loads (agent_id, chats)
SELECT a.id, (SELECT COUNT(*) FROM chats WHERE owner_id = a.id AND state = 'in_progress')
    + (SELECT COUNT(*) FROM chats WHERE offered_to = a.id)
FROM agents a;

-- +goose StatementBegin
CREATE FUNCTION agents_load() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO agent_loads (agent_id, chats) VALUES (NEW.id, 0);
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER agents_load AFTER INSERT ON agents FOR EACH ROW EXECUTE FUNCTION agents_load();

-- +goose StatementBegin
CREATE FUNCTION chats_load() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE agent_loads SET chats = chats - 1 WHERE agent_id = OLD.owner_id AND OLD.state = 'in_progress';
        UPDATE agent_loads SET chats = chats - 1 WHERE agent_id = OLD.offered_to;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE agent_loads SET chats = chats + 1 WHERE agent_id = NEW.owner_id AND NEW.state = 'in_progress';
        UPDATE agent_loads SET chats = chats + 1 WHERE agent_id = NEW.offered_to;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER chats_load_insert AFTER INSERT ON chats FOR EACH ROW EXECUTE FUNCTION chats_load();
CREATE TRIGGER chats_load_update AFTER UPDATE OF state, owner_id, offered_to ON chats FOR EACH ROW
    WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.owner_id IS DISTINCT FROM NEW.owner_id
        OR OLD.offered_to IS DISTINCT FROM NEW.offered_to)
    EXECUTE FUNCTION chats_load();
CREATE TRIGGER chats_load_delete AFTER DELETE ON chats FOR EACH ROW EXECUTE FUNCTION chats_load();

-- +goose Down
DROP TRIGGER chats_load_delete ON chats;
DROP TRIGGER chats_load_update ON chats;
DROP TRIGGER chats_load_insert ON chats;
DROP TRIGGER agents_load ON agents;
DROP FUNCTION chats_load();
DROP FUNCTION agents_load();
DROP TABLE agent_loads;
