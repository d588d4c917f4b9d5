package core

import (
	"context"

	"parley"
)

// AgentSummaries lists every agent with what is derived for agent lists: their
// chats in progress, their limit, whether it is reached (R1.4) and whether their
// console is connected (R1.6).
func (s *Service) AgentSummaries(ctx context.Context) ([]parley.AgentSummary, error) {
	agents, err := s.store.Agents(ctx)
	if err != nil {
		return nil, err
	}
	loads, err := s.store.AgentWorkloads(ctx)
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
			ChatsExceeded: w.ChatsInProgress >= limit, Online: s.online(a, now)}
	}
	return out, nil
}

// chatLimit is an agent's simultaneous-chats limit as agent lists show it. The rule:
// the smallest chat_limit among the queues the agent belongs to, since routing never
// takes them past any queue's limit from that queue; parley.DefaultChatLimit (5)
// when they belong to none. No per-agent override exists yet (R1.4 allows one).
func chatLimit(w parley.AgentWorkload) int {
	if w.QueueChatLimit > 0 {
		return w.QueueChatLimit
	}
	return parley.DefaultChatLimit
}
