package loadgen

import "time"

// RoutingResult is what a "routing" run measured.
type RoutingResult struct {
	Chats     int64 `json:"chats_planned"`
	Opened    int64 `json:"chats_opened"`
	Offers    int64 `json:"offers"`
	Accepted  int64 `json:"accepted"`
	Completed int64 `json:"completed"`
	// OffersPerSecond counts the offers over the time from the first to the last.
	OffersPerSecond float64 `json:"offers_per_second"`
	ElapsedSeconds  float64 `json:"elapsed_seconds"`
	// OfferServer runs from the chat becoming waiting to chat.offered's time, both
	// the server's clock; OfferReceived ends when the agent's websocket has it.
	OfferServer   Latency `json:"waiting_to_offer_server"`
	OfferReceived Latency `json:"waiting_to_offer_received"`
	OpenHTTP      Latency `json:"open_chat_http"`
	AcceptHTTP    Latency `json:"accept_http"`
}

// report gathers the run's figures and counts what never went through.
func (r *routingRun) report(samples []sample, client ClientUsage, elapsed time.Duration) *Report {
	res := &RoutingResult{Chats: int64(r.cfg.Chats), Opened: r.opened.Load(), Offers: r.offers.Load(), Accepted: r.accepted.Load(),
		Completed: r.completed.Load(), ElapsedSeconds: elapsed.Seconds(),
		OfferServer: r.offerServer.summary(), OfferReceived: r.offerReceived.summary(),
		OpenHTTP: r.openHTTP.summary(), AcceptHTTP: r.acceptHTTP.summary()}
	if span := time.Duration(r.lastOffer.Load() - r.firstOffer.Load()); span > 0 {
		res.OffersPerSecond = float64(res.Offers) / span.Seconds()
	}
	if missing := res.Chats - res.Completed; missing > 0 {
		r.errs.addN("uncompleted", missing, "%d of %d chats were not completed by the end", missing, res.Chats)
	}
	rep := newReport("routing", r.cfg.params(), r.cfg.server(), r.errs)
	rep.Routing, rep.Client = res, client
	rep.ServerUsage = usage(samples, r.cfg.SampleEvery)
	return rep
}

func (m *RoutingResult) writeTable(p func(string, ...any)) {
	p("chats\tplanned %d, opened %d, offered %d times, accepted %d, completed %d", m.Chats, m.Opened, m.Offers, m.Accepted, m.Completed)
	p("offers\t%.0f/s over %.2f s", m.OffersPerSecond, m.ElapsedSeconds)
	p("")
	p("latency (ms)\tcount\tmean\tp50\tp95\tp99\tmax")
	for _, row := range []struct {
		name string
		l    Latency
	}{
		{"waiting→offer (server)", m.OfferServer}, {"waiting→offer received", m.OfferReceived},
		{"open chat (HTTP)", m.OpenHTTP}, {"accept (HTTP)", m.AcceptHTTP},
	} {
		l := row.l
		p("%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f", row.name, l.Count, l.Mean, l.P50, l.P95, l.P99, l.Max)
	}
	p("")
}
