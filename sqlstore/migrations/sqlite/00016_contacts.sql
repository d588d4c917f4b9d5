-- +goose Up
-- Contacts as records (R3.1–R3.7): an account, an owner, custom fields, the keys
-- the duplicate rules compare, merges that can be undone, and the pairs agents
-- said are not duplicates.
CREATE TABLE accounts (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE contact_fields (
    id       INTEGER PRIMARY KEY,
    key      TEXT    NOT NULL UNIQUE,
    label    TEXT    NOT NULL,
    kind     TEXT    NOT NULL,
    choices  TEXT    NOT NULL DEFAULT '[]',
    position INTEGER NOT NULL DEFAULT 0
);
ALTER TABLE contacts ADD COLUMN account_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN owner_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';
ALTER TABLE contacts ADD COLUMN merged_into INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN phone_key TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN email_key TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
-- keys_version says which version of the key rules made the keys; the server
-- rekeys older contacts at start.
ALTER TABLE contacts ADD COLUMN keys_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX contacts_phone_key ON contacts (phone_key) WHERE phone_key <> '';
CREATE INDEX contacts_email_key ON contacts (email_key) WHERE email_key <> '';
CREATE INDEX contacts_name_key ON contacts (name_key) WHERE name_key <> '';
CREATE INDEX contacts_account ON contacts (account_id, id) WHERE account_id <> 0;
CREATE INDEX contacts_keys_version ON contacts (keys_version);
CREATE TABLE not_duplicates (
    contact_a INTEGER NOT NULL REFERENCES contacts (id),
    contact_b INTEGER NOT NULL REFERENCES contacts (id), -- contact_a < contact_b
    by_agent  INTEGER NOT NULL,
    at        INTEGER NOT NULL,
    PRIMARY KEY (contact_a, contact_b)
);
CREATE TABLE contact_merges (
    id        INTEGER PRIMARY KEY,
    into_id   INTEGER NOT NULL REFERENCES contacts (id),
    from_id   INTEGER NOT NULL REFERENCES contacts (id),
    by_agent  INTEGER NOT NULL,
    at        INTEGER NOT NULL,
    undone_at INTEGER,
    undone_by INTEGER NOT NULL DEFAULT 0,
    moved     TEXT    NOT NULL -- JSON: parley.Moved
);
CREATE INDEX contact_merges_into ON contact_merges (into_id, id);
CREATE INDEX contact_merges_from ON contact_merges (from_id, id);

-- +goose Down
DROP TABLE contact_merges;
DROP TABLE not_duplicates;
DROP INDEX contacts_keys_version;
DROP INDEX contacts_account;
DROP INDEX contacts_name_key;
DROP INDEX contacts_email_key;
DROP INDEX contacts_phone_key;
ALTER TABLE contacts DROP COLUMN keys_version;
ALTER TABLE contacts DROP COLUMN name_key;
ALTER TABLE contacts DROP COLUMN email_key;
ALTER TABLE contacts DROP COLUMN phone_key;
ALTER TABLE contacts DROP COLUMN merged_into;
ALTER TABLE contacts DROP COLUMN fields;
ALTER TABLE contacts DROP COLUMN owner_id;
ALTER TABLE contacts DROP COLUMN account_id;
DROP TABLE contact_fields;
DROP TABLE accounts;
