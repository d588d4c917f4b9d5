package parley

import "time"

// QueueLoad is what a queue holds now, for the supervisor view: its waiting chats,
// since when the oldest of them waits, and its chats in progress.
type QueueLoad struct {
	QueueID         int64
	Waiting         int
	OldestWaitingAt time.Time // zero when nothing waits
	InProgress      int
}
