package realtime

import (
	"encoding/json"
	"slices"
	"testing"

	"parley"
	"parley/realtime/realtimetest"
)

// audienceLog is one event of each kind of audience, then an end marker for
// staff and visitor 10 (id 10) and one for visitor 11 (id 11).
func audienceLog() []parley.Event {
	const (
		vis   = parley.AudienceVisitor
		queue = parley.AudienceQueue
		agent = parley.AudienceAgent
		all   = parley.AudienceStaff
	)
	return []parley.Event{
		{Audience: queue, QueueID: 1, IdentityID: 10}, // 1
		{Audience: queue, QueueID: 2, IdentityID: 11}, // 2
		{Audience: agent, AgentID: 1, QueueID: 2},     // 3
		{Audience: all},                                               // 4
		{Audience: vis, IdentityID: 10},                               // 5
		{Audience: vis, IdentityID: 11},                               // 6
		{Audience: vis | queue, QueueID: 1, IdentityID: 10},           // 7
		{Audience: 0, QueueID: 1, AgentID: 1, IdentityID: 10},         // 8: nobody
		{Audience: agent, AgentID: 2, QueueID: 1},                     // 9
		{Audience: vis | all, IdentityID: 10, Kind: "test.end"},       // 10
		{Audience: vis, IdentityID: 11, Kind: "test.end", QueueID: 1}, // 11
	}
}

func TestFanOutFiltersByViewer(t *testing.T) {
	cases := []struct {
		name   string
		viewer parley.Viewer
		want   []int64
	}{
		{"visitor 10", parley.Viewer{IdentityID: 10}, []int64{5, 7, 10}},
		{"visitor 11", parley.Viewer{IdentityID: 11}, []int64{6, 11}},
		{"agent in queue 1", parley.Viewer{AgentID: 1, Role: parley.RoleAgent, Queues: []int64{1}}, []int64{1, 3, 4, 7, 10}},
		{"agent in queue 2", parley.Viewer{AgentID: 2, Role: parley.RoleAgent, Queues: []int64{2}}, []int64{2, 4, 9, 10}},
		{"agent in no queue", parley.Viewer{AgentID: 3, Role: parley.RoleAgent}, []int64{4, 10}},
		{"supervisor", parley.Viewer{AgentID: 4, Role: parley.RoleSupervisor}, []int64{1, 2, 3, 4, 7, 9, 10}},
		{"admin", parley.Viewer{AgentID: 5, Role: parley.RoleAdmin}, []int64{1, 2, 3, 4, 7, 9, 10}},
	}
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{})
	live := make([]*Subscription, len(cases))
	for i, c := range cases {
		live[i] = subscribe(t, h, c.viewer, -1)
	}
	h.Deliver(log.Append(audienceLog()...))
	for i, c := range cases {
		end := c.want[len(c.want)-1]
		if got := readUntil(t, live[i], end); !slices.Equal(got, c.want) {
			t.Errorf("%s live: got %v, want %v", c.name, got, c.want)
		}
		// The same from the store, as after a reconnect.
		if got := readUntil(t, subscribe(t, h, c.viewer, 0), end); !slices.Equal(got, c.want) {
			t.Errorf("%s catch-up: got %v, want %v", c.name, got, c.want)
		}
	}
}

func queueUpdated(t *testing.T, aud parley.Audience, id int64, members ...int64) parley.Event {
	t.Helper()
	e := parley.NewEvent(parley.EventQueueUpdated, aud, parley.Queue{ID: id, Members: members})
	e.QueueID = id
	return e
}

func agentUpdated(t *testing.T, id int64, role parley.Role) parley.Event {
	t.Helper()
	e := parley.NewEvent(parley.EventAgentUpdated, parley.AudienceAgent, parley.Agent{ID: id, Role: role})
	e.AgentID = id
	return e
}

func inQueue(q int64) parley.Event {
	return parley.Event{Kind: parley.EventChatCreated, Audience: parley.AudienceQueue, QueueID: q, Data: json.RawMessage(`{}`)}
}

func TestQueueUpdatedChangesWhatAnAgentGets(t *testing.T) {
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{})
	agent := subscribe(t, h, parley.Viewer{AgentID: 1, Role: parley.RoleAgent, Queues: []int64{1}}, -1)
	other := subscribe(t, h, parley.Viewer{AgentID: 2, Role: parley.RoleAgent, Queues: []int64{2}}, -1)
	h.Deliver(log.Append(
		inQueue(2), // 1: not agent 1's queue yet
		queueUpdated(t, parley.AudienceQueue, 2, 1, 2), // 2: agent 1 joins queue 2
		inQueue(2), // 3
		queueUpdated(t, parley.AudienceQueue, 2, 2), // 4: agent 1 leaves, and is told
		inQueue(2), // 5
		inQueue(1), // 6: queue 1 is untouched
	))
	if got := readUntil(t, agent, 6); !slices.Equal(got, []int64{2, 3, 4, 6}) {
		t.Errorf("agent 1 got %v, want [2 3 4 6]", got)
	}
	if got := readUntil(t, other, 5); !slices.Equal(got, []int64{1, 2, 3, 4, 5}) {
		t.Errorf("agent 2 got %v, want 1..5", got)
	}
}

func TestAgentUpdatedChangesTheRole(t *testing.T) {
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{})
	s := subscribe(t, h, parley.Viewer{AgentID: 1, Role: parley.RoleAgent}, -1)
	h.Deliver(log.Append(
		inQueue(3), // 1
		agentUpdated(t, 2, parley.RoleSupervisor), // 2: someone else
		inQueue(3), // 3
		agentUpdated(t, 1, parley.RoleSupervisor), // 4: promoted
		inQueue(3),                           // 5
		agentUpdated(t, 1, parley.RoleAgent), // 6: and back
		inQueue(3),                           // 7
		staff(parley.EventChatCreated),       // 8
	))
	if got := readUntil(t, s, 8); !slices.Equal(got, []int64{4, 5, 6, 8}) {
		t.Errorf("got %v, want [4 5 6 8]", got)
	}
}

func TestSubscribeBringsAStaleViewerUpToDate(t *testing.T) {
	// The caller read the agent's queues just before agent 1 joined queue 2
	// and was promoted, and subscribes just after.
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{})
	watch := subscribe(t, h, supervisor(), -1)
	h.Deliver(log.Append(queueUpdated(t, parley.AudienceStaff, 2, 1), agentUpdated(t, 3, parley.RoleAdmin)))
	readUntil(t, watch, 2)
	joined := subscribe(t, h, parley.Viewer{AgentID: 1, Role: parley.RoleAgent}, -1)
	promoted := subscribe(t, h, parley.Viewer{AgentID: 3, Role: parley.RoleAgent}, -1)
	h.Deliver(log.Append(inQueue(2), inQueue(5), staff(parley.EventChatCreated)))
	if got := readUntil(t, joined, 5); !slices.Equal(got, []int64{3, 5}) {
		t.Errorf("agent who joined got %v, want [3 5]", got)
	}
	if got := readUntil(t, promoted, 5); !slices.Equal(got, []int64{3, 4, 5}) {
		t.Errorf("agent promoted got %v, want [3 4 5]", got)
	}
}
