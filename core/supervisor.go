package core

import (
	"context"
	"time"

	"parley"
)

// SupervisorView is the team at a glance: every queue's load and every agent's
// status and load, as of At.
type SupervisorView struct {
	At     time.Time       `json:"at"`
	Queues []QueueOverview `json:"queues"`
	Agents []AgentOverview `json:"agents"`
}

// QueueOverview is a queue's load now.
type QueueOverview struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Priority int    `json:"priority"`
	Waiting  int    `json:"waiting"`
	// LongestWait is how long the oldest waiting chat has waited, in seconds, from
	// its last change of state; 0 when nothing waits.
	LongestWait float64 `json:"longest_wait"`
	InProgress  int     `json:"in_progress"`
}

// AgentOverview is an agent's status and load now.
type AgentOverview struct {
	ID            int64              `json:"id"`
	Name          string             `json:"name"`
	Role          parley.Role        `json:"role"`
	Status        parley.AgentStatus `json:"status"`
	PauseReasonID int64              `json:"pause_reason_id,omitempty"`
	PauseReason   string             `json:"pause_reason,omitempty"`
	// StatusChangedAt and TimeInStatus (seconds up to At) say how long the status has held.
	StatusChangedAt time.Time `json:"status_changed_at"`
	TimeInStatus    float64   `json:"time_in_status"`
	ChatsInProgress int       `json:"chats_in_progress"`
	ChatLimit       int       `json:"chat_limit"`
	ChatsExceeded   bool      `json:"chats_exceeded"`
	Online          bool      `json:"online"`
}

// Supervisor returns the supervisor view (supervisors and admins). Supervisors see
// every queue, as they see every chat. The reads are grouped: their number does
// not grow with the number of agents or queues.
func (s *Service) Supervisor(ctx context.Context, by parley.Agent) (SupervisorView, error) {
	if !by.Role.SeesAll() {
		return SupervisorView{}, parley.Errorf(parley.CodeForbidden, "only supervisors and admins see the supervisor view")
	}
	queues, err := s.queueOverviews(ctx)
	if err != nil {
		return SupervisorView{}, err
	}
	agents, err := s.agentOverviews(ctx)
	if err != nil {
		return SupervisorView{}, err
	}
	return SupervisorView{At: s.clock.Now(), Queues: queues, Agents: agents}, nil
}

func (s *Service) queueOverviews(ctx context.Context) ([]QueueOverview, error) {
	queues, err := s.store.Queues(ctx)
	if err != nil {
		return nil, err
	}
	loads, err := s.store.QueueLoads(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]parley.QueueLoad, len(loads))
	for _, l := range loads {
		byID[l.QueueID] = l
	}
	now := s.clock.Now()
	out := make([]QueueOverview, len(queues))
	for i, q := range queues {
		l := byID[q.ID]
		out[i] = QueueOverview{ID: q.ID, Name: q.Name, Priority: q.Priority, Waiting: l.Waiting, InProgress: l.InProgress}
		if l.Waiting > 0 {
			out[i].LongestWait = secondsSince(l.OldestWaitingAt, now)
		}
	}
	return out, nil
}

// agentOverviews lists the agents who can work: deactivated agents are left out.
func (s *Service) agentOverviews(ctx context.Context) ([]AgentOverview, error) {
	sums, err := s.AgentSummaries(ctx)
	if err != nil {
		return nil, err
	}
	reasons, err := s.store.PauseReasons(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(reasons))
	for _, r := range reasons {
		names[r.ID] = r.Name
	}
	now := s.clock.Now()
	out := make([]AgentOverview, 0, len(sums))
	for _, a := range sums {
		if a.Disabled {
			continue
		}
		out = append(out, AgentOverview{ID: a.ID, Name: a.Name, Role: a.Role, Status: a.Status,
			PauseReasonID: a.PauseReasonID, PauseReason: names[a.PauseReasonID],
			StatusChangedAt: a.StatusChangedAt, TimeInStatus: secondsSince(a.StatusChangedAt, now),
			ChatsInProgress: a.ChatsInProgress, ChatLimit: a.ChatLimit, ChatsExceeded: a.ChatsExceeded, Online: a.Online})
	}
	return out, nil
}

// secondsSince is the whole seconds from t to now, never negative: clocks of
// several nodes may disagree a little.
func secondsSince(t, now time.Time) float64 {
	if d := now.Sub(t); d > 0 {
		return d.Truncate(time.Second).Seconds()
	}
	return 0
}
