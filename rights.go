package parley

import "slices"

// AgentRights are what an agent may see and do beyond their role. Admins hold
// every right whatever these say.
type AgentRights struct {
	// Rooms, when not nil, are the only rooms whose chats the agent sees (R7.1);
	// nil is every room, an empty list none.
	Rooms []int64 `json:"rooms"`
	// Topics, when not nil, are the only listed topics whose chats the agent sees
	// through a queue (R2.16); chats without a listed topic are seen by all.
	Topics []int64 `json:"topics"`
	// The three rights of R2.18, granted separately.
	DeleteChats  bool `json:"delete_chats"`
	RestoreChats bool `json:"restore_chats"`
	PurgeChats   bool `json:"purge_chats"`
}

// Normalized returns the rights with their lists sorted and without repeats,
// keeping nil apart from empty.
func (r AgentRights) Normalized() AgentRights {
	norm := func(ids []int64) []int64 {
		if ids == nil {
			return nil
		}
		out := slices.Clone(ids)
		slices.Sort(out)
		return slices.Compact(out)
	}
	r.Rooms, r.Topics = norm(r.Rooms), norm(r.Topics)
	return r
}

// ChatRight names one of the rights of R2.18.
type ChatRight string

// The rights over deleted chats.
const (
	RightDeleteChats  ChatRight = "delete_chats"
	RightRestoreChats ChatRight = "restore_chats"
	RightPurgeChats   ChatRight = "purge_chats"
)

// Has reports whether agent a holds right r.
func (a Agent) Has(r ChatRight) bool {
	if a.Role == RoleAdmin {
		return true
	}
	switch r {
	case RightDeleteChats:
		return a.Rights.DeleteChats
	case RightRestoreChats:
		return a.Rights.RestoreChats
	case RightPurgeChats:
		return a.Rights.PurgeChats
	}
	return false
}

// SeesDeleted reports whether a may list deleted chats: any right over them will do.
func (a Agent) SeesDeleted() bool {
	return a.Has(RightDeleteChats) || a.Has(RightRestoreChats) || a.Has(RightPurgeChats)
}
