package parley

import "time"

// TimerKind names what a durable timer does when due.
type TimerKind string

// Timer kinds.
const (
	// TimerOfferExpiry ends an invitation nobody answered (R2.3); Ref is the chat's OfferSeq.
	TimerOfferExpiry TimerKind = "offer_expiry"
	// TimerFirstReply and TimerReply mark a missed reply time (R2.4) when the chat's
	// due time still equals the timer's.
	TimerFirstReply TimerKind = "first_reply"
	TimerReply      TimerKind = "reply"
	// TimerCompletion completes a chat without messages for the queue's completion timeout.
	TimerCompletion TimerKind = "completion"
	// TimerNewRound forgets who passed on a chat that still waits unoffered and
	// routes it again; Ref is the chat's OfferSeq when the last agent passed.
	TimerNewRound TimerKind = "new_round"
	// TimerBlockExpiry ends a block at its until (R3.5); Ref is the block's id.
	TimerBlockExpiry TimerKind = "block_expiry"
)

// Timer is a durable timer: a row with a due time that any node may fire, exactly once.
type Timer struct {
	ID      int64     `json:"id"`
	Kind    TimerKind `json:"kind"`
	ChatID  int64     `json:"chat_id"`
	AgentID int64     `json:"agent_id"`
	Ref     int64     `json:"ref"`
	DueAt   time.Time `json:"due_at"`
}

// Clock tells the time; tests replace it.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock, rounded to the microsecond the store keeps.
type SystemClock struct{}

// Now returns the current UTC time to the microsecond.
func (SystemClock) Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
