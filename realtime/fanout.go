package realtime

import (
	"slices"

	"parley"
)

// fanOut queues e for every subscription that may see it, first applying the change
// it makes to viewers, if any. The caller holds h.mu.
func (h *Hub) fanOut(e parley.Event) {
	u, changes, err := parseViewerUpdate(e)
	if err != nil {
		h.log.Error("realtime: event does not update viewers", "err", err)
	}
	// Only the log changes viewers: an ephemeral event has no place in it.
	changes = changes && e.ID != 0
	if changes {
		h.roster.learn(u)
		h.staff = nil // before any viewer changes or any subscription goes
	}
	var slow, stale []*Subscription
	q := &queued{event: e}
	if e.Audience&parley.AudienceVisitor != 0 {
		for _, s := range h.visitors[e.IdentityID] {
			if s.viewer.CanSee(e) && !h.push(s, q) {
				slow = append(slow, s)
			}
		}
	}
	switch {
	case changes || e.Audience&parley.AudienceStaff != 0:
		slow, stale = h.pushToAgents(q, u, changes, slow)
	case e.Audience&parley.AudienceStaffBits != 0:
		slow = h.pushToConcerned(q, slow)
	}
	for _, s := range slow {
		h.log.Info("realtime: subscriber too slow, closed", "agent", s.viewer.AgentID, "identity", s.viewer.IdentityID)
		h.remove(s)
		s.close(ErrTooSlow)
	}
	for _, s := range stale {
		h.remove(s)
		s.close(ErrViewChanged)
	}
	if changes && u.disabled {
		h.revoke(u.agentID)
	}
}

// pushToAgents visits every agent subscription, applying u to its viewer when
// the event changes viewers, and queues q's event for those who may see it. It
// returns slow with those found too slow added, and the subscriptions whose
// viewers the change made stale. The caller holds h.mu.
func (h *Hub) pushToAgents(q *queued, u viewerUpdate, changes bool, slow []*Subscription) (_, stale []*Subscription) {
	e := q.event
	// Agents are visited for a change of viewers even when they may not see it.
	for _, subs := range h.agents {
		for _, s := range subs {
			see := s.viewer.CanSee(e)
			if changes {
				if u.apply(&s.viewer) {
					// It resumes after reconnecting, with a viewer read afresh.
					stale = append(stale, s)
					continue
				}
				// Whoever gained or lost access by this event learns of it.
				see = see || s.viewer.CanSee(e)
			}
			if see && !h.push(s, q) {
				slow = append(slow, s)
			}
		}
	}
	return slow, stale
}

// revoke ends every subscription of a deactivated agent. The caller holds h.mu.
func (h *Hub) revoke(agentID int64) {
	for _, s := range slices.Clone(h.agents[agentID]) {
		h.remove(s)
		s.close(ErrRevoked)
	}
}

// push queues q's event for s unless s already has it from its catch-up; false
// means s is too slow. The frame is encoded at the first push and shared by the
// others. The caller holds h.mu.
func (h *Hub) push(s *Subscription, q *queued) bool {
	if q.event.ID != 0 && q.event.ID <= s.after {
		return true
	}
	if q.frame == nil {
		q.frame = eventFrameJSON(q.event)
	}
	return s.enqueue(*q, h.opts.MaxPending)
}

// add registers s. The caller holds h.mu.
func (h *Hub) add(s *Subscription) {
	idx, key := h.index(s)
	idx[key] = append(idx[key], s)
	h.count++
	if h.staff != nil && !s.viewer.IsVisitor() {
		h.staff.add(s)
	}
}

// remove unregisters s and reports whether it was registered. The caller holds h.mu.
func (h *Hub) remove(s *Subscription) bool {
	idx, key := h.index(s)
	subs := idx[key]
	for i, x := range subs {
		if x == s {
			if len(subs) == 1 {
				delete(idx, key)
			} else {
				idx[key] = append(subs[:i:i], subs[i+1:]...)
			}
			h.count--
			if h.staff != nil && !s.viewer.IsVisitor() {
				h.staff.remove(s)
			}
			return true
		}
	}
	return false
}

// index returns the map and key that hold s.
func (h *Hub) index(s *Subscription) (map[int64][]*Subscription, int64) {
	if s.viewer.IsVisitor() {
		return h.visitors, s.viewer.IdentityID
	}
	return h.agents, s.viewer.AgentID
}
