package core

import "parley"

// RoutingPatch changes how a queue routes and its time limits; nil fields keep their value.
type RoutingPatch struct {
	Routing           *parley.RoutingStrategy `json:"routing,omitempty"`
	Mode              *parley.RoutingMode     `json:"mode,omitempty"`
	Priority          *int                    `json:"priority,omitempty"`
	FirstReplyTime    *parley.Seconds         `json:"first_reply_time,omitempty"`
	ReplyTime         *parley.Seconds         `json:"reply_time,omitempty"`
	CompletionTimeout *parley.Seconds         `json:"completion_timeout,omitempty"`
}

// Bounds of the routing settings.
const (
	maxPriority  = 1000
	maxReplyTime = 7 * 24 * 3600 // a week, in seconds
	maxChatLimit = 100
)

func (p RoutingPatch) apply(r *parley.QueueRouting) error {
	if p.Routing != nil {
		if !p.Routing.Valid() {
			return parley.Errorf(parley.CodeInvalid, "routing must be least_busy, round_robin or offer_to_all")
		}
		r.Routing = *p.Routing
	}
	if p.Mode != nil {
		if !p.Mode.Valid() {
			return parley.Errorf(parley.CodeInvalid, "mode must be invite or assign")
		}
		r.Mode = *p.Mode
	}
	if p.Priority != nil {
		if *p.Priority < 0 || *p.Priority > maxPriority {
			return parley.Errorf(parley.CodeInvalid, "priority must be between 0 and %d", maxPriority)
		}
		r.Priority = *p.Priority
	}
	for _, f := range []struct {
		name string
		in   *parley.Seconds
		out  *parley.Seconds
	}{
		{"first_reply_time", p.FirstReplyTime, &r.FirstReplyTime},
		{"reply_time", p.ReplyTime, &r.ReplyTime},
		{"completion_timeout", p.CompletionTimeout, &r.CompletionTimeout},
	} {
		if f.in == nil {
			continue
		}
		if *f.in < 0 || *f.in > maxReplyTime {
			return parley.Errorf(parley.CodeInvalid, "%s must be between 0 (off) and %d seconds", f.name, maxReplyTime)
		}
		*f.out = *f.in
	}
	return nil
}

// applyAgentChatLimit sets or (with 0) removes an agent's own chat limit (R1.4).
func applyAgentChatLimit(a *parley.Agent, limit int) error {
	switch {
	case limit < 0 || limit > maxChatLimit:
		return parley.Errorf(parley.CodeInvalid, "chat_limit must be between 1 and %d, or 0 to follow the queues", maxChatLimit)
	case limit == 0:
		a.ChatLimit = nil
	default:
		a.ChatLimit = &limit
	}
	return nil
}
