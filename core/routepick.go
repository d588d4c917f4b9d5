package core

import (
	"cmp"
	"slices"

	"parley"
)

// pickAgent returns the index of the candidate to give a chat of q to, or -1: a free
// one (under their limit, R1.4) first in the queue's order. An agent who declined
// the chat is chosen only when nobody else is free.
func pickAgent(cands []parley.Candidate, q parley.Queue, declined []int64) int {
	first := leastBusyFirst
	if q.Routing == parley.RouteRoundRobin {
		first = roundRobinFirst(q.LastOffered)
	}
	best, bestDeclined := -1, -1
	for i, c := range cands {
		if !hasRoom(c, q) {
			continue
		}
		if slices.Contains(declined, c.AgentID) {
			if bestDeclined < 0 || first(c, cands[bestDeclined]) {
				bestDeclined = i
			}
			continue
		}
		if best < 0 || first(c, cands[best]) {
			best = i
		}
	}
	if best >= 0 {
		return best
	}
	return bestDeclined
}

// hasRoom reports whether the candidate is under their limit in the queue.
func hasRoom(c parley.Candidate, q parley.Queue) bool {
	return c.Load < parley.ChatLimit(c.ChatLimit, q.ChatLimit)
}

// leastBusyFirst orders candidates: least busy, then longest idle, then lowest id.
func leastBusyFirst(a, b parley.Candidate) bool {
	if a.Load != b.Load {
		return a.Load < b.Load
	}
	if c := a.LastAssignedAt.Compare(b.LastAssignedAt); c != 0 {
		return c < 0
	}
	return cmp.Less(a.AgentID, b.AgentID)
}

// roundRobinFirst orders candidates by id, starting after the last one offered and
// wrapping around, whatever their load.
func roundRobinFirst(last int64) func(a, b parley.Candidate) bool {
	return func(a, b parley.Candidate) bool {
		aWrapped, bWrapped := a.AgentID <= last, b.AgentID <= last
		if aWrapped != bWrapped {
			return bWrapped
		}
		return a.AgentID < b.AgentID
	}
}
