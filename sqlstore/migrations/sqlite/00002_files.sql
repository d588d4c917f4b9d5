-- +goose Up
-- Uploaded files. The content lies in the file storage under sha256; a row is one
-- upload, so the same content uploaded twice is stored once but has two ids.
CREATE TABLE files (
    id            TEXT    PRIMARY KEY, -- "f_" and random: ids must not be guessable
    sha256        TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    content_type  TEXT    NOT NULL,
    size          INTEGER NOT NULL,
    image         BOOLEAN NOT NULL,
    width         INTEGER NOT NULL DEFAULT 0,
    height        INTEGER NOT NULL DEFAULT 0,
    preview_type  TEXT    NOT NULL DEFAULT '',
    uploader_kind TEXT    NOT NULL,
    uploader_id   INTEGER NOT NULL,
    message_id    INTEGER REFERENCES messages (id), -- NULL until sent
    chat_id       INTEGER REFERENCES chats (id),
    created_at    INTEGER NOT NULL
);

-- A message keeps a copy of its files' attachment data (JSON), so that reading
-- messages needs no join and sending one stays a single insert.
ALTER TABLE messages ADD COLUMN files TEXT NOT NULL DEFAULT '';
-- The code of a system message, which clients show in the reader's language.
ALTER TABLE messages ADD COLUMN code TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE messages DROP COLUMN code;
ALTER TABLE messages DROP COLUMN files;
DROP TABLE files;
