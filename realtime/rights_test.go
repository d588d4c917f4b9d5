package realtime

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"parley"
	"parley/realtime/realtimetest"
)

func participants(t *testing.T, chatID int64, agents ...int64) parley.Event {
	t.Helper()
	return parley.NewEvent(parley.EventChatParticipants, parley.AudienceQueue|parley.AudienceAgent,
		parley.Participants{ChatID: chatID, Participants: agents})
}

func inChat(chatID, queueID, topicID int64) parley.Event {
	return parley.Event{Kind: parley.EventMessageCreated, Audience: parley.AudienceQueue, ChatID: chatID,
		QueueID: queueID, TopicID: topicID, Data: json.RawMessage(`{}`)}
}

func withChat(e parley.Event, chatID, queueID int64) parley.Event {
	e.ChatID, e.QueueID = chatID, queueID
	return e
}

func TestParticipantsFollowTheLog(t *testing.T) {
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{})
	guest := subscribe(t, h, parley.Viewer{AgentID: 1, Role: parley.RoleAgent}, -1)
	h.Deliver(log.Append(
		inChat(7, 3, 0),                          // 1: not theirs
		withChat(participants(t, 7, 1, 2), 7, 3), // 2: added
		inChat(7, 3, 0),                          // 3
		inChat(8, 3, 0),                          // 4: another chat of the queue
		withChat(participants(t, 7, 2), 7, 3),    // 5: removed, and told
		inChat(7, 3, 0),                          // 6
		staff(parley.EventChatCreated),           // 7
	))
	if got := readUntil(t, guest, 7); !slices.Equal(got, []int64{2, 3, 5, 7}) {
		t.Errorf("participant got %v, want [2 3 5 7]", got)
	}
}

func TestTopicRightsFilterLive(t *testing.T) {
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{})
	limited := subscribe(t, h, parley.Viewer{AgentID: 1, Role: parley.RoleAgent, Queues: []int64{3}, Topics: []int64{5}}, -1)
	narrowed := parley.Agent{ID: 1, Role: parley.RoleAgent, Rights: parley.AgentRights{Topics: []int64{6}}}
	update := parley.NewEvent(parley.EventAgentUpdated, parley.AudienceStaff, narrowed)
	h.Deliver(log.Append(
		inChat(7, 3, 5), // 1: allowed topic
		inChat(7, 3, 6), // 2: not allowed
		inChat(7, 3, 0), // 3: no topic
		update,          // 4: now topic 6 only, applied in place
		inChat(7, 3, 5), // 5
		inChat(7, 3, 6), // 6
	))
	if got := readUntil(t, limited, 6); !slices.Equal(got, []int64{1, 3, 4, 6}) {
		t.Errorf("got %v, want [1 3 4 6]", got)
	}
}

func TestRoomRightsChangeRestartsTheSubscription(t *testing.T) {
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{})
	s := subscribe(t, h, parley.Viewer{AgentID: 1, Role: parley.RoleAgent, Queues: []int64{3}}, -1)
	other := subscribe(t, h, parley.Viewer{AgentID: 2, Role: parley.RoleAgent, Queues: []int64{3}}, -1)
	limited := parley.Agent{ID: 1, Role: parley.RoleAgent, Rights: parley.AgentRights{Rooms: []int64{9}}}
	h.Deliver(log.Append(parley.NewEvent(parley.EventAgentUpdated, parley.AudienceStaff, limited), inChat(7, 3, 0)))
	if err := waitClosed(t, s); !errors.Is(err, ErrViewChanged) {
		t.Fatalf("subscription ended with %v, want ErrViewChanged", err)
	}
	if got := readUntil(t, other, 2); !slices.Equal(got, []int64{1, 2}) {
		t.Errorf("another agent got %v", got)
	}
	// A viewer read before the change must not subscribe as if it had not happened.
	if _, err := h.Subscribe(t.Context(), parley.Viewer{AgentID: 1, Role: parley.RoleAgent, Queues: []int64{3}}, -1); !errors.Is(err, ErrViewChanged) {
		t.Fatalf("stale viewer subscribed: %v", err)
	}
	fresh := subscribe(t, h, parley.Viewer{AgentID: 1, Role: parley.RoleAgent, Rooms: []int64{9}}, -1)
	h.Deliver(log.Append(inChat(7, 3, 0), staff(parley.EventChatCreated)))
	if got := readUntil(t, fresh, 4); !slices.Equal(got, []int64{4}) {
		t.Errorf("the fresh subscription got %v, want [4]", got)
	}
}
