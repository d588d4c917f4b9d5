package loadgen

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
)

// WriteTable writes the report for people.
func (r *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	p := func(format string, args ...any) { fmt.Fprintf(tw, format+"\n", args...) }
	p("parley bench %s\t%s", r.Scenario, r.Date)
	p("machine\t%d cores, %s memory, %s, %s", r.Machine.Cores, bytesIEC(r.Machine.MemoryBytes), r.Machine.CPUModel, r.Machine.GoVersion)
	p("server\t%s database=%s label=%s", r.Server.URL, orDash(r.Server.Database), orDash(r.Server.Label))
	if len(r.Command) > 0 {
		p("command\t%s", strings.Join(r.Command, " "))
	}
	p("")
	if r.Messages != nil {
		r.Messages.writeTable(p)
	}
	if r.Conns != nil {
		r.Conns.writeTable(p)
	}
	if r.Routing != nil {
		r.Routing.writeTable(p)
	}
	u := r.ServerUsage
	p("server CPU\t%.2f s over %.1f s = %.0f%% of one core", u.CPUSeconds, u.Seconds, u.CPUPercentCore)
	p("server memory\tpeak RSS %s (from %s), peak heap in use %s, peak goroutines %d, peak websockets %d",
		bytesIEC(u.PeakRSS), bytesIEC(u.StartRSS), bytesIEC(u.PeakHeapInuse), u.PeakGoroutines, u.PeakWebsockets)
	p("load tool CPU\t%.2f s = %.0f%% of one core", r.Client.CPUSeconds, r.Client.CPUPercentCore)
	p("machine CPU\t%.0f%% of one core busy, %.0f%% of it other processes", r.Load.BusyPercentCore, r.Load.OthersPercentCore)
	r.writeErrors(p)
	for _, n := range r.Notes {
		p("note\t%s", n)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("writing the table: %w", err)
	}
	return nil
}

func (r *Report) writeErrors(p func(string, ...any)) {
	if len(r.Errors) == 0 {
		p("errors\tnone")
		return
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(r.Errors)) {
		parts = append(parts, fmt.Sprintf("%s %d", k, r.Errors[k]))
	}
	p("errors\t%s", strings.Join(parts, ", "))
	for _, s := range r.ErrorSamples {
		p("  e.g.\t%s", s)
	}
}

func (m *MessagesResult) writeTable(p func(string, ...any)) {
	v := m.Visitor
	p("visitor messages\tplanned %d, sent %d, acked %d, delivered %d, completed %d", v.Planned, v.Sent, v.Acked, v.Delivered, v.Completed)
	if rp := m.Replies; rp != nil {
		p("agent replies\tplanned %d, sent %d, acked %d, delivered %d, completed %d", rp.Planned, rp.Sent, rp.Acked, rp.Delivered, rp.Completed)
	}
	p("rate\toffered %.0f/s, sustained %.0f/s (visitors %.0f/s) over %.2f s; %d chats", m.OfferedRate, m.SustainedRate, m.VisitorRate, m.ElapsedSeconds, m.Chats)
	p("")
	p("latency (ms)\tcount\tmean\tp50\tp95\tp99\tmax")
	row := func(name string, l *Latency) {
		if l != nil {
			p("%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f", name, l.Count, l.Mean, l.P50, l.P95, l.P99, l.Max)
		}
	}
	l := &m.Latency
	row("visitor→agent", &l.VisitorToAgent)
	row("  from schedule", &l.VisitorToAgentFromSchedule)
	row("visitor ack", &l.VisitorAck)
	row("visitor send lag", &l.SendLag)
	row("agent→visitor", l.AgentToVisitor)
	row("agent ack", l.AgentAck)
	row("agent reply wait", l.ReplyWait)
	row("first message→agent", &l.FirstMessage)
	row("waiting→offer (server)", &l.OfferServer)
	row("waiting→offer received", &l.OfferReceived)
	row("accept (HTTP)", &l.AcceptHTTP)
	p("")
}

func (c *ConnsResult) writeTable(p func(string, ...any)) {
	p("websockets\twanted %d, connected %d, failed %d, server counted %d", c.Wanted, c.Connected, c.Failed, c.ServerWebsockets)
	if len(c.Failures) > 0 {
		p("failures\t%v", c.Failures)
	}
	p("while held\t%d disconnects, %d pings sent, %d pongs received", c.Disconnects, c.Pings, c.Pongs)
	p("server memory\tbefore\tafter\tper connection")
	p("  RSS\t%s\t%s\t%.1f KiB", bytesIEC(c.Before.RSS), bytesIEC(c.After.RSS), c.RSSPerConn/1024)
	p("  Go heap+stacks\t%s\t%s\t%.1f KiB", bytesIEC(c.Before.HeapInuse+c.Before.StackInuse), bytesIEC(c.After.HeapInuse+c.After.StackInuse), c.GoMemPerConn/1024)
	p("  goroutines\t%d\t%d\t%.2f", c.Before.Goroutines, c.After.Goroutines, c.GoroutinesPerConn)
	p("worker open-files limits\t%v", c.WorkerFileLimits)
	p("")
}

// bytesIEC writes n bytes in MiB or KiB.
func bytesIEC(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
