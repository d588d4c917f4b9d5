package loadgen

import (
	"context"
	"time"
)

// progressEvery is how often a run logs how far it got.
const progressEvery = 5 * time.Second

// measure sends the planned messages, waits for them to go through, and reports.
func (r *messagesRun) measure(ctx context.Context) (*Report, error) {
	w, err := openWindow(ctx, r.api, r.cfg.SampleEvery, r.errs)
	if err != nil {
		return nil, err
	}
	t0 := w.t0

	total := r.cfg.total()
	r.cfg.Log.Info("sending", "messages", total, "rate", r.cfg.Rate)
	stopProgress := r.logProgress(ctx)
	pace(ctx, r.epoch, total, r.cfg.Rate, func(i int, due time.Duration) {
		r.visits.setDue(i, due)
		r.visitors[i%len(r.visitors)].out.push(sendItem{kind: idVisitor, n: i})
	})
	sent := time.Since(t0)
	dctx, cancel := context.WithTimeout(ctx, r.cfg.Drain)
	drained := waitFor(dctx, r.allThrough) == nil
	cancel()
	stopProgress()
	samples, client, busy := w.closeWindow(ctx)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.cfg.Log.Info("done", "sending_took", sent.Round(time.Millisecond), "all_through", drained)
	rep := r.report(samples, client)
	rep.setMachineLoad(busy)
	return rep, nil
}

// allThrough reports whether every message, and every answer owed, went through.
func (r *messagesRun) allThrough() bool {
	if r.visits.completed.Load() < int64(len(r.visits.recs)) {
		return false
	}
	return !r.cfg.Reply || r.replies.completed.Load() == r.replies.planned.Load()
}

// logProgress logs the counts every few seconds until the returned function is called.
func (r *messagesRun) logProgress(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(progressEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				v, _ := r.visits.counts()
				r.cfg.Log.Info("progress", "sent", v.Sent, "acked", v.Acked, "delivered", v.Delivered, "errors", r.errs.total())
			}
		}
	}()
	return func() { cancel(); <-done }
}
