package realtime

import (
	"encoding/json"
	"fmt"
	"slices"

	"parley"
)

// viewerUpdate is what a queue.updated or agent.updated event changes in the viewers
// of agents: viewers follow the log, so a change applies from its own event onwards.
type viewerUpdate struct {
	queueID  int64
	members  []int64 // sorted; meaningful when queueID != 0
	agentID  int64
	role     parley.Role // meaningful when agentID != 0
	disabled bool        // the agent was deactivated: their subscriptions end
}

// parseViewerUpdate reads the change e makes to viewers; ok is false for other events.
func parseViewerUpdate(e parley.Event) (u viewerUpdate, ok bool, err error) {
	switch e.Kind {
	case parley.EventQueueUpdated:
		var q parley.Queue
		if err := json.Unmarshal(e.Data, &q); err != nil {
			return u, false, fmt.Errorf("decoding queue of event %d: %w", e.ID, err)
		}
		members := slices.Clone(q.Members)
		slices.Sort(members)
		return viewerUpdate{queueID: q.ID, members: members}, q.ID != 0, nil
	case parley.EventAgentUpdated:
		var a parley.Agent
		if err := json.Unmarshal(e.Data, &a); err != nil {
			return u, false, fmt.Errorf("decoding agent of event %d: %w", e.ID, err)
		}
		return viewerUpdate{agentID: a.ID, role: a.Role, disabled: a.Disabled}, a.ID != 0 && a.Role.Valid(), nil
	}
	return u, false, nil
}

// apply changes v as the update says; visitors have no queues or role.
func (u viewerUpdate) apply(v *parley.Viewer) {
	if v.IsVisitor() {
		return
	}
	if u.queueID != 0 {
		_, in := slices.BinarySearch(u.members, v.AgentID)
		setQueue(v, u.queueID, in)
	}
	if u.agentID != 0 && u.agentID == v.AgentID {
		v.Role = u.role
	}
}

// setQueue adds or removes queue id in v.Queues, keeping it sorted.
func setQueue(v *parley.Viewer, id int64, in bool) {
	i, found := slices.BinarySearch(v.Queues, id)
	switch {
	case in && !found:
		v.Queues = slices.Insert(v.Queues, i, id)
	case !in && found:
		v.Queues = slices.Delete(v.Queues, i, i+1)
	}
}

// roster remembers the memberships and roles the hub has seen in the log, up to last.
// A caller reads its viewer from the store a moment before Subscribe splits the log
// at last; a change committed in between would otherwise be missed for good.
type roster struct {
	queues map[int64][]int64
	roles  map[int64]parley.Role
}

func newRoster() roster {
	return roster{queues: make(map[int64][]int64), roles: make(map[int64]parley.Role)}
}

// learn records u as the latest state of its queue or agent.
func (r roster) learn(u viewerUpdate) {
	if u.queueID != 0 {
		r.queues[u.queueID] = u.members
	}
	if u.agentID != 0 {
		r.roles[u.agentID] = u.role
	}
}

// correct brings v up to date with every change seen; each change carries the whole
// state of its queue or agent, so replaying the latest ones is enough.
func (r roster) correct(v *parley.Viewer) {
	if v.IsVisitor() {
		return
	}
	for id, members := range r.queues {
		viewerUpdate{queueID: id, members: members}.apply(v)
	}
	if role, ok := r.roles[v.AgentID]; ok {
		v.Role = role
	}
}

// cloneViewer copies v so that the hub may change its queues without touching the caller's.
func cloneViewer(v parley.Viewer) parley.Viewer {
	v.Queues = slices.Clone(v.Queues)
	slices.Sort(v.Queues)
	return v
}
