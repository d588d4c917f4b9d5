package loadgen

import (
	"context"
	"fmt"
	"time"
)

// measure sends the planned webhooks, waits for their answers and events, and reports.
func (r *webhooksRun) measure(ctx context.Context) (*Report, error) {
	w, err := openWindow(ctx, r.crew.api, r.cfg.SampleEvery, r.crew.errs)
	if err != nil {
		return nil, err
	}
	total := r.cfg.total()
	r.cfg.Log.Info("sending", "webhooks", total, "rate", r.cfg.Rate)
	r.send(ctx, r.hooks, idHook, total)
	sent := time.Since(w.t0)
	dctx, cancel := context.WithTimeout(ctx, r.cfg.Drain)
	drained := waitFor(dctx, func() bool { return r.hooks.completed.Load() == int64(total) }) == nil
	cancel()
	samples, client, busy := w.closeWindow(ctx)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.cfg.Log.Info("done", "sending_took", sent.Round(time.Millisecond), "all_through", drained)
	rep := r.report(samples, client)
	rep.setMachineLoad(busy)
	return rep, nil
}

// report gathers the run's figures into the "messages" result, whose every
// figure has a webhook meaning (see webhooksFigures), and counts what never
// went through.
func (r *webhooksRun) report(samples []sample, client ClientUsage) *Report {
	c, last := r.hooks.counts()
	errs := r.crew.errs
	// A POST without its 200 is counted as an HTTP error already.
	errs.addN(errUnsent, c.Planned-c.Sent, "%d of %d webhooks were never sent", c.Planned-c.Sent, c.Planned)
	errs.addN(errUndelivered, c.Sent-c.Delivered, "%d of %d webhooks' message.created events never reached the admin's websocket", c.Sent-c.Delivered, c.Sent)
	res := &MessagesResult{Visitor: c, OfferedRate: r.cfg.Rate, Chats: r.crew.accepted.Load()}
	// The run lasts from the first webhook's planned time to the last completion,
	// and at least as long as the plan.
	first := time.Duration(r.hooks.recs[0].due.Load())
	elapsed := max(last-first, time.Duration(float64(len(r.hooks.recs))/r.cfg.Rate*float64(time.Second)))
	res.ElapsedSeconds = elapsed.Seconds()
	res.SustainedRate = float64(c.Completed) / elapsed.Seconds()
	res.VisitorRate = res.SustainedRate
	l := &res.Latency
	l.VisitorToAgent, l.VisitorToAgentFromSchedule = r.hooks.latency.summary(), r.hooks.fromSchedule.summary()
	l.VisitorAck, l.SendLag = r.hooks.ack.summary(), r.hooks.sendLag.summary()
	l.FirstMessage = r.warm.latency.summary()
	l.OfferServer, l.OfferReceived, l.AcceptHTTP = r.crew.offerServer.summary(), r.crew.offerReceived.summary(), r.crew.acceptHTTP.summary()

	rep := newReport("webhooks", r.cfg.params(), r.cfg.server(), errs)
	rep.Messages, rep.Client = res, client
	rep.ServerUsage = usage(samples, r.cfg.SampleEvery)
	first200 := r.warm.ack.summary()
	rep.Notes = append(rep.Notes, "visitor = Telegram user, visitor message = webhook POST, visitor ack = the POST's 200 answer, visitor→agent = POST start until the admin's websocket has message.created",
		fmt.Sprintf("first message (new chat), POST until 200 (ms): p50 %.3f, p95 %.3f, p99 %.3f, max %.3f over %d",
			first200.P50, first200.P95, first200.P99, first200.Max, first200.Count))
	if rep.Client.CPUPercentCore > 80 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("the load tool itself used %.0f%% of a core: on a shared machine that is CPU the server did not get", rep.Client.CPUPercentCore))
	}
	return rep
}
