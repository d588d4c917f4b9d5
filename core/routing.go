package core

import (
	"cmp"
	"context"
	"slices"
	"time"

	"parley"
)

// routeBatch bounds how many waiting chats one routing pass looks at.
const routeBatch = 200

// route offers the queue's waiting chats to its free agents (R2.3): least busy first,
// then the longest idle. It runs inside the transaction that made a chat waiting or
// an agent free, so routing sees exactly the committed state and no two nodes can
// offer the same chat or push an agent past the limit.
func (s *Service) route(ctx context.Context, tx parley.Tx, now time.Time, queueID int64) error {
	chats, err := tx.WaitingChats(ctx, queueID, routeBatch)
	if err != nil || len(chats) == 0 {
		return err
	}
	q, err := tx.Queue(ctx, queueID)
	if err != nil {
		return err
	}
	cands, err := tx.Candidates(ctx, queueID)
	if err != nil {
		return err
	}
	for i := range chats {
		declined, err := tx.Declines(ctx, chats[i].ID)
		if err != nil {
			return err
		}
		pick := pickAgent(cands, q.ChatLimit, declined)
		if pick < 0 {
			return nil // nobody has room: the rest waits
		}
		if err := s.offer(ctx, tx, now, q, &chats[i], cands[pick].AgentID); err != nil {
			return err
		}
		cands[pick].Load++
	}
	return nil
}

// pickAgent returns the index of the candidate to offer a chat to, or -1.
// An agent who declined the chat is chosen only when nobody else is free.
func pickAgent(cands []parley.Candidate, limit int, declined []int64) int {
	best, bestDeclined := -1, -1
	for i, c := range cands {
		if c.Load >= limit {
			continue
		}
		if slices.Contains(declined, c.AgentID) {
			if bestDeclined < 0 || better(c, cands[bestDeclined]) {
				bestDeclined = i
			}
			continue
		}
		if best < 0 || better(c, cands[best]) {
			best = i
		}
	}
	if best >= 0 {
		return best
	}
	return bestDeclined
}

// better orders candidates: least busy, then longest idle, then lowest id for a stable order.
func better(a, b parley.Candidate) bool {
	if a.Load != b.Load {
		return a.Load < b.Load
	}
	if c := a.LastAssignedAt.Compare(b.LastAssignedAt); c != 0 {
		return c < 0
	}
	return cmp.Less(a.AgentID, b.AgentID)
}

// offer invites agentID to take the chat and starts the acceptance timer.
func (s *Service) offer(ctx context.Context, tx parley.Tx, now time.Time, q parley.Queue, c *parley.Chat, agentID int64) error {
	if err := c.Offer(agentID, now); err != nil {
		return err
	}
	if err := tx.SaveChat(ctx, c); err != nil {
		return err
	}
	timeout := q.AcceptTimeout.Duration()
	if timeout <= 0 {
		timeout = parley.DefaultAcceptTimeout
	}
	t := parley.Timer{Kind: parley.TimerOfferExpiry, ChatID: c.ID, AgentID: agentID, Ref: c.OfferSeq, DueAt: now.Add(timeout)}
	if err := tx.AddTimer(ctx, &t); err != nil {
		return err
	}
	emit(tx, now, parley.ChatEvent(parley.EventChatOffered, parley.AudienceAgent, *c, agentID,
		offerData{Chat: *c, ExpiresAt: t.DueAt}))
	return nil
}

type offerData struct {
	Chat      parley.Chat `json:"chat"`
	ExpiresAt time.Time   `json:"expires_at"`
}

type offerEndData struct {
	Chat   parley.Chat `json:"chat"`
	Reason string      `json:"reason"` // declined, expired, withdrawn
}

// endOffer withdraws agentID's invitation for the chat, remembers that this agent
// passed on it, and routes the chat again.
func (s *Service) endOffer(ctx context.Context, tx parley.Tx, now time.Time, c *parley.Chat, agentID int64, reason string) error {
	if err := c.EndOffer(agentID, now); err != nil {
		return err
	}
	if err := tx.SaveChat(ctx, c); err != nil {
		return err
	}
	if reason != "withdrawn" {
		if err := tx.AddDecline(ctx, c.ID, agentID); err != nil {
			return err
		}
	}
	emit(tx, now, parley.ChatEvent(parley.EventChatOfferEnded, parley.AudienceAgent, *c, agentID,
		offerEndData{Chat: *c, Reason: reason}))
	return s.route(ctx, tx, now, c.QueueID)
}

// withdrawOffers ends every pending invitation of an agent who stopped taking chats.
func (s *Service) withdrawOffers(ctx context.Context, tx parley.Tx, now time.Time, agentID int64) error {
	offered, err := tx.Chats(ctx, parley.ChatFilter{OfferedTo: agentID, States: []parley.ChatState{parley.ChatWaiting}, Limit: 500})
	if err != nil {
		return err
	}
	for i := range offered {
		if err := s.endOffer(ctx, tx, now, &offered[i], agentID, "withdrawn"); err != nil {
			return err
		}
	}
	return nil
}

// routeAgentQueues routes every queue of an agent who may have room now.
func (s *Service) routeAgentQueues(ctx context.Context, tx parley.Tx, now time.Time, agentID int64) error {
	queues, err := tx.AgentQueues(ctx, agentID)
	if err != nil {
		return err
	}
	for _, q := range queues {
		if err := s.route(ctx, tx, now, q); err != nil {
			return err
		}
	}
	return nil
}
