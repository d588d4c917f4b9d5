package core

import (
	"context"

	"parley"
)

// AgentSummaries lists every agent with what is derived for agent lists: their
// chats in progress, their limit, whether it is reached (R1.4) and whether their
// console is connected (R1.6).
func (s *Service) AgentSummaries(ctx context.Context) ([]parley.AgentSummary, error) {
	return s.agentSummaries(ctx, s.store)
}

// agentSummaries reads the summaries through r, a transaction when a write must
// decide on them.
func (s *Service) agentSummaries(ctx context.Context, r parley.AgentReader) ([]parley.AgentSummary, error) {
	agents, err := r.Agents(ctx)
	if err != nil {
		return nil, err
	}
	loads, err := r.AgentWorkloads(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]parley.AgentWorkload, len(loads))
	for _, w := range loads {
		byID[w.AgentID] = w
	}
	now := s.clock.Now()
	out := make([]parley.AgentSummary, len(agents))
	for i, a := range agents {
		w := byID[a.ID]
		limit := chatLimit(w)
		out[i] = parley.AgentSummary{Agent: a, ChatsInProgress: w.ChatsInProgress, ChatLimit: limit,
			OwnChatLimit: a.ChatLimit, ChatsExceeded: w.ChatsInProgress >= limit, Online: s.online(a, now)}
	}
	return out, nil
}

// chatLimit is an agent's simultaneous-chats limit as agent lists show it: the rule
// of parley.ChatLimit, with the smallest chat_limit among the agent's queues, since
// routing never takes them past any queue's limit from that queue.
func chatLimit(w parley.AgentWorkload) int {
	return parley.ChatLimit(w.ChatLimit, w.QueueChatLimit)
}
