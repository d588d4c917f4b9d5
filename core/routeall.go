package core

import (
	"context"
	"slices"
	"time"

	"parley"
)

// offerToAll invites every free member of the queue to each waiting chat at once
// (an open offer); the first to accept takes it. Members invited already, or who
// declined, are not invited again. Open offers have no acceptance time: they stand until taken.
func (s *Service) offerToAll(ctx context.Context, tx parley.Tx, now time.Time, q parley.Queue, chats []parley.Chat, cands []parley.Candidate) error {
	for i := range chats {
		c := &chats[i]
		invited, err := tx.Invitations(ctx, c.ID)
		if err != nil {
			return err
		}
		declined, err := tx.Declines(ctx, c.ID)
		if err != nil {
			return err
		}
		invited = append(invited, declined...) // nobody is invited twice
		if !c.OpenOffer {
			c.OpenOffer, c.UpdatedAt = true, now
			if err := tx.SaveChat(ctx, c); err != nil {
				return err
			}
		}
		for _, cand := range cands {
			if !hasRoom(cand, q) || slices.Contains(invited, cand.AgentID) {
				continue
			}
			if err := tx.AddInvitation(ctx, c.ID, cand.AgentID); err != nil {
				return err
			}
			emit(tx, now, parley.ChatEvent(parley.EventChatOffered, parley.AudienceAgent, *c, cand.AgentID, offerData{Chat: *c}))
		}
	}
	return nil
}

// acceptOpenOffer gives an open offer to the invited agent who accepts it first:
// the chat's version makes it a compare-and-set, so of two at once exactly one wins.
func (s *Service) acceptOpenOffer(ctx context.Context, tx parley.Tx, now time.Time, c *parley.Chat, agentID int64) error {
	invited, err := tx.Invitations(ctx, c.ID)
	if err != nil {
		return err
	}
	if !slices.Contains(invited, agentID) {
		return parley.Errorf(parley.CodeConflict, "chat %d is not offered to you", c.ID)
	}
	if err := s.checkRoom(ctx, tx, c.QueueID, agentID); err != nil {
		return err
	}
	return s.assign(ctx, tx, now, c, agentID, parley.Actor{Kind: parley.ActorAgent, ID: agentID})
}

// checkRoom refuses a chat of the queue to an agent at their limit (R1.4).
func (s *Service) checkRoom(ctx context.Context, tx parley.Tx, queueID, agentID int64) error {
	q, err := tx.Queue(ctx, queueID)
	if err != nil {
		return err
	}
	a, load, err := agentWithLoad(ctx, tx, agentID)
	if err != nil {
		return err
	}
	if load >= parley.ChatLimit(a.ChatLimit, q.ChatLimit) {
		return parley.Errorf(parley.CodeConflict, "you have as many chats as your limit allows")
	}
	return nil
}

// endOpenOffer ends the invitations of an open offer, all but keep's (0: all),
// telling each invited agent why. The caller saves the chat.
func (s *Service) endOpenOffer(ctx context.Context, tx parley.Tx, now time.Time, c *parley.Chat, keep int64, reason string) error {
	invited, err := tx.Invitations(ctx, c.ID)
	if err != nil {
		return err
	}
	if err := tx.DeleteInvitation(ctx, c.ID, 0); err != nil {
		return err
	}
	c.OpenOffer = false
	for _, agentID := range invited {
		if agentID != keep {
			emit(tx, now, parley.ChatEvent(parley.EventChatOfferEnded, parley.AudienceAgent, *c, agentID,
				offerEndData{Chat: *c, Reason: reason}))
		}
	}
	return nil
}

// declineOpenOffer ends one agent's invitation to an open offer; the others stand.
func (s *Service) declineOpenOffer(ctx context.Context, tx parley.Tx, now time.Time, c parley.Chat, agentID int64, reason string) error {
	invited, err := tx.Invitations(ctx, c.ID)
	if err != nil {
		return err
	}
	if !slices.Contains(invited, agentID) {
		return parley.Errorf(parley.CodeConflict, "chat %d is not offered to agent %d", c.ID, agentID)
	}
	if err := tx.DeleteInvitation(ctx, c.ID, agentID); err != nil {
		return err
	}
	emit(tx, now, parley.ChatEvent(parley.EventChatOfferEnded, parley.AudienceAgent, c, agentID,
		offerEndData{Chat: c, Reason: reason}))
	if reason == "withdrawn" {
		return nil
	}
	if err := tx.AddDecline(ctx, c.ID, agentID); err != nil {
		return err
	}
	return s.awaitNewRound(ctx, tx, now, c.ID)
}

// withdrawInvitations ends the agent's invitations to open offers of the chats
// for which ends says so: all of them when the agent stops taking chats, or
// those of queues whose limit they have reached.
func (s *Service) withdrawInvitations(ctx context.Context, tx parley.Tx, now time.Time, agentID int64,
	ends func(parley.Chat) (bool, error)) error {
	chatIDs, err := tx.AgentInvitations(ctx, agentID)
	if err != nil {
		return err
	}
	for _, id := range chatIDs {
		c, err := tx.Chat(ctx, id)
		if err != nil {
			return err
		}
		end, err := ends(c)
		if err != nil {
			return err
		}
		if !end {
			continue
		}
		if err := s.declineOpenOffer(ctx, tx, now, c, agentID, "withdrawn"); err != nil {
			return err
		}
	}
	return nil
}

func allInvitations(parley.Chat) (bool, error) { return true, nil }

// dropInvitationsAtLimit ends the agent's invitations to open offers in queues
// whose limit they have just reached: an open offer is for free agents (R1.4),
// and routing invites them again once a chat of theirs ends.
func (s *Service) dropInvitationsAtLimit(ctx context.Context, tx parley.Tx, now time.Time, agentID int64) error {
	var a *parley.Agent // read at the first invitation: most agents hold none
	var load int
	return s.withdrawInvitations(ctx, tx, now, agentID, func(c parley.Chat) (bool, error) {
		if a == nil {
			agent, n, err := agentWithLoad(ctx, tx, agentID)
			if err != nil {
				return false, err
			}
			a, load = &agent, n
		}
		q, err := tx.Queue(ctx, c.QueueID)
		return err == nil && load >= parley.ChatLimit(a.ChatLimit, q.ChatLimit), err
	})
}

// agentWithLoad reads the agent and counts their load.
func agentWithLoad(ctx context.Context, tx parley.Tx, agentID int64) (parley.Agent, int, error) {
	a, err := tx.Agent(ctx, agentID)
	if err != nil {
		return a, 0, err
	}
	load, err := tx.AgentLoad(ctx, agentID)
	return a, load, err
}
