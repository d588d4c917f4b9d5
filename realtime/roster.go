package realtime

import (
	"encoding/json"
	"fmt"
	"slices"

	"parley"
)

// viewerUpdate is what a queue.updated, agent.updated or chat.participants event
// changes in the viewers of agents: viewers follow the log, so a change applies
// from its own event onwards.
type viewerUpdate struct {
	queueID int64
	members []int64 // sorted; meaningful when queueID != 0
	roomID  int64   // the queue's room
	agentID int64
	role    parley.Role        // meaningful when agentID != 0
	rights  parley.AgentRights // normalized; meaningful when agentID != 0
	// disabled says the agent was deactivated: their subscriptions end.
	disabled     bool
	chatID       int64
	participants []int64 // sorted; meaningful when chatID != 0
}

// parseViewerUpdate reads the change e makes to viewers; ok is false for other events.
func parseViewerUpdate(e parley.Event) (u viewerUpdate, ok bool, err error) {
	switch e.Kind {
	case parley.EventQueueUpdated:
		var q parley.Queue
		if err := json.Unmarshal(e.Data, &q); err != nil {
			return u, false, fmt.Errorf("decoding queue of event %d: %w", e.ID, err)
		}
		return viewerUpdate{queueID: q.ID, members: sorted(q.Members), roomID: q.RoomID}, q.ID != 0, nil
	case parley.EventAgentUpdated:
		var a parley.Agent
		if err := json.Unmarshal(e.Data, &a); err != nil {
			return u, false, fmt.Errorf("decoding agent of event %d: %w", e.ID, err)
		}
		u := viewerUpdate{agentID: a.ID, role: a.Role, rights: a.Rights.Normalized(), disabled: a.Disabled}
		return u, a.ID != 0 && a.Role.Valid(), nil
	case parley.EventChatParticipants:
		var p parley.Participants
		if err := json.Unmarshal(e.Data, &p); err != nil {
			return u, false, fmt.Errorf("decoding participants of event %d: %w", e.ID, err)
		}
		return viewerUpdate{chatID: p.ChatID, participants: sorted(p.Participants)}, p.ChatID != 0, nil
	}
	return u, false, nil
}

func sorted(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// apply changes v as the update says, and reports whether v is stale: a change
// of the agent's rooms, or of the role of an agent limited to rooms, needs the
// store to work out their queues again, so the subscription must start over.
// Visitors have no queues or role.
func (u viewerUpdate) apply(v *parley.Viewer) (stale bool) {
	if v.IsVisitor() {
		return false
	}
	if u.queueID != 0 {
		_, in := slices.BinarySearch(u.members, v.AgentID)
		if v.Rooms != nil { // a supervisor limited to rooms sees all of theirs
			in = (in || v.Role == parley.RoleSupervisor) && v.SeesRoom(u.roomID)
		}
		setID(&v.Queues, u.queueID, in)
	}
	if u.chatID != 0 {
		_, in := slices.BinarySearch(u.participants, v.AgentID)
		setID(&v.Chats, u.chatID, in)
	}
	if u.agentID != 0 && u.agentID == v.AgentID {
		rooms, topics := u.rights.Rooms, u.rights.Topics
		if u.role == parley.RoleAdmin { // admins hold every right
			rooms, topics = nil, nil
		}
		// Without rooms, a viewer's queues are their memberships whatever the role.
		if !sameIDs(rooms, v.Rooms) || v.Rooms != nil && u.role != v.Role {
			return true
		}
		v.Role, v.Topics = u.role, topics
	}
	return false
}

// sameIDs reports whether a and b are the same list, nil (every one) apart from empty (none).
func sameIDs(a, b []int64) bool { return (a == nil) == (b == nil) && slices.Equal(a, b) }

// setID adds or removes id in the sorted ids.
func setID(ids *[]int64, id int64, in bool) {
	i, found := slices.BinarySearch(*ids, id)
	switch {
	case in && !found:
		*ids = slices.Insert(*ids, i, id)
	case !in && found:
		*ids = slices.Delete(*ids, i, i+1)
	}
}

// rosterChats bounds how many chats' participants the roster remembers: it
// corrects viewers read a moment before they subscribe, so the latest changes
// are all it needs.
const rosterChats = 4096

// roster remembers the memberships, roles, rights and participants the hub has
// seen in the log, up to last. A caller reads its viewer from the store a moment
// before Subscribe splits the log at last; a change committed in between would
// otherwise be missed for good.
type roster struct {
	queues    map[int64]viewerUpdate
	agents    map[int64]viewerUpdate
	chats     map[int64]viewerUpdate
	chatOrder []int64 // the chats' keys, oldest change first
}

func newRoster() roster {
	return roster{queues: make(map[int64]viewerUpdate), agents: make(map[int64]viewerUpdate), chats: make(map[int64]viewerUpdate)}
}

// learn records u as the latest state of its queue, agent or chat.
func (r *roster) learn(u viewerUpdate) {
	switch {
	case u.queueID != 0:
		r.queues[u.queueID] = u
	case u.agentID != 0:
		r.agents[u.agentID] = u
	case u.chatID != 0:
		if _, known := r.chats[u.chatID]; !known {
			r.chatOrder = append(r.chatOrder, u.chatID)
		}
		r.chats[u.chatID] = u
		if len(r.chatOrder) > rosterChats {
			delete(r.chats, r.chatOrder[0])
			r.chatOrder = slices.Delete(r.chatOrder, 0, 1)
		}
	}
}

// correct brings v up to date with every change seen, and reports whether v is
// stale (see viewerUpdate.apply). Each change carries the whole state of its
// queue, agent or chat, so replaying the latest ones is enough.
func (r *roster) correct(v *parley.Viewer) (stale bool) {
	if v.IsVisitor() {
		return false
	}
	if u, ok := r.agents[v.AgentID]; ok && u.apply(v) {
		return true
	}
	for _, u := range r.queues {
		u.apply(v)
	}
	for _, u := range r.chats {
		u.apply(v)
	}
	return false
}

// cloneViewer copies v so that the hub may change its lists without touching the caller's.
func cloneViewer(v parley.Viewer) parley.Viewer {
	v.Queues, v.Chats = sorted(v.Queues), sorted(v.Chats)
	norm := parley.AgentRights{Rooms: v.Rooms, Topics: v.Topics}.Normalized()
	v.Rooms, v.Topics = norm.Rooms, norm.Topics
	return v
}
