package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"time"

	"parley"
)

// routingAgent is an agent of the two-node test: a console websocket on one node,
// requests to either. It accepts what it is offered at once, but declines some
// chats, transfers some to the other least_busy queue, and completes the rest
// after a short while, so that it frees up.
type routingAgent struct {
	r     *twoNodesRun
	name  string
	id    int64
	token string
	ws    *wsClient
	idle  bool // never answers: its invitations end by their timers

	mu sync.Mutex
	// open holds the open offers the agent is invited to: an accept refused
	// while the agent is at their limit is tried again when a chat ends.
	open map[int64]bool
	// declined holds the chats the agent declined. Routing offers a declined chat
	// again when nobody else is free; the agent takes it then.
	declined map[int64]bool
}

func (r *twoNodesRun) newAgent(i int, id int64) *routingAgent {
	n := r.nodes[i%2]
	s := n.login(agentEmail(i))
	n.call("PUT", "/api/v1/me/status", s.token, map[string]string{"status": "active"}, 200, nil)
	return &routingAgent{r: r, name: fmt.Sprintf("agent%d", i), id: id, token: s.token, ws: n.dial("/api/v1/ws", bearerHeader(s.token)), open: map[int64]bool{}, declined: map[int64]bool{}}
}

func (a *routingAgent) start() {
	a.r.wg.Go(a.listen)
}

// listen follows the agent's events until the run stops; each answer goes in a
// goroutine of its own, so that reading never waits for a request.
func (a *routingAgent) listen() {
	for {
		select {
		case <-a.r.stop:
			return
		case f, ok := <-a.ws.frames:
			if !ok {
				a.r.problem("%s: websocket closed", a.name)
				return
			}
			if f.Type == "event" && f.Event.AgentID == a.id && !a.idle {
				a.follow(f.Event)
			}
		}
	}
}

func (a *routingAgent) follow(e parley.Event) {
	switch e.Kind {
	case parley.EventChatOffered:
		// Declines are decided by the ids: at most one member of a queue
		// declines a chat, and only once.
		if (e.ChatID+a.id)%5 == 0 && !a.declined[e.ChatID] {
			a.declined[e.ChatID] = true
			a.r.wg.Go(func() { a.post(fmt.Sprintf("/api/v1/chats/%d/decline", e.ChatID), nil) })
			return
		}
		var offer struct{ Chat parley.Chat }
		if a.decode(e, &offer) && offer.Chat.OpenOffer {
			a.setOpen(e.ChatID, true)
		}
		a.r.wg.Go(func() { a.accept(e.ChatID) })
	case parley.EventChatOfferEnded:
		a.setOpen(e.ChatID, false)
	case parley.EventChatAccepted:
		a.setOpen(e.ChatID, false)
		var c parley.Chat
		if a.decode(e, &c) && c.OwnerID == a.id {
			a.r.wg.Go(func() { a.handle(c) })
		}
	}
}

func (a *routingAgent) decode(e parley.Event, v any) bool {
	if err := json.Unmarshal(e.Data, v); err != nil {
		a.r.problem("%s: event %d: %v", a.name, e.ID, err)
		return false
	}
	return true
}

func (a *routingAgent) setOpen(chatID int64, open bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if open {
		a.open[chatID] = true
	} else {
		delete(a.open, chatID)
	}
}

func (a *routingAgent) accept(chatID int64) {
	a.post(fmt.Sprintf("/api/v1/chats/%d/accept", chatID), nil)
}

// acceptOpen tries again the open offers the agent is still invited to, as
// someone at the console would once a chat ends.
func (a *routingAgent) acceptOpen() {
	a.mu.Lock()
	ids := slices.Collect(maps.Keys(a.open))
	a.mu.Unlock()
	for _, id := range ids {
		a.accept(id)
	}
}

// handle transfers or completes a chat the agent took. Every fourth chat is held
// past the queue's first-reply time, so that those timers fire.
func (a *routingAgent) handle(c parley.Chat) {
	hold := time.Duration(20+rand.IntN(100)) * time.Millisecond
	if c.ID%4 == 0 {
		hold = 1200 * time.Millisecond
	}
	select {
	case <-time.After(hold):
	case <-a.r.stop:
		return
	}
	to := a.r.transferTarget(c)
	if to == 0 || !a.post(fmt.Sprintf("/api/v1/chats/%d/transfer", c.ID), map[string]any{"to_queue_id": to, "comment": "over to you"}) {
		a.post(fmt.Sprintf("/api/v1/chats/%d/complete", c.ID), nil)
	}
	a.acceptOpen()
}

// transferTarget is the other least_busy queue for every third chat that came
// straight from a visitor to one of them, else 0.
func (r *twoNodesRun) transferTarget(c parley.Chat) int64 {
	if c.ParentID != 0 || c.ID%3 != 0 {
		return 0
	}
	switch c.QueueID {
	case r.queues[1].ID:
		return r.queues[2].ID
	case r.queues[2].ID:
		return r.queues[1].ID
	}
	return 0
}

// post sends a request to a node chosen at random and reports whether it went
// through. A conflict is an answer the race allows (the invitation ended, the
// chat was taken); anything else is a problem.
func (a *routingAgent) post(path string, body any) bool {
	status, data, err := a.r.nodes[rand.IntN(2)].do("POST", path, a.token, body)
	switch {
	case err != nil:
		a.r.problem("%s: %s: %v", a.name, path, err)
	case status == http.StatusConflict:
	case status >= 300:
		a.r.problem("%s: %s: status %d: %s", a.name, path, status, data)
	default:
		return true
	}
	return false
}
