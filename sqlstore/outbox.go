package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"parley"
)

const jobColumns = "id, kind, channel_id, chat_id, message_id, contact_id, payload, attempts, due_at, last_error, created_at"

func scanJob(s scanner) (parley.ChannelJob, error) {
	var j parley.ChannelJob
	var due, created int64
	err := s.Scan(&j.ID, &j.Kind, &j.ChannelID, &j.ChatID, &j.MessageID, &j.ContactID, &j.Payload, &j.Attempts, &due,
		&j.LastError, &created)
	j.DueAt, j.CreatedAt = fromMicros(due), fromMicros(created)
	return j, err
}

// DueJobs returns at most limit jobs due at or before now, soonest first. A
// send waits while an earlier send of its chat is not done (waiting for a
// retry, or leased), so that a chat's messages arrive in the order written.
func (r queries) DueJobs(ctx context.Context, now time.Time, limit int) ([]parley.ChannelJob, error) {
	return list(ctx, r.q, "due jobs", scanJob, "SELECT "+jobColumns+` FROM channel_jobs j WHERE due_at <= $1
		AND NOT (kind = 'send' AND EXISTS (SELECT 1 FROM channel_jobs e
			WHERE e.chat_id = j.chat_id AND e.kind = 'send' AND e.id < j.id))
		ORDER BY due_at, id LIMIT `+strconv.Itoa(clamp(limit, 100, 1000)), micros(now))
}

// CountJobs counts the jobs not done, by kind.
func (r queries) CountJobs(ctx context.Context) (map[parley.JobKind]int, error) {
	type row struct {
		kind parley.JobKind
		n    int
	}
	rows, err := list(ctx, r.q, "job counts", func(s scanner) (row, error) {
		var x row
		return x, s.Scan(&x.kind, &x.n)
	}, "SELECT kind, COUNT(*) FROM channel_jobs GROUP BY kind")
	out := map[parley.JobKind]int{}
	for _, x := range rows {
		out[x.kind] = x.n
	}
	return out, err
}

// MessageByRef finds the message the provider knows by externalID.
func (r queries) MessageByRef(ctx context.Context, channelID int64, externalID string) (parley.Message, error) {
	return one(ctx, r.q, "message", scanMessage, "SELECT "+messageColumns+` FROM messages WHERE id =
		(SELECT message_id FROM message_refs WHERE channel_id = $1 AND external_id = $2)`, channelID, externalID)
}

// MessageRefs returns the provider's ids of a chat's messages sent, oldest first.
func (r queries) MessageRefs(ctx context.Context, chatID int64) ([]string, error) {
	return list(ctx, r.q, "message refs", scanString, `SELECT r.external_id FROM message_refs r
		JOIN messages m ON m.id = r.message_id WHERE m.chat_id = $1 ORDER BY m.seq LIMIT 100`, chatID)
}

// Message returns one message.
func (r queries) Message(ctx context.Context, id int64) (parley.Message, error) {
	return one(ctx, r.q, "message", scanMessage, "SELECT "+messageColumns+" FROM messages WHERE id = $1", id)
}

// EarlyStatuses returns the statuses kept for externalID, oldest first.
func (r queries) EarlyStatuses(ctx context.Context, channelID int64, externalID string) ([]parley.StatusUpdate, error) {
	return list(ctx, r.q, "early statuses", func(s scanner) (parley.StatusUpdate, error) {
		u := parley.StatusUpdate{ExternalID: externalID}
		var at int64
		err := s.Scan(&u.Status, &u.Reason, &at)
		u.At = fromMicros(at)
		return u, err
	}, `SELECT status, reason, at FROM early_statuses WHERE channel_id = $1 AND external_id = $2 ORDER BY at`,
		channelID, externalID)
}

