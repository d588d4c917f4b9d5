package core

import (
	"context"
	"time"

	"parley"
)

// routeBatch bounds how many waiting chats one routing pass looks at.
const routeBatch = 200

// declineSlack is how many waiting chats past the free places a pass reads, for
// chats that every free agent has passed on and that the pass skips.
const declineSlack = 16

// route gives the queue's waiting chats to its free agents (R2.3) by the queue's
// strategy and mode. It runs inside the transaction that made a chat waiting or
// an agent free, so routing sees exactly the committed state and no two nodes can
// offer the same chat or push an agent past the limit. The members are read
// first: when none has room, which under load is most passes, nothing else is.
func (s *Service) route(ctx context.Context, tx parley.Tx, now time.Time, queueID int64) error {
	q, err := tx.Queue(ctx, queueID)
	if err != nil {
		return err
	}
	cands, err := tx.Candidates(ctx, queueID)
	if err != nil {
		return err
	}
	room := totalRoom(cands, q)
	if room == 0 {
		return nil
	}
	if q.Routing == parley.RouteOfferToAll {
		chats, err := tx.WaitingChats(ctx, queueID, routeBatch)
		if err != nil {
			return err
		}
		return s.offerToAll(ctx, tx, now, q, chats, cands)
	}
	chats, err := tx.WaitingChats(ctx, queueID, min(routeBatch, room+declineSlack))
	if err != nil || len(chats) == 0 {
		return err
	}
	declines, err := tx.DeclinesOf(ctx, chatIDs(chats))
	if err != nil {
		return err
	}
	return s.giveEach(ctx, tx, now, &q, chats, cands, declines)
}

// giveEach gives the chats, oldest first, to free candidates until none has room.
func (s *Service) giveEach(ctx context.Context, tx parley.Tx, now time.Time, q *parley.Queue, chats []parley.Chat, cands []parley.Candidate, declines map[int64][]int64) error {
	for i := range chats {
		pick := pickAgent(cands, *q, declines[chats[i].ID])
		if pick < 0 && !anyHasRoom(cands, *q) {
			return nil // nobody has room: the rest waits
		}
		if pick < 0 {
			continue // everyone with room passed on this chat: it waits for a new round
		}
		if err := s.give(ctx, tx, now, q, &chats[i], cands[pick].AgentID); err != nil {
			return err
		}
		cands[pick].Load++
	}
	return nil
}

func chatIDs(chats []parley.Chat) []int64 {
	ids := make([]int64, len(chats))
	for i, c := range chats {
		ids[i] = c.ID
	}
	return ids
}

// give offers the chat to the chosen agent, or assigns it in assign mode; round
// robin remembers the agent, by compare-and-set, as the one to go on from.
func (s *Service) give(ctx context.Context, tx parley.Tx, now time.Time, q *parley.Queue, c *parley.Chat, agentID int64) error {
	if c.OpenOffer { // the queue offered to all before its strategy changed
		if err := s.endOpenOffer(ctx, tx, now, c, 0, "withdrawn"); err != nil {
			return err
		}
	}
	if q.Routing == parley.RouteRoundRobin {
		if err := tx.SetLastOffered(ctx, q.ID, q.LastOffered, agentID); err != nil {
			return err
		}
		q.LastOffered = agentID
	}
	if q.Mode == parley.ModeAssign {
		return s.assign(ctx, tx, now, c, agentID, parley.SystemActor)
	}
	return s.offer(ctx, tx, now, *q, c, agentID)
}

// offer invites agentID to take the chat and starts the acceptance timer.
func (s *Service) offer(ctx context.Context, tx parley.Tx, now time.Time, q parley.Queue, c *parley.Chat, agentID int64) error {
	if err := c.Offer(agentID, now); err != nil {
		return err
	}
	if err := tx.SaveChat(ctx, c); err != nil {
		return err
	}
	t := parley.Timer{Kind: parley.TimerOfferExpiry, ChatID: c.ID, AgentID: agentID, Ref: c.OfferSeq, DueAt: now.Add(acceptTimeout(q))}
	if err := tx.AddTimer(ctx, &t); err != nil {
		return err
	}
	emit(tx, now, parley.ChatEvent(parley.EventChatOffered, parley.AudienceAgent, *c, agentID,
		offerData{Chat: *c, ExpiresAt: t.DueAt}))
	return nil
}

type offerData struct {
	Chat      parley.Chat `json:"chat"`
	ExpiresAt time.Time   `json:"expires_at,omitzero"` // none for an open offer
}

type offerEndData struct {
	Chat   parley.Chat `json:"chat"`
	Reason string      `json:"reason"` // declined, expired, withdrawn, taken
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
	passed := reason != "withdrawn"
	if passed {
		if err := tx.AddDecline(ctx, c.ID, agentID); err != nil {
			return err
		}
	}
	emit(tx, now, parley.ChatEvent(parley.EventChatOfferEnded, parley.AudienceAgent, *c, agentID,
		offerEndData{Chat: *c, Reason: reason}))
	if err := s.route(ctx, tx, now, c.QueueID); err != nil || !passed {
		return err
	}
	return s.awaitNewRound(ctx, tx, now, c.ID)
}

// withdrawOffers ends every pending invitation of an agent who stopped taking chats.
func (s *Service) withdrawOffers(ctx context.Context, tx parley.Tx, now time.Time, agentID int64) error {
	if err := s.withdrawInvitations(ctx, tx, now, agentID, allInvitations); err != nil {
		return err
	}
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
