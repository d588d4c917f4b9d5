package sqlstore

import (
	"context"

	"parley"
)

// Invitations returns the agents invited to the chat's open offer, by id.
func (r queries) Invitations(ctx context.Context, chatID int64) ([]int64, error) {
	return list(ctx, r.q, "invitations", scanInt64,
		"SELECT agent_id FROM chat_invitations WHERE chat_id = $1 ORDER BY agent_id", chatID)
}

// AgentInvitations returns the chats whose open offer invites the agent, by id.
func (r queries) AgentInvitations(ctx context.Context, agentID int64) ([]int64, error) {
	return list(ctx, r.q, "agent invitations", scanInt64,
		"SELECT chat_id FROM chat_invitations WHERE agent_id = $1 ORDER BY chat_id", agentID)
}

// AddInvitation invites the agent to the chat's open offer; twice is no error.
func (t *tx) AddInvitation(ctx context.Context, chatID, agentID int64) error {
	return t.change(ctx, false, failure("add invitation"), `INSERT INTO chat_invitations (chat_id, agent_id)
		VALUES ($1, $2) ON CONFLICT DO NOTHING`, chatID, agentID)
}

// DeleteInvitation ends one agent's invitation to the chat; agentID 0 ends them all.
func (t *tx) DeleteInvitation(ctx context.Context, chatID, agentID int64) error {
	if agentID == 0 {
		return t.change(ctx, false, failure("delete invitations"),
			"DELETE FROM chat_invitations WHERE chat_id = $1", chatID)
	}
	return t.change(ctx, false, failure("delete invitation"),
		"DELETE FROM chat_invitations WHERE chat_id = $1 AND agent_id = $2", chatID, agentID)
}

// SetLastOffered moves round robin's place in the queue from one agent to the next;
// Conflict when another transaction moved it first.
func (t *tx) SetLastOffered(ctx context.Context, queueID, from, to int64) error {
	return t.change(ctx, true, func(n int64, err error) error {
		switch {
		case err != nil:
			return failure("set last offered")(n, err)
		case n == 0:
			return parley.Errorf(parley.CodeConflict, "queue %d was routed by someone else", queueID)
		}
		return nil
	}, "UPDATE queues SET last_offered_agent = $1 WHERE id = $2 AND last_offered_agent = $3", to, queueID, from)
}
