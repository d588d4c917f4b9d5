package parley

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Events of blocks (R3.5). They go to every agent, so that consoles show the
// contact as blocked, and never to the contact.
const (
	EventContactBlocked   EventKind = "contact.blocked"   // data: Block
	EventContactUnblocked EventKind = "contact.unblocked" // data: Block, lifted or expired
)

// SystemContactBlocked is the code of the internal message that tells agents
// why a chat was completed by a block; the contact sees only the completion.
const SystemContactBlocked = "contact_blocked"

// Limits of a block.
const (
	MaxBlockReason = 500 // characters of a reason
	MaxBlockYears  = 10  // how far ahead a block may end
)

// BlockState says whether a block still holds. A block is never deleted: it
// ends, lifted early by an agent or expired at its Until.
type BlockState string

// The states of a block.
const (
	BlockActive  BlockState = "active"
	BlockLifted  BlockState = "lifted"
	BlockExpired BlockState = "expired"
)

// Block stops a contact, or one identity of it, from reaching the team (R3.5):
// its messages are kept, start no chat and reach no agent.
type Block struct {
	ID        int64 `json:"id"`
	ContactID int64 `json:"contact_id"`
	// IdentityID is the one identity blocked; 0 blocks every identity of the contact.
	IdentityID int64  `json:"identity_id,omitempty"`
	Reason     string `json:"reason"`
	// Until is when the block ends by itself; nil holds it until it is lifted.
	Until     *time.Time `json:"until"`
	State     BlockState `json:"state"`
	CreatedAt time.Time  `json:"created_at"`
	CreatedBy int64      `json:"created_by"` // the agent who placed it
	// EndedAt is when it was lifted, or its Until when it expired.
	EndedAt    *time.Time `json:"ended_at,omitempty"`
	LiftedBy   int64      `json:"lifted_by,omitempty"`
	LiftReason string     `json:"lift_reason,omitempty"`
}

// HoldsAt reports whether the block stops messages at the time: active and not
// past its Until, even if its expiry timer has not fired yet.
func (b Block) HoldsAt(now time.Time) bool {
	return b.State == BlockActive && (b.Until == nil || b.Until.After(now))
}

// Lift ends the block early.
func (b *Block) Lift(agentID int64, reason string, now time.Time) error {
	if b.State != BlockActive {
		return Errorf(CodeConflict, "block %d has ended already (%s)", b.ID, b.State)
	}
	b.State, b.EndedAt, b.LiftedBy, b.LiftReason = BlockLifted, &now, agentID, reason
	return nil
}

// Expire ends the block at its Until.
func (b *Block) Expire() error {
	if b.State != BlockActive || b.Until == nil {
		return Errorf(CodeConflict, "block %d is not awaiting its end", b.ID)
	}
	end := *b.Until
	b.State, b.EndedAt = BlockExpired, &end
	return nil
}

// CheckBlockReason validates the reason of a block or of its lift and returns it
// trimmed; required says whether it may be empty.
func CheckBlockReason(reason string, required bool) (string, error) {
	reason = strings.TrimSpace(reason)
	switch n := utf8.RuneCountInString(reason); {
	case !utf8.ValidString(reason):
		return "", Errorf(CodeInvalid, "reason is not valid UTF-8")
	case n == 0 && required:
		return "", Errorf(CodeInvalid, "reason is required")
	case n > MaxBlockReason:
		return "", Errorf(CodeInvalid, "reason has %d characters, at most %d are allowed", n, MaxBlockReason)
	}
	return reason, nil
}

// BlockedMessage is a message a blocked sender wrote: kept, but in no chat.
type BlockedMessage struct {
	ID         int64        `json:"id"`
	BlockID    int64        `json:"block_id"` // the block that stopped it
	ContactID  int64        `json:"contact_id"`
	IdentityID int64        `json:"identity_id"`
	Text       string       `json:"text"`
	Files      []Attachment `json:"files,omitempty"`
	ClientID   string       `json:"client_id,omitempty"`
	CreatedAt  time.Time    `json:"created_at"`
	// DedupeKey makes a repeated delivery store once, as for messages.
	DedupeKey string `json:"-"`
}

// BlockReader reads blocks and what blocked senders wrote.
type BlockReader interface {
	Block(ctx context.Context, id int64) (Block, error)
	// ContactBlocks returns the contact's blocks, its identities' included, newest first.
	ContactBlocks(ctx context.Context, contactID int64) ([]Block, error)
	// HoldingBlock returns the oldest block that stops the identity at the time:
	// its own, or one of its whole contact. NotFound when none does.
	HoldingBlock(ctx context.Context, identityID, contactID int64, now time.Time) (Block, error)
	// BlockedMessages returns a page of the contact's blocked messages, newest
	// first: at most limit with an id below beforeID (0: from the newest).
	BlockedMessages(ctx context.Context, contactID, beforeID int64, limit int) ([]BlockedMessage, error)
	BlockedMessageByDedupeKey(ctx context.Context, key string) (BlockedMessage, error)
}

// BlockWriter places and ends blocks and keeps blocked messages.
type BlockWriter interface {
	// CreateBlock stores b and sets its ID; Conflict when its contact (or its
	// identity) already has an active block of the same reach.
	CreateBlock(ctx context.Context, b *Block) error
	// EndBlock stores b's end if b is still active; Conflict when it ended already.
	EndBlock(ctx context.Context, b Block) error
	// AddBlockedMessage stores m and sets its ID; Conflict when its DedupeKey is taken.
	AddBlockedMessage(ctx context.Context, m *BlockedMessage) error
}
