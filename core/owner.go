package core

import (
	"context"
	"time"

	"parley"
)

// OwnerInput names the new owner of a chat. Version, when set, is the chat's
// version the client saw: the change is refused when the chat changed since.
type OwnerInput struct {
	AgentID int64 `json:"agent_id"`
	Version int64 `json:"version,omitempty"`
}

// ChangeOwner hands a chat in progress to another agent (R2.15): a supervisor or
// admin may, or the owner handing it over. The save is a compare-and-set on the
// chat's version, so of two racing changes made from one version only one wins.
func (s *Service) ChangeOwner(ctx context.Context, by parley.Agent, v parley.Viewer, chatID int64, in OwnerInput) (parley.Chat, error) {
	if in.AgentID <= 0 || in.Version < 0 {
		return parley.Chat{}, parley.Errorf(parley.CodeInvalid, "agent_id must name an agent")
	}
	var out parley.Chat
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		c, err := s.visibleChat(ctx, tx, v, chatID)
		if err != nil {
			return err
		}
		if err := checkOwnerChange(c, by, in); err != nil {
			return err
		}
		if err := s.checkUnlocked(ctx, tx, c, "change the owner"); err != nil {
			return err
		}
		if err := s.checkAgentTarget(ctx, tx, c.OwnerID, in.AgentID); err != nil {
			return err
		}
		from := c.OwnerID
		if err := c.ChangeOwner(in.AgentID, now); err != nil {
			return err
		}
		note := systemMessage(parley.SystemOwnerChanged, "Another agent took over the chat.")
		if err := s.addMessage(ctx, tx, now, &c, &note); err != nil { // saves the chat too
			return err
		}
		out = c
		change := parley.OwnerChange{Chat: c, By: parley.Actor{Kind: parley.ActorAgent, ID: by.ID}, FromAgentID: from, ToAgentID: in.AgentID}
		emit(tx, now, parley.ChatEvent(parley.EventChatOwnerChanged, parley.AudienceQueue|parley.AudienceAgent, c, in.AgentID, change))
		// The previous owner follows the chat by agent, not always by queue: tell them too.
		emit(tx, now, parley.ChatEvent(parley.EventChatOwnerChanged, parley.AudienceAgent, c, from, change))
		if err := s.tellFollowers(ctx, tx, now, c, parley.FollowedChange{Change: parley.ChangeOwner, ByAgentID: by.ID}); err != nil {
			return err
		}
		if err := s.dropInvitationsAtLimit(ctx, tx, now, in.AgentID); err != nil {
			return err
		}
		return s.routeAgentQueues(ctx, tx, now, from)
	})
	return out, err
}

func checkOwnerChange(c parley.Chat, by parley.Agent, in OwnerInput) error {
	if c.State != parley.ChatInProgress {
		return parley.Errorf(parley.CodeConflict, "chat %d is %s; only a chat in progress has an owner to change", c.ID, c.State)
	}
	if c.OwnerID != by.ID && !by.Role.SeesAll() {
		return parley.Errorf(parley.CodeForbidden, "only the chat's owner or a supervisor may change its owner")
	}
	if in.Version != 0 && in.Version != c.Version {
		return parley.Errorf(parley.CodeConflict, "chat %d was changed by someone else; reload it and try again", c.ID)
	}
	return nil
}
