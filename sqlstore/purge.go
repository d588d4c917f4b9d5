package sqlstore

import (
	"context"
	"strconv"

	"parley"
)

// PurgeChat deletes the chat and all that hangs on it (R2.18), and returns the
// content hashes of its files that no other file shares, for the caller to
// remove from the file storage after the commit.
//
// The event log is append-only and its ids have no gaps, which resuming clients
// rely on; so the chat's events are not deleted but blanked into chat.purged
// events that say only which chat went, and reach no visitor.
func (t *tx) PurgeChat(ctx context.Context, chatID int64) ([]string, error) {
	orphans, err := list(ctx, t.q, "purged chat's files", scanString, `SELECT DISTINCT f.sha256 FROM files f
		WHERE f.chat_id = $1 AND NOT EXISTS (SELECT 1 FROM files g
			WHERE g.sha256 = f.sha256 AND (g.chat_id IS NULL OR g.chat_id <> $1))`, chatID)
	if err != nil {
		return nil, err
	}
	staff := strconv.Itoa(int(parley.AudienceStaffBits))
	blank := `{"chat_id":` + strconv.FormatInt(chatID, 10) + `}`
	steps := []struct{ doing, query string }{
		{"blank the chat's events", "UPDATE events SET kind = '" + string(parley.EventChatPurged) +
			"', data = '" + blank + "', audience = audience & " + staff + " WHERE chat_id = $1"},
		{"release the chat's children", "UPDATE chats SET parent_id = NULL WHERE parent_id = $1"},
		{"delete the chat's files", "DELETE FROM files WHERE chat_id = $1"},
		{"delete the chat's earlier message versions", "DELETE FROM message_edits WHERE message_id IN (SELECT id FROM messages WHERE chat_id = $1)"},
		{"delete the chat's provider ids", "DELETE FROM message_refs WHERE message_id IN (SELECT id FROM messages WHERE chat_id = $1)"},
		{"delete the chat's channel jobs", "DELETE FROM channel_jobs WHERE message_id IN (SELECT id FROM messages WHERE chat_id = $1)"},
		{"delete the chat's messages", "DELETE FROM messages WHERE chat_id = $1"},
		{"delete the chat's notes", "DELETE FROM notes WHERE chat_id = $1"},
		{"delete the chat's drafts", "DELETE FROM drafts WHERE chat_id = $1"},
		{"delete the chat's read markers", "DELETE FROM chat_reads WHERE chat_id = $1"},
		{"delete the chat's participants", "DELETE FROM chat_participants WHERE chat_id = $1"},
		{"delete the chat's comments", "DELETE FROM chat_comments WHERE chat_id = $1"},
		{"delete the chat's followers", "DELETE FROM chat_followers WHERE chat_id = $1"},
		{"delete the chat's declines", "DELETE FROM chat_declines WHERE chat_id = $1"},
		{"delete the chat's invitations", "DELETE FROM chat_invitations WHERE chat_id = $1"},
		{"delete the chat's timers", "DELETE FROM timers WHERE chat_id = $1"},
	}
	for _, s := range steps {
		if err := t.change(ctx, false, failure(s.doing), s.query, chatID); err != nil {
			return nil, err
		}
	}
	return orphans, t.change(ctx, true, func(n int64, err error) error {
		if err != nil {
			return failure("delete the chat")(n, err)
		}
		return affected("chat", n)
	}, "DELETE FROM chats WHERE id = $1", chatID)
}
