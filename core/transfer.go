package core

import (
	"cmp"
	"context"
	"strconv"
	"strings"
	"time"

	"parley"
)

// TransferInput names where a chat goes (an agent or a queue), with an optional
// comment for agents and the client's own id for idempotency.
type TransferInput struct {
	ToAgentID int64  `json:"to_agent_id,omitempty"`
	ToQueueID int64  `json:"to_queue_id,omitempty"`
	Comment   string `json:"comment,omitempty"`
	ClientID  string `json:"client_id,omitempty"`
}

func (in *TransferInput) check() error {
	if (in.ToAgentID > 0) == (in.ToQueueID > 0) || in.ToAgentID < 0 || in.ToQueueID < 0 {
		return parley.Errorf(parley.CodeInvalid, "name exactly one of to_agent_id and to_queue_id")
	}
	if in.ClientID != "" {
		if err := parley.CheckClientID(in.ClientID); err != nil {
			return err
		}
	}
	if strings.TrimSpace(in.Comment) == "" {
		in.Comment = ""
		return nil
	}
	text, err := parley.CheckText(in.Comment)
	in.Comment = text
	return err
}

// TransferResult is the completed parent and the child chat that goes on; Created
// is false when client_id named a transfer already made.
type TransferResult struct {
	Parent  parley.Chat `json:"parent"`
	Chat    parley.Chat `json:"chat"`
	Created bool        `json:"created"`
}

// Transfer completes a chat in progress and continues it in a child chat (R2.13):
// in progress for the agent named, or waiting in the queue named and routed there.
// Its owner, or a supervisor or admin, may do it.
func (s *Service) Transfer(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64, in TransferInput) (TransferResult, error) {
	if err := in.check(); err != nil {
		return TransferResult{}, err
	}
	key := ""
	if in.ClientID != "" {
		key = dedupeKey(parley.ActorAgent, by.ID, "transfer:"+strconv.FormatInt(chatID, 10)+":"+in.ClientID)
	}
	var res TransferResult
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		var found bool
		var err error
		if res, found, err = s.transferMade(ctx, tx, key); err != nil || found {
			return err
		}
		parent, err := s.visibleChat(ctx, tx, v, chatID)
		if err == nil {
			err = s.checkTransfer(ctx, tx, parent, by, in)
		}
		if err != nil {
			return err
		}
		res = TransferResult{Parent: parent, Created: true}
		res.Chat, err = s.transfer(ctx, tx, now, &res.Parent, by, in, key)
		return err
	})
	return res, err
}

// transferMade finds the transfer a repeated client_id made: its child holds the key.
func (s *Service) transferMade(ctx context.Context, tx parley.Tx, key string) (TransferResult, bool, error) {
	first, found, err := s.firstDelivery(ctx, tx, key)
	if err != nil || !found {
		return TransferResult{}, false, err
	}
	var res TransferResult
	if res.Chat, err = tx.Chat(ctx, first.ChatID); err != nil {
		return res, false, err
	}
	res.Parent, err = tx.Chat(ctx, res.Chat.ParentID)
	return res, err == nil, err
}

func (s *Service) checkTransfer(ctx context.Context, tx parley.Tx, c parley.Chat, by parley.Agent, in TransferInput) error {
	if err := c.CanTransfer(); err != nil {
		return err
	}
	if c.OwnerID != by.ID && !by.Role.SeesAll() {
		return parley.Errorf(parley.CodeForbidden, "only the chat's owner or a supervisor may transfer it")
	}
	if err := s.checkUnlocked(ctx, tx, c, "transfer it"); err != nil {
		return err
	}
	if in.ToAgentID != 0 {
		return s.checkAgentTarget(ctx, tx, c.OwnerID, in.ToAgentID)
	}
	return s.checkQueueTarget(ctx, tx, c.OwnerID, in.ToQueueID)
}

