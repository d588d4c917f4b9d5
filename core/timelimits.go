package core

import (
	"context"
	"time"

	"parley"
)

// Time limits of a chat (R2.4). Each is a durable timer: a row any node may take,
// exactly once, so that neither a restart nor a second node loses or doubles one.
// The first reply is due from the chat's start; a reply is due from the contact's
// first message after the agent's last reply. Either is met by the agent's next
// message that the contact sees.

// startChatLimits sets the first-reply due time of a new chat, before it is stored.
func startChatLimits(q parley.Queue, c *parley.Chat, now time.Time) {
	c.LastMessageAt = now
	c.ReplyTime = new(q.ReplyTime)
	if q.FirstReplyTime > 0 {
		due := now.Add(q.FirstReplyTime.Duration())
		c.FirstReplyDueAt = &due
	}
}

// startChatTimers adds the timers of a new, stored chat.
func startChatTimers(ctx context.Context, tx parley.Tx, q parley.Queue, c parley.Chat) error {
	if c.FirstReplyDueAt != nil {
		t := parley.Timer{Kind: parley.TimerFirstReply, ChatID: c.ID, DueAt: *c.FirstReplyDueAt}
		if err := tx.AddTimer(ctx, &t); err != nil {
			return err
		}
	}
	if q.CompletionTimeout > 0 {
		t := parley.Timer{Kind: parley.TimerCompletion, ChatID: c.ID, DueAt: c.LastMessageAt.Add(q.CompletionTimeout.Duration())}
		return tx.AddTimer(ctx, &t)
	}
	return nil
}

// trackReplies updates the chat's time limits for a message added to it and reports
// whether a due time changed; the caller saves the chat. Only what the two sides
// write to each other counts.
func (s *Service) trackReplies(ctx context.Context, tx parley.Tx, now time.Time, c *parley.Chat, m *parley.Message) (bool, error) {
	if m.Kind != parley.MessageText || m.Internal {
		return false, nil
	}
	first, reply := c.FirstReplyDueAt, c.ReplyDueAt
	err := s.moveDueTimes(ctx, tx, now, c, m.Author.Kind)
	return first != c.FirstReplyDueAt || reply != c.ReplyDueAt, err
}

// moveDueTimes meets the due replies on an agent's message, and sets the reply
// due on a contact's message that nothing answers yet.
func (s *Service) moveDueTimes(ctx context.Context, tx parley.Tx, now time.Time, c *parley.Chat, author parley.ActorKind) error {
	c.LastMessageAt = now
	switch author {
	case parley.ActorAgent:
		if c.FirstRepliedAt == nil {
			c.FirstRepliedAt, c.FirstReplyDueAt = &now, nil
		}
		c.ReplyDueAt = nil
	case parley.ActorContact:
		if c.FirstRepliedAt == nil || c.ReplyDueAt != nil {
			return nil // the first reply, or a reply, is awaited already
		}
		replyTime, err := chatReplyTime(ctx, tx, c)
		if err != nil || replyTime <= 0 {
			return err
		}
		due := now.Add(replyTime.Duration())
		c.ReplyDueAt = &due
		t := parley.Timer{Kind: parley.TimerReply, ChatID: c.ID, DueAt: due}
		return tx.AddTimer(ctx, &t)
	}
	return nil
}

// chatReplyTime is the reply time of the chat's queue: kept on the chat when it
// was opened, read from the queue otherwise.
func chatReplyTime(ctx context.Context, tx parley.Tx, c *parley.Chat) (parley.Seconds, error) {
	if c.ReplyTime != nil {
		return *c.ReplyTime, nil
	}
	q, err := tx.Queue(ctx, c.QueueID)
	return q.ReplyTime, err
}

// breachData is what chat.sla_breached says.
type breachData struct {
	ChatID int64       `json:"chat_id"`
	Kind   string      `json:"kind"` // first_reply or reply
	DueAt  time.Time   `json:"due_at"`
	Chat   parley.Chat `json:"chat"`
}

// fireReplyLimit records a missed reply time, unless the reply came (or the due
// time moved) since the timer was set.
func (s *Service) fireReplyLimit(ctx context.Context, tx parley.Tx, now time.Time, t parley.Timer) error {
	c, err := tx.Chat(ctx, t.ChatID)
	if err != nil {
		return err
	}
	due, count := c.ReplyDueAt, &c.ReplyBreaches
	if t.Kind == parley.TimerFirstReply {
		due, count = c.FirstReplyDueAt, &c.FirstReplyBreaches
	}
	if !c.Open() || due == nil || !due.Equal(t.DueAt) {
		return nil
	}
	*count++
	c.UpdatedAt = now
	if err := tx.SaveChat(ctx, &c); err != nil {
		return err
	}
	data := breachData{ChatID: c.ID, Kind: string(t.Kind), DueAt: t.DueAt, Chat: c}
	emit(tx, now, parley.ChatEvent(parley.EventChatSLABreached, parley.AudienceQueue|parley.AudienceAgent, c, chatAgent(c), data))
	return nil
}

// fireCompletion completes a chat without messages for the queue's completion
// timeout, or sets the timer again for the time counted from its last message.
func (s *Service) fireCompletion(ctx context.Context, tx parley.Tx, now time.Time, t parley.Timer) error {
	c, err := tx.Chat(ctx, t.ChatID)
	if err != nil || !c.Open() {
		return err
	}
	q, err := tx.Queue(ctx, c.QueueID)
	if err != nil || q.CompletionTimeout <= 0 {
		return err // turned off since
	}
	if due := c.LastMessageAt.Add(q.CompletionTimeout.Duration()); due.After(now) {
		next := parley.Timer{Kind: parley.TimerCompletion, ChatID: c.ID, DueAt: due}
		return tx.AddTimer(ctx, &next)
	}
	return s.complete(ctx, tx, now, &c, parley.SystemActor)
}
