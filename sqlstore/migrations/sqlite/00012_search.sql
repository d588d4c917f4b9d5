-- +goose Up
-- Full-text search (R2.9). messages_fts indexes the text agents see: every
-- message but system ones, which clients render from their code in the reader's
-- language. unicode61 with remove_diacritics folds case in every script
-- (Cyrillic included); SQLite has no Russian stemmer, so queries match word
-- prefixes instead (see sqlstore/search.go).
CREATE VIRTUAL TABLE messages_fts USING fts5 (
    text,
    content = 'messages',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages WHERE kind <> 'system';

-- +goose StatementBegin
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN NEW.kind <> 'system' BEGIN
    INSERT INTO messages_fts (rowid, text) VALUES (NEW.id, NEW.text);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN OLD.kind <> 'system' BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, kind ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) SELECT 'delete', OLD.id, OLD.text WHERE OLD.kind <> 'system';
    INSERT INTO messages_fts (rowid, text) SELECT NEW.id, NEW.text WHERE NEW.kind <> 'system';
END;
-- +goose StatementEnd

-- Contacts are found by name and e-mail.
CREATE VIRTUAL TABLE contacts_fts USING fts5 (
    name,
    email,
    content = 'contacts',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO contacts_fts (rowid, name, email) SELECT id, name, email FROM contacts;

-- +goose StatementBegin
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts (rowid, name, email) VALUES (NEW.id, NEW.name, NEW.email);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, name, email) VALUES ('delete', OLD.id, OLD.name, OLD.email);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF name, email ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, name, email) VALUES ('delete', OLD.id, OLD.name, OLD.email);
    INSERT INTO contacts_fts (rowid, name, email) VALUES (NEW.id, NEW.name, NEW.email);
END;
-- +goose StatementEnd

-- The contact filter and the chats of contacts found by name.
CREATE INDEX chats_contact ON chats (contact_id, id);

-- +goose Down
DROP INDEX chats_contact;
DROP TRIGGER contacts_fts_update;
DROP TRIGGER contacts_fts_delete;
DROP TRIGGER contacts_fts_insert;
DROP TABLE contacts_fts;
DROP TRIGGER messages_fts_update;
DROP TRIGGER messages_fts_delete;
DROP TRIGGER messages_fts_insert;
DROP TABLE messages_fts;
