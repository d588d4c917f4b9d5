package core

import (
	"cmp"
	"context"
	"slices"
	"time"

	"parley"
)

// StatusTime is the time an agent spent in each status over a period (R1.3).
type StatusTime struct {
	AgentID int64            `json:"agent_id"`
	From    time.Time        `json:"from"`
	To      time.Time        `json:"to"`
	Items   []StatusTimeItem `json:"items"`
}

// StatusTimeItem is the time spent in one status, or in a pause for one reason.
type StatusTimeItem struct {
	Status        parley.AgentStatus `json:"status"`
	PauseReasonID int64              `json:"pause_reason_id,omitempty"`
	Seconds       float64            `json:"seconds"`
}

// maxReportPeriod bounds a report's period, so that one request reads a bounded history.
const maxReportPeriod = 366 * 24 * time.Hour

// StatusTime reports an agent's time per status and pause reason over [from, to):
// supervisors and admins for anyone, agents for themselves. Intervals are clipped
// to the period, and the open one counts up to now.
func (s *Service) StatusTime(ctx context.Context, by parley.Agent, agentID int64, from, to time.Time) (StatusTime, error) {
	if by.ID != agentID && !by.Role.SeesAll() {
		return StatusTime{}, parley.Errorf(parley.CodeForbidden, "only a supervisor may see another agent's times")
	}
	if !from.Before(to) {
		return StatusTime{}, parley.Errorf(parley.CodeInvalid, "from must be before to")
	}
	if to.Sub(from) > maxReportPeriod {
		return StatusTime{}, parley.Errorf(parley.CodeInvalid, "the period may be at most 366 days")
	}
	if _, err := s.store.Agent(ctx, agentID); err != nil {
		return StatusTime{}, err
	}
	ivs, err := s.store.StatusIntervals(ctx, agentID, from, to)
	if err != nil {
		return StatusTime{}, err
	}
	return StatusTime{AgentID: agentID, From: from, To: to, Items: SumStatusTime(ivs, from, to, s.clock.Now())}, nil
}

// SumStatusTime adds up the intervals' time per status and pause reason within
// [from, to), counting an open interval up to now. Items come in a fixed order:
// active, inactive, then pauses by reason id.
func SumStatusTime(ivs []parley.StatusInterval, from, to, now time.Time) []StatusTimeItem {
	type key struct {
		status parley.AgentStatus
		reason int64
	}
	sums := map[key]time.Duration{}
	for _, iv := range ivs {
		end := now
		if iv.EndedAt != nil {
			end = *iv.EndedAt
		}
		start := latest(iv.StartedAt, from)
		if end.After(to) {
			end = to
		}
		if end.After(start) {
			sums[key{iv.Status, iv.PauseReasonID}] += end.Sub(start)
		}
	}
	items := make([]StatusTimeItem, 0, len(sums))
	for k, d := range sums {
		items = append(items, StatusTimeItem{Status: k.status, PauseReasonID: k.reason, Seconds: d.Seconds()})
	}
	rank := map[parley.AgentStatus]int{parley.StatusActive: 0, parley.StatusInactive: 1, parley.StatusPaused: 2}
	slices.SortFunc(items, func(a, b StatusTimeItem) int {
		return cmp.Or(cmp.Compare(rank[a.Status], rank[b.Status]), cmp.Compare(a.PauseReasonID, b.PauseReasonID))
	})
	return items
}

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
