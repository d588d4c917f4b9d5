package main

import (
	"encoding/json"
	"testing"
	"time"

	"parley"
)

// TestRoutingReplay checks that the two-node test's replay sees each kind of
// broken claim, so that a pass there means something.
func TestRoutingReplay(t *testing.T) {
	due := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := map[string][]parley.Event{
		"two invitations":  {offered(1, 10, false), offered(1, 11, false)},
		"ended twice":      {offered(1, 10, false), ended(1, 10, "expired"), ended(1, 10, "expired")},
		"owned twice":      {accepted(1, 10), accepted(1, 11)},
		"above the limit":  {accepted(1, 10), accepted(2, 10), accepted(3, 10)},
		"invited and full": {accepted(1, 10), accepted(2, 10), offered(3, 10, false)},
		"breached twice":   {breached(1, due), breached(1, due)},
	}
	for name, events := range cases {
		r := newRoutingReplay(2)
		for i, e := range events {
			e.ID = int64(i + 1)
			r.apply(e)
		}
		if len(r.problems) == 0 {
			t.Errorf("%s: not seen", name)
		}
	}
	fine := []parley.Event{offered(1, 10, true), offered(1, 11, true), ended(1, 11, "taken"), accepted(1, 10),
		completed(1), offered(2, 11, false), ended(2, 11, "declined"), offered(2, 10, false), accepted(2, 10)}
	r := newRoutingReplay(2)
	for _, e := range fine {
		r.apply(e)
	}
	if len(r.problems) > 0 {
		t.Errorf("a clean log: %v", r.problems)
	}
}

func routingEvent(kind parley.EventKind, chatID, agentID int64, data any) parley.Event {
	b, _ := json.Marshal(data)
	return parley.Event{Kind: kind, ChatID: chatID, AgentID: agentID, Data: b}
}

func offered(chatID, agentID int64, open bool) parley.Event {
	return routingEvent(parley.EventChatOffered, chatID, agentID,
		map[string]any{"chat": parley.Chat{ID: chatID, State: parley.ChatWaiting, ChatTimes: parley.ChatTimes{OpenOffer: open}}})
}

func ended(chatID, agentID int64, reason string) parley.Event {
	return routingEvent(parley.EventChatOfferEnded, chatID, agentID, map[string]any{"reason": reason})
}

func accepted(chatID, agentID int64) parley.Event {
	return routingEvent(parley.EventChatAccepted, chatID, agentID,
		parley.Chat{ID: chatID, State: parley.ChatInProgress, OwnerID: agentID})
}

func completed(chatID int64) parley.Event {
	return routingEvent(parley.EventChatCompleted, chatID, 0, parley.Chat{ID: chatID, State: parley.ChatCompleted})
}

func breached(chatID int64, due time.Time) parley.Event {
	return routingEvent(parley.EventChatSLABreached, chatID, 0, map[string]any{"kind": "first_reply", "due_at": due})
}
