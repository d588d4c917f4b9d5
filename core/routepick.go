package core

import (
	"cmp"
	"slices"

	"parley"
)

// pickAgent returns the index of the candidate to give a chat of q to, or -1: a free
// one (under their limit, R1.4) who has not passed on the chat in this round, first
// in the queue's order. Decline passes a chat to the next agent (R2.3), never back
// to the one who declined it: that waits for the next round (awaitNewRound).
func pickAgent(cands []parley.Candidate, q parley.Queue, declined []int64) int {
	first := leastBusyFirst
	if q.Routing == parley.RouteRoundRobin {
		first = roundRobinFirst(q.LastOffered)
	}
	best := -1
	for i, c := range cands {
		if !hasRoom(c, q) || slices.Contains(declined, c.AgentID) {
			continue
		}
		if best < 0 || first(c, cands[best]) {
			best = i
		}
	}
	return best
}

// totalRoom counts the places free in the queue over all candidates.
func totalRoom(cands []parley.Candidate, q parley.Queue) int {
	n := 0
	for _, c := range cands {
		n += max(0, parley.ChatLimit(c.ChatLimit, q.ChatLimit)-c.Load)
	}
	return n
}

// anyHasRoom reports whether any candidate is under their limit in the queue.
func anyHasRoom(cands []parley.Candidate, q parley.Queue) bool {
	return slices.ContainsFunc(cands, func(c parley.Candidate) bool { return hasRoom(c, q) })
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
