package realtime

import (
	"slices"

	"parley"
)

// staffIndex narrows the agent subscriptions that an event for a queue or an
// agent may concern to those who see everything and the members of the queue,
// so that such an event costs its readers rather than every agent connected.
// It only picks candidates: CanSee still decides. It mirrors the viewers of
// h.agents, so the hub drops it whenever an event changes viewers and builds
// it again when next needed; between changes, add and remove keep it current.
type staffIndex struct {
	all    []*Subscription
	queues map[int64][]*Subscription
}

// staffIndex returns the index, building it if needed. The caller holds h.mu.
func (h *Hub) staffIndex() *staffIndex {
	if h.staff == nil {
		h.staff = &staffIndex{queues: make(map[int64][]*Subscription)}
		for _, subs := range h.agents {
			for _, s := range subs {
				h.staff.add(s)
			}
		}
	}
	return h.staff
}

// add indexes s by its viewer.
func (x *staffIndex) add(s *Subscription) {
	if s.viewer.Role.SeesAll() {
		x.all = append(x.all, s)
	}
	for _, id := range s.viewer.Queues {
		x.queues[id] = append(x.queues[id], s)
	}
}

// remove unindexes s, which must have the viewer it was indexed with.
func (x *staffIndex) remove(s *Subscription) {
	if s.viewer.Role.SeesAll() {
		x.all = without(x.all, s)
	}
	for _, id := range s.viewer.Queues {
		if subs := without(x.queues[id], s); len(subs) > 0 {
			x.queues[id] = subs
		} else {
			delete(x.queues, id)
		}
	}
}

// without returns subs less s, in a new slice as Hub.remove makes.
func without(subs []*Subscription, s *Subscription) []*Subscription {
	if i := slices.Index(subs, s); i >= 0 {
		return append(subs[:i:i], subs[i+1:]...)
	}
	return subs
}

// pushToConcerned queues q's event, which is for a queue or an agent but not
// for all staff, to the agents who may see it, and returns slow with those found
// too slow added. The caller holds h.mu.
func (h *Hub) pushToConcerned(q *queued, slow []*Subscription) []*Subscription {
	e := q.event
	x := h.staffIndex()
	var groups [3][]*Subscription
	groups[0] = x.all
	if e.Audience&parley.AudienceAgent != 0 {
		groups[1] = h.agents[e.AgentID]
	}
	if e.Audience&parley.AudienceQueue != 0 {
		groups[2] = x.queues[e.QueueID]
	}
	// An agent may be in several groups; the mark keeps to one push each.
	h.visit++
	for _, subs := range groups {
		for _, s := range subs {
			if s.visited == h.visit {
				continue
			}
			s.visited = h.visit
			if s.viewer.CanSee(e) && !h.push(s, q) {
				slow = append(slow, s)
			}
		}
	}
	return slow
}
