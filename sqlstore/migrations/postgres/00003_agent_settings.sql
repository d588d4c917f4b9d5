-- +goose Up
-- An agent's console preferences (R1.5); every signal is on until turned off.
ALTER TABLE agents ADD COLUMN sound_new_message     BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE agents ADD COLUMN sound_new_chat        BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE agents ADD COLUMN desktop_notifications BOOLEAN NOT NULL DEFAULT TRUE;

-- +goose Down
ALTER TABLE agents DROP COLUMN desktop_notifications;
ALTER TABLE agents DROP COLUMN sound_new_chat;
ALTER TABLE agents DROP COLUMN sound_new_message;
