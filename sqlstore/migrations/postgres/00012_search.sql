-- +goose Up
-- Full-text search (R2.9). Each message's text is indexed with both the English
-- and the Russian stemmer, so that a word is found in either language's forms;
-- system messages are not indexed, as clients render them from their code.
ALTER TABLE messages ADD COLUMN search tsvector GENERATED ALWAYS AS (
    CASE WHEN kind = 'system' THEN NULL
    ELSE to_tsvector('english'::regconfig, text) || to_tsvector('russian'::regconfig, text) END
) STORED;
CREATE INDEX messages_search ON messages USING GIN (search);

-- Contacts are found by name and e-mail, by word prefix, without stemming. The
-- e-mail is cut into its words first, as the parser would keep it whole.
CREATE INDEX contacts_search ON contacts USING GIN (
    to_tsvector('simple'::regconfig, name || ' ' || translate(email, '@.-_+', '     '))
);

-- The contact filter and the chats of contacts found by name.
CREATE INDEX chats_contact ON chats (contact_id, id);

-- +goose Down
DROP INDEX chats_contact;
DROP INDEX contacts_search;
DROP INDEX messages_search;
ALTER TABLE messages DROP COLUMN search;
