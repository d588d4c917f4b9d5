package realtime

import (
	"slices"

	"parley"
)

// staffIndex narrows the agent subscriptions that an event for a queue or an
// agent may concern to those who see every queue, the members of the queue and
// the participants of the chat, so that such an event costs its readers rather
// than every agent connected.
// It only picks candidates: CanSee still decides. It mirrors the viewers of
// h.agents, so the hub drops it whenever an event changes viewers and builds
// it again when next needed; between changes, add and remove keep it current.
type staffIndex struct {
	all    []*Subscription
	queues map[int64][]*Subscription
	chats  map[int64][]*Subscription // participants, by chat
}

// staffIndex returns the index, building it if needed. The caller holds h.mu.
func (h *Hub) staffIndex() *staffIndex {
	if h.staff == nil {
		h.staff = &staffIndex{queues: make(map[int64][]*Subscription), chats: make(map[int64][]*Subscription)}
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
	if s.viewer.SeesAllQueues() {
		x.all = append(x.all, s)
	}
	for _, id := range s.viewer.Queues {
		x.queues[id] = append(x.queues[id], s)
	}
	for _, id := range s.viewer.Chats {
		x.chats[id] = append(x.chats[id], s)
	}
}

// remove unindexes s, which must have the viewer it was indexed with.
func (x *staffIndex) remove(s *Subscription) {
	if s.viewer.SeesAllQueues() {
		x.all = without(x.all, s)
	}
	unindex(x.queues, s.viewer.Queues, s)
	unindex(x.chats, s.viewer.Chats, s)
}

// unindex removes s from idx under each of the keys.
func unindex(idx map[int64][]*Subscription, keys []int64, s *Subscription) {
	for _, id := range keys {
		if subs := without(idx[id], s); len(subs) > 0 {
			idx[id] = subs
		} else {
			delete(idx, id)
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
	var groups [4][]*Subscription
	groups[0] = x.all
	if e.Audience&parley.AudienceAgent != 0 {
		groups[1] = h.agents[e.AgentID]
	}
	if e.Audience&parley.AudienceQueue != 0 {
		groups[2] = x.queues[e.QueueID]
		groups[3] = x.chats[e.ChatID]
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
