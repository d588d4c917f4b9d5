-- +goose Up
-- The queue's reply time as the chat was opened with it (NULL: read the queue).
ALTER TABLE chats ADD COLUMN reply_time INTEGER;

-- +goose Down
ALTER TABLE chats DROP COLUMN reply_time;
