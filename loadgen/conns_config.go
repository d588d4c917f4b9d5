package loadgen

import (
	"fmt"
	"time"
)

// ConnsConfig is the "conns" scenario: N idle websockets, visitors and agents,
// held with pings while the server's memory is read.
type ConnsConfig struct {
	Target
	N int
	// VisitorsShare is the fraction of the sockets that are widget visitors.
	VisitorsShare float64
	// Agents is the number of agent accounts the agent sockets share.
	Agents int
	// Procs is the number of worker processes; 0 keeps the sockets in this one.
	Procs int
	// Hold is how long the sockets stay open once all are; Settle is how long the
	// server is left alone before each memory reading.
	Hold, Settle time.Duration
	// Ping is the interval of each socket's own pings; 0 sends none (the server's
	// pings are answered either way).
	Ping time.Duration
	// Start starts a worker; nil runs them in this process.
	Start WorkerStarter
}

func (c *ConnsConfig) check() error {
	if err := c.Target.check(10 * time.Minute); err != nil {
		return err
	}
	switch {
	case c.N < 1:
		return fmt.Errorf("n must be at least 1")
	case c.VisitorsShare < 0 || c.VisitorsShare > 1:
		return fmt.Errorf("the visitors' share must be between 0 and 1")
	case c.Procs < 0 || c.Procs > 200:
		return fmt.Errorf("procs must be between 0 and 200")
	case c.Hold <= 0:
		return fmt.Errorf("the hold time must be positive")
	}
	c.Agents = max(c.Agents, 1)
	if c.Settle <= 0 {
		c.Settle = 3 * time.Second
	}
	if c.Start == nil {
		c.Start = InProcessWorkers()
	}
	return nil
}

// split returns how many visitor and agent sockets worker i of n opens.
func (c ConnsConfig) split(i, n int) (visitors, agents int) {
	nv := int(float64(c.N)*c.VisitorsShare + 0.5)
	share := func(total int) int {
		s := total / n
		if i < total%n {
			s++
		}
		return s
	}
	return share(nv), share(c.N - nv)
}

// ConnsParams are a run's parameters as the report shows them.
type ConnsParams struct {
	URL           string  `json:"url"`
	Admin         string  `json:"admin"`
	N             int     `json:"n"`
	VisitorsShare float64 `json:"visitors_share"`
	Agents        int     `json:"agent_accounts"`
	Procs         int     `json:"procs"`
	Hold          string  `json:"hold"`
	Settle        string  `json:"settle"`
	Ping          string  `json:"ping"`
	SampleEvery   string  `json:"sample_every"`
}

func (c ConnsConfig) params() ConnsParams {
	return ConnsParams{URL: c.URL.String(), Admin: c.Admin.Email, N: c.N, VisitorsShare: c.VisitorsShare, Agents: c.Agents,
		Procs: c.Procs, Hold: c.Hold.String(), Settle: c.Settle.String(), Ping: c.Ping.String(), SampleEvery: c.SampleEvery.String()}
}
