package core

import (
	"cmp"
	"context"
	"slices"

	"parley"
)

// TargetState is how an agent shows in a transfer or owner list (R2.13): active
// (green), inactive (red), paused, or chats exceeded (grey), which wins over the status.
type TargetState string

// The states of a target agent.
const (
	TargetActive        TargetState = "active"
	TargetInactive      TargetState = "inactive"
	TargetPaused        TargetState = "paused"
	TargetChatsExceeded TargetState = "chats_exceeded"
)

// AgentTarget is an agent a chat may be transferred or handed to.
type AgentTarget struct {
	ID              int64              `json:"id"`
	Name            string             `json:"name"`
	Status          parley.AgentStatus `json:"status"`
	PauseReasonID   int64              `json:"pause_reason_id,omitempty"`
	State           TargetState        `json:"state"`
	ChatsInProgress int                `json:"chats_in_progress"`
	ChatLimit       int                `json:"chat_limit"`
	Online          bool               `json:"online"`
	// Selectable is false for an agent whose chats are exceeded.
	Selectable bool `json:"selectable"`
}

// QueueTarget is a queue a chat may be transferred to.
type QueueTarget struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// Agents counts the queue's enabled members besides the chat's owner; a
	// queue is selectable when there is at least one.
	Agents     int  `json:"agents"`
	Selectable bool `json:"selectable"`
}

// TransferTargets is every queue and agent a chat may go to, agents in the order of R2.15.
type TransferTargets struct {
	Queues []QueueTarget `json:"queues"`
	Agents []AgentTarget `json:"agents"`
}

// OwnerCandidates is the agents a chat may be handed to, in the order of R2.15.
type OwnerCandidates struct {
	Agents []AgentTarget `json:"agents"`
}

// TransferTargets lists where the viewer may transfer a chat they can see.
func (s *Service) TransferTargets(ctx context.Context, v parley.Viewer, chatID int64) (TransferTargets, error) {
	c, err := s.visibleChat(ctx, s.store, v, chatID)
	if err != nil {
		return TransferTargets{}, err
	}
	agents, err := s.agentTargets(ctx, s.store, c.OwnerID)
	if err != nil {
		return TransferTargets{}, err
	}
	queues, err := s.queueTargets(ctx, s.store, c.OwnerID)
	return TransferTargets{Queues: queues, Agents: agents}, err
}

// OwnerCandidates lists the agents the viewer may hand a chat they can see to.
func (s *Service) OwnerCandidates(ctx context.Context, v parley.Viewer, chatID int64) (OwnerCandidates, error) {
	c, err := s.visibleChat(ctx, s.store, v, chatID)
	if err != nil {
		return OwnerCandidates{}, err
	}
	agents, err := s.agentTargets(ctx, s.store, c.OwnerID)
	return OwnerCandidates{Agents: agents}, err
}

// agentTargets lists every enabled agent but the chat's owner: active first, then
// inactive and paused, by name within each (bots, when they come, go last).
func (s *Service) agentTargets(ctx context.Context, r parley.AgentReader, owner int64) ([]AgentTarget, error) {
	sums, err := s.agentSummaries(ctx, r)
	if err != nil {
		return nil, err
	}
	out := make([]AgentTarget, 0, len(sums))
	for _, a := range sums {
		if a.Disabled || a.ID == owner {
			continue
		}
		out = append(out, agentTarget(a))
	}
	slices.SortStableFunc(out, func(a, b AgentTarget) int {
		return cmp.Or(cmp.Compare(statusRank(a.Status), statusRank(b.Status)), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

func agentTarget(a parley.AgentSummary) AgentTarget {
	t := AgentTarget{ID: a.ID, Name: a.Name, Status: a.Status, PauseReasonID: a.PauseReasonID, State: TargetState(a.Status),
		ChatsInProgress: a.ChatsInProgress, ChatLimit: a.ChatLimit, Online: a.Online, Selectable: !a.ChatsExceeded}
	if a.ChatsExceeded {
		t.State = TargetChatsExceeded
	}
	return t
}

// statusRank orders R2.15's list: active agents, then the others.
func statusRank(s parley.AgentStatus) int {
	if s == parley.StatusActive {
		return 0
	}
	return 1
}

// queueTargets lists every queue with how many agents besides the owner could take a chat there.
func (s *Service) queueTargets(ctx context.Context, r parley.Reader, owner int64) ([]QueueTarget, error) {
	queues, err := r.Queues(ctx)
	if err != nil {
		return nil, err
	}
	agents, err := r.Agents(ctx)
	if err != nil {
		return nil, err
	}
	enabled := make(map[int64]bool, len(agents))
	for _, a := range agents {
		enabled[a.ID] = !a.Disabled
	}
	out := make([]QueueTarget, len(queues))
	for i, q := range queues {
		n := 0
		for _, m := range q.Members {
			if m != owner && enabled[m] {
				n++
			}
		}
		out[i] = QueueTarget{ID: q.ID, Name: q.Name, Agents: n, Selectable: n > 0}
	}
	return out, nil
}