// AddJob stores j without asking for its id, as AddTimer does: an agent's
// message to a messenger then costs PostgreSQL no extra round trip.
func (t *tx) AddJob(ctx context.Context, j *parley.ChannelJob) error {
	return t.change(ctx, false, failure("add job"), `INSERT INTO channel_jobs (kind, channel_id, chat_id, message_id,
		contact_id, payload, attempts, due_at, last_error, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		string(j.Kind), j.ChannelID, j.ChatID, j.MessageID, j.ContactID, j.Payload, j.Attempts, micros(j.DueAt), j.LastError,
		micros(j.CreatedAt))
}

// LeaseJob moves the job's due time to until and counts an attempt, if no
// other node counted one since the job was read.
func (t *tx) LeaseJob(ctx context.Context, id int64, attempts int, until time.Time) (bool, error) {
	n, err := t.q.exec(ctx, `UPDATE channel_jobs SET attempts = attempts + 1, due_at = $1
		WHERE id = $2 AND attempts = $3`, micros(until), id, attempts)
	if err != nil {
		return false, fmt.Errorf("sqlstore: lease job: %w", err)
	}
	return n > 0, nil
}

// RetryJob sets the job's next due time and its last error.
func (t *tx) RetryJob(ctx context.Context, id int64, due time.Time, lastError string) error {
	return t.change(ctx, false, failure("retry job"), `UPDATE channel_jobs SET due_at = $1, last_error = $2
		WHERE id = $3`, micros(due), lastError, id)
}

// DeleteJob removes a job that is done.
func (t *tx) DeleteJob(ctx context.Context, id int64) error {
	return t.change(ctx, false, failure("delete job"), "DELETE FROM channel_jobs WHERE id = $1", id)
}

// AddMessageRef records the provider's id of a message sent; a repeat is a no-op.
func (t *tx) AddMessageRef(ctx context.Context, channelID int64, externalID string, messageID int64) error {
	return t.change(ctx, false, failure("add message ref"), `INSERT INTO message_refs (channel_id, external_id,
		message_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, channelID, externalID, messageID)
}

// AddEarlyStatus keeps a status that came before its send was recorded.
func (t *tx) AddEarlyStatus(ctx context.Context, channelID int64, u parley.StatusUpdate) error {
	return t.change(ctx, false, failure("add early status"), `INSERT INTO early_statuses (channel_id,
		external_id, status, reason, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
		channelID, u.ExternalID, string(u.Status), u.Reason, micros(u.At))
}

// DeleteEarlyStatuses forgets the statuses kept for externalID once applied.
func (t *tx) DeleteEarlyStatuses(ctx context.Context, channelID int64, externalID string) error {
	return t.change(ctx, false, failure("delete early statuses"),
		"DELETE FROM early_statuses WHERE channel_id = $1 AND external_id = $2", channelID, externalID)
}

// SetDelivery stores how far the message got.
func (t *tx) SetDelivery(ctx context.Context, messageID int64, status parley.DeliveryStatus, reason string) error {
	return t.change(ctx, true, rowCheck("set delivery", "message"),
		"UPDATE messages SET delivery = $1, delivery_reason = $2 WHERE id = $3", string(status), reason, messageID)
}

// EditMessage keeps the current text as an earlier version and stores text.
func (t *tx) EditMessage(ctx context.Context, messageID int64, text string, at time.Time) error {
	if err := t.change(ctx, false, failure("keep edited text"), `INSERT INTO message_edits (message_id, text,
		edited_at) SELECT id, text, $1 FROM messages WHERE id = $2`, micros(at), messageID); err != nil {
		return err
	}
	return t.change(ctx, true, rowCheck("edit message", "message"),
		"UPDATE messages SET text = $1, edited_at = $2 WHERE id = $3", text, micros(at), messageID)
}

// SetMessageFiles replaces what the message says of its files.
func (t *tx) SetMessageFiles(ctx context.Context, messageID int64, files []parley.Attachment) error {
	js, err := filesJSON(&parley.Message{Files: files})
	if err != nil {
		return err
	}
	return t.change(ctx, true, rowCheck("set message files", "message"),
		"UPDATE messages SET files = $1 WHERE id = $2", js, messageID)
}

// rowCheck fails with NotFound for what when the statement changed no row.
func rowCheck(doing, what string) func(n int64, err error) error {
	return func(n int64, err error) error {
		if err != nil {
			return fmt.Errorf("sqlstore: %s: %w", doing, err)
		}
		return affected(what, n)
	}
}
