package parley

import "slices"

// Viewer is who reads events and lists: an agent with what their role and rights
// let them see, or a visitor. The same rules are written in SQL by the store's
// chat scope and event filter; the authorization matrix test holds them together.
type Viewer struct {
	AgentID int64
	Role    Role
	// Rooms, when not nil, are the only rooms whose queues the viewer sees (R7.1); sorted.
	Rooms []int64
	// Queues are the queues whose chats the viewer sees, sorted: for an agent, those
	// they belong to in rooms they may see; for a supervisor limited to some rooms,
	// every queue of those rooms. Unused when SeesAllQueues.
	Queues []int64
	// Topics, when not nil, are the only listed topics whose chats the viewer sees
	// through a queue (R2.16), sorted. A chat with no listed topic is not limited.
	Topics []int64
	// Chats are the chats the viewer takes part in (R2.14), sorted. A participant
	// sees the chat whatever its queue and topic. Taking part is an explicit act
	// of a few chats a day, so the list stays short enough to carry.
	Chats []int64
	// SeesDeleted says the viewer holds a right over deleted chats, and may list them (R2.18).
	SeesDeleted bool
	IdentityID  int64 // set for a visitor, who sees only their own chats
}

// IsVisitor reports whether the viewer is a widget visitor.
func (v Viewer) IsVisitor() bool { return v.IdentityID != 0 }

// InQueue reports whether queue id is one of v.Queues.
func (v Viewer) InQueue(id int64) bool {
	_, ok := slices.BinarySearch(v.Queues, id)
	return ok
}

// SeesAllQueues reports whether the viewer sees every queue: admins, and
// supervisors whom no room right limits.
func (v Viewer) SeesAllQueues() bool {
	return v.Role == RoleAdmin || v.Role == RoleSupervisor && v.Rooms == nil
}

// SeesQueue reports whether the viewer sees the chats of queue id.
func (v Viewer) SeesQueue(id int64) bool { return v.SeesAllQueues() || v.InQueue(id) }

// SeesRoom reports whether the viewer may see room id (R7.1).
func (v Viewer) SeesRoom(id int64) bool {
	if v.Role == RoleAdmin || v.Rooms == nil {
		return true
	}
	_, ok := slices.BinarySearch(v.Rooms, id)
	return ok
}

// AllowsTopic reports whether the viewer may see chats of topic id (0: none listed).
func (v Viewer) AllowsTopic(id int64) bool {
	if id == 0 || v.Topics == nil || v.Role == RoleAdmin {
		return true
	}
	_, ok := slices.BinarySearch(v.Topics, id)
	return ok
}

// InChat reports whether the viewer takes part in chat id.
func (v Viewer) InChat(id int64) bool {
	_, ok := slices.BinarySearch(v.Chats, id)
	return ok
}

// CanSee reports whether the viewer may receive e.
func (v Viewer) CanSee(e Event) bool {
	if v.IsVisitor() {
		return e.Audience&AudienceVisitor != 0 && e.IdentityID == v.IdentityID
	}
	if e.Audience&AudienceStaffBits == 0 {
		return false
	}
	switch {
	case v.Role == RoleAdmin, e.Audience&AudienceStaff != 0:
		return true
	case e.Audience&AudienceAgent != 0 && e.AgentID == v.AgentID:
		return true
	case e.Audience&AudienceQueue != 0 && e.ChatID != 0 && v.InChat(e.ChatID):
		return true
	case !v.AllowsTopic(e.TopicID):
		return false
	case v.SeesAllQueues(): // as a supervisor, every agent's events too
		return true
	}
	return e.Audience&AudienceQueue != 0 && v.InQueue(e.QueueID)
}

// CanSeeChat reports whether the viewer may open chat c.
func (v Viewer) CanSeeChat(c Chat) bool {
	if v.IsVisitor() {
		return c.IdentityID == v.IdentityID
	}
	switch {
	case v.Role == RoleAdmin, c.OwnerID == v.AgentID, c.OfferedTo == v.AgentID, v.InChat(c.ID):
		return true
	}
	return v.AllowsTopic(c.TopicID) && v.SeesQueue(c.QueueID)
}
