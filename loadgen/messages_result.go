package loadgen

import (
	"fmt"
	"time"
)

// MessagesResult is what a "messages" run measured.
type MessagesResult struct {
	Visitor FlowCounts  `json:"visitor_messages"`
	Replies *FlowCounts `json:"agent_replies,omitempty"`
	// OfferedRate is the planned rate; SustainedRate counts the messages, both ways,
	// that were acknowledged and delivered, over the time until the last one was.
	OfferedRate    float64          `json:"offered_per_second"`
	SustainedRate  float64          `json:"sustained_per_second"`
	VisitorRate    float64          `json:"sustained_visitor_per_second"`
	ElapsedSeconds float64          `json:"elapsed_seconds"`
	Chats          int64            `json:"chats_accepted"`
	Latency        MessageLatencies `json:"latency"`
}

// MessageLatencies are the distributions a "messages" run measured.
type MessageLatencies struct {
	// VisitorToAgent starts when a visitor's frame is written and ends when the
	// chat's agent's websocket has the message.created event carrying its client_id.
	VisitorToAgent Latency `json:"visitor_to_agent"`
	// VisitorToAgentFromSchedule starts at the message's planned time instead.
	VisitorToAgentFromSchedule Latency  `json:"visitor_to_agent_from_schedule"`
	VisitorAck                 Latency  `json:"visitor_ack"`
	SendLag                    Latency  `json:"visitor_send_lag"`
	AgentToVisitor             *Latency `json:"agent_to_visitor,omitempty"`
	AgentAck                   *Latency `json:"agent_ack,omitempty"`
	// ReplyWait is from the agent receiving a message to writing its answer.
	ReplyWait *Latency `json:"agent_reply_wait,omitempty"`
	// FirstMessage is the warm-up: each visitor's first message, which opens a chat.
	FirstMessage Latency `json:"first_message_to_agent"`
	// OfferServer is chat.created's time to chat.offered's (the server's clock);
	// OfferReceived ends when the agent's websocket has the offer.
	OfferServer   Latency `json:"waiting_to_offer_server"`
	OfferReceived Latency `json:"waiting_to_offer_received"`
	AcceptHTTP    Latency `json:"accept_http"`
}

// report gathers the run's figures and counts what never went through.
func (r *messagesRun) report(samples []sample, client ClientUsage) *Report {
	v, lastV := r.visits.counts()
	res := &MessagesResult{Visitor: v, OfferedRate: r.cfg.Rate, Chats: r.accepted.Load()}
	completed, last := v.Completed, lastV
	r.countMissing("", v)
	l := &res.Latency
	l.VisitorToAgent, l.VisitorToAgentFromSchedule = r.visits.latency.summary(), r.visits.fromSchedule.summary()
	l.VisitorAck, l.SendLag = r.visits.ack.summary(), r.visits.sendLag.summary()
	l.FirstMessage = r.warm.latency.summary()
	l.OfferServer, l.OfferReceived, l.AcceptHTTP = r.offerServer.summary(), r.offerReceived.summary(), r.acceptHTTP.summary()
	if r.cfg.Reply {
		rp, lastR := r.replies.counts()
		res.Replies = &rp
		completed += rp.Completed
		last = max(last, lastR)
		r.countMissing("reply_", rp)
		toV, ack, wait := r.replies.latency.summary(), r.replies.ack.summary(), r.replies.sendLag.summary()
		l.AgentToVisitor, l.AgentAck, l.ReplyWait = &toV, &ack, &wait
	}
	// The run lasts from the first message's planned time to the last completion,
	// and at least as long as the plan.
	first := time.Duration(r.visits.recs[0].due.Load())
	elapsed := max(last-first, time.Duration(float64(len(r.visits.recs))/r.cfg.Rate*float64(time.Second)))
	res.ElapsedSeconds = elapsed.Seconds()
	if elapsed > 0 {
		res.SustainedRate = float64(completed) / elapsed.Seconds()
		res.VisitorRate = float64(v.Completed) / elapsed.Seconds()
	}
	rep := newReport("messages", r.cfg.params(), r.cfg.server(), r.errs)
	rep.Messages, rep.Client = res, client
	rep.ServerUsage = usage(samples, r.cfg.SampleEvery)
	if r.idle != nil {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d idle visitor websockets were held during the run (%d pings, %d pongs)",
			r.idle.size(), r.idle.pings.Load(), r.idle.pongs.Load()))
	}
	if rep.Client.CPUPercentCore > 80 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("the load tool itself used %.0f%% of a core: on a shared machine that is CPU the server did not get", rep.Client.CPUPercentCore))
	}
	return rep
}

// countMissing adds the messages of a flow that never went through to the errors.
func (r *messagesRun) countMissing(prefix string, c FlowCounts) {
	r.errs.addN(prefix+errUnsent, c.Planned-c.Sent, "%d of %d %smessages were never written", c.Planned-c.Sent, c.Planned, prefix)
	r.errs.addN(prefix+errUnacked, c.Sent-c.Acked, "%d of %d %smessages were never acknowledged", c.Sent-c.Acked, c.Sent, prefix)
	r.errs.addN(prefix+errUndelivered, c.Sent-c.Delivered, "%d of %d %smessages were never delivered", c.Sent-c.Delivered, c.Sent, prefix)
}