// transfer completes the parent, creates its child with the comment and records
// the transfer; the child holds the dedupe key of the request.
func (s *Service) transfer(ctx context.Context, tx parley.Tx, now time.Time, parent *parley.Chat, by parley.Agent, in TransferInput, key string) (parley.Chat, error) {
	actor := parley.Actor{Kind: parley.ActorAgent, ID: by.ID}
	from := parent.OwnerID
	if err := parent.Complete(actor, now); err != nil {
		return parley.Chat{}, err
	}
	if err := tx.SaveChat(ctx, parent); err != nil { // first: the identity's open chat is about to change
		return parley.Chat{}, err
	}
	emit(tx, now, chatEvent(parley.EventChatCompleted, *parent))
	queueID := cmp.Or(in.ToQueueID, parent.QueueID)
	child := parent.Child(queueID, in.ToAgentID, actor, now)
	if err := s.openChild(ctx, tx, now, &child, by, in, key); err != nil {
		return child, err
	}
	t := parley.Transfer{ChatID: parent.ID, ChildID: child.ID, By: actor, FromAgentID: from, FromQueueID: parent.QueueID,
		ToAgentID: in.ToAgentID, ToQueueID: in.ToQueueID, Comment: in.Comment}
	emit(tx, now, parley.ChatEvent(parley.EventChatTransferred, parley.AudienceQueue|parley.AudienceAgent, child, chatAgent(child), t))
	if err := s.passFollowers(ctx, tx, now, *parent, child.ID, by); err != nil {
		return child, err
	}
	if err := s.placeChild(ctx, tx, now, &child, from); err != nil {
		return child, err
	}
	return child, s.routeAgentQueues(ctx, tx, now, from)
}

// openChild stores the child and its timers, with a system message that opens it
// (holding the request's dedupe key) and the comment as an internal message.
func (s *Service) openChild(ctx context.Context, tx parley.Tx, now time.Time, child *parley.Chat, by parley.Agent, in TransferInput, key string) error {
	q, err := tx.Queue(ctx, child.QueueID)
	if err != nil {
		return err
	}
	// The child's time limits are its queue's, counted from the transfer: the
	// new agent owes a first reply, and silence completes it as any chat.
	startChatLimits(q, child, now)
	if err := tx.CreateChat(ctx, child); err != nil {
		return err
	}
	if err := startChatTimers(ctx, tx, q, *child); err != nil {
		return err
	}
	emit(tx, now, chatEvent(parley.EventChatCreated, *child))
	note := systemMessage(parley.SystemChatTransferred, "The chat was transferred.")
	note.DedupeKey = key
	if err := s.addMessage(ctx, tx, now, child, &note); err != nil {
		return err
	}
	if in.Comment == "" {
		return nil
	}
	comment := parley.Message{Author: parley.Actor{Kind: parley.ActorAgent, ID: by.ID}, Kind: parley.MessageText,
		Text: in.Comment, Internal: true}
	return s.addMessage(ctx, tx, now, child, &comment)
}

// placeChild gives the child to its agent, or routes it in its queue. The sender
// counts as having declined it, so routing offers it to them only when nobody
// else is free.
func (s *Service) placeChild(ctx context.Context, tx parley.Tx, now time.Time, child *parley.Chat, from int64) error {
	if child.OwnerID == 0 {
		if from != 0 {
			if err := tx.AddDecline(ctx, child.ID, from); err != nil {
				return err
			}
		}
		return s.route(ctx, tx, now, child.QueueID)
	}
	return s.takeChat(ctx, tx, now, child, child.OwnerID)
}

// passFollowers makes the parent's followers follow its child too, and tells
// them of the transfer.
func (s *Service) passFollowers(ctx context.Context, tx parley.Tx, now time.Time, parent parley.Chat, childID int64, by parley.Agent) error {
	followers, err := tx.Followers(ctx, parent.ID)
	if err != nil {
		return err
	}
	for _, id := range followers {
		if err := tx.Follow(ctx, childID, id, true); err != nil {
			return err
		}
	}
	return s.tellFollowers(ctx, tx, now, parent, parley.FollowedChange{Change: parley.ChangeTransferred, ByAgentID: by.ID})
}
