-- +goose Up
-- Cases (R4.1, R4.2): a contact's matter, made from a chat or entered by hand.
-- A chat links to at most one case through chats.case_id.
CREATE TABLE cases (
    id            INTEGER PRIMARY KEY,
    subject       TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    source        TEXT    NOT NULL, -- chat or manual
    status        TEXT    NOT NULL, -- new, in_progress, resolved or closed
    contact_id    INTEGER NOT NULL REFERENCES contacts (id),
    account_id    INTEGER NOT NULL DEFAULT 0, -- the contact's account when made, 0 for none
    assignee_id   INTEGER REFERENCES agents (id),
    registered_at INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    created_by    INTEGER NOT NULL REFERENCES agents (id),
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cases_contact ON cases (contact_id, id);
CREATE INDEX cases_assignee ON cases (assignee_id, id) WHERE assignee_id IS NOT NULL;
CREATE INDEX cases_status ON cases (status, id);
CREATE INDEX chats_case ON chats (case_id) WHERE case_id IS NOT NULL;

-- +goose Down
DROP INDEX chats_case;
DROP TABLE cases;
