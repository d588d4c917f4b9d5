package core

import (
	"context"
	"sync"
	"time"

	"parley"
)

// Presence keeps, in the database, whether agents' consoles are connected (R1.6).
// Each node tracks the console websockets it holds: it marks an agent's console
// seen when the first opens and every ConsoleRefresh while any is open. Nothing is
// written when the last one closes, as another node may hold one: the sweep finds
// consoles no node has refreshed and marks them offline, then, past
// ConsoleGoneAfter, logs their agents out (R1.2).
type Presence struct {
	svc  *Service
	mu   sync.Mutex
	open map[int64]int // agent id → console websockets open on this node
}

// NewPresence returns this node's presence tracker.
func (s *Service) NewPresence() *Presence {
	return &Presence{svc: s, open: map[int64]int{}}
}

// Opened records a console websocket of the agent opening on this node.
func (p *Presence) Opened(ctx context.Context, agentID int64) {
	p.mu.Lock()
	p.open[agentID]++
	first := p.open[agentID] == 1
	p.mu.Unlock()
	if first {
		if err := p.svc.ConsoleSeen(ctx, agentID); err != nil && ctx.Err() == nil {
			p.svc.log.Error("marking a console seen", "agent", agentID, "err", err)
		}
	}
}

// Closed records a console websocket of the agent closing on this node.
func (p *Presence) Closed(agentID int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.open[agentID]--; p.open[agentID] <= 0 {
		delete(p.open, agentID)
	}
}

// Refresh marks every console open on this node as seen now.
func (p *Presence) Refresh(ctx context.Context) error {
	p.mu.Lock()
	ids := make([]int64, 0, len(p.open))
	for id := range p.open {
		ids = append(ids, id)
	}
	p.mu.Unlock()
	for _, id := range ids {
		if err := p.svc.ConsoleSeen(ctx, id); err != nil && !parley.IsCode(err, parley.CodeNotFound) {
			return err
		}
	}
	return nil
}

// Run refreshes this node's consoles and sweeps everyone's every ConsoleRefresh until ctx ends.
func (p *Presence) Run(ctx context.Context) {
	every(ctx, p.svc.cfg.ConsoleRefresh, func() {
		if err := p.Refresh(ctx); err != nil && ctx.Err() == nil {
			p.svc.log.Error("refreshing console presence", "err", err)
		}
		if _, err := p.svc.SweepConsoles(ctx); err != nil && ctx.Err() == nil {
			p.svc.log.Error("sweeping console presence", "err", err)
		}
	})
}

// ConsoleSeen records that a console of the agent is connected now. An agent
// whose console the sweep had counted as gone gets back the status held before,
// as at a login (R1.2).
func (s *Service) ConsoleSeen(ctx context.Context, agentID int64) error {
	return s.write(ctx, func(tx parley.Tx, now time.Time) error {
		a, err := tx.Agent(ctx, agentID)
		if err != nil {
			return err
		}
		returned := a.ConsoleSeenAt.IsZero() && a.StatusBeforeLogout != "" && a.Status == parley.StatusInactive && !a.Disabled
		if err := tx.TouchConsole(ctx, agentID, now); err != nil {
			return err
		}
		if !a.ConsoleOnline {
			emit(tx, now, presenceEvent(agentID, true))
		}
		if returned {
			return s.restoreStatus(ctx, tx, now, &a)
		}
		return nil
	})
}

// SweepConsoles marks offline the consoles no node refreshed for twice
// ConsoleRefresh, and logs out the agents whose console has been gone for
// ConsoleGoneAfter. Every node runs it: each change is a compare-and-set on the
// time the console was last seen, so exactly one node makes it. It returns how
// many agents it logged out.
func (s *Service) SweepConsoles(ctx context.Context) (int, error) {
	now := s.clock.Now()
	stale, gone := now.Add(-2*s.cfg.ConsoleRefresh), now.Add(-s.cfg.ConsoleGoneAfter)
	agents, err := s.store.ConsolesSeenBy(ctx, latest(stale, gone))
	if err != nil {
		return 0, err
	}
	loggedOut := 0
	for _, a := range agents {
		switch {
		case !a.ConsoleSeenAt.After(gone):
			var did bool
			err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
				var err error
				did, err = s.consoleGone(ctx, tx, now, a)
				return err
			})
			if err != nil {
				return loggedOut, err
			}
			if did {
				loggedOut++
			}
		case a.ConsoleOnline && !a.ConsoleSeenAt.After(stale):
			err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
				ok, err := tx.MarkConsoleOffline(ctx, a.ID, a.ConsoleSeenAt)
				if ok {
					emit(tx, now, presenceEvent(a.ID, false))
				}
				return err
			})
			if err != nil {
				return loggedOut, err
			}
		}
	}
	return loggedOut, nil
}

// consoleGone stops awaiting a's console and makes a inactive as a logout does,
// unless another node did so first or a console came back since; it reports
// whether it logged a out.
func (s *Service) consoleGone(ctx context.Context, tx parley.Tx, now time.Time, seen parley.Agent) (bool, error) {
	a, err := tx.Agent(ctx, seen.ID)
	if err != nil {
		return false, err
	}
	ok, err := tx.ForgetConsole(ctx, seen.ID, seen.ConsoleSeenAt)
	if err != nil || !ok {
		return false, err
	}
	if a.ConsoleOnline {
		emit(tx, now, presenceEvent(a.ID, false))
	}
	if a.Status == parley.StatusInactive {
		return false, nil
	}
	return true, s.logOut(ctx, tx, now, &a)
}

// online reports whether a's console counts as connected at now.
func (s *Service) online(a parley.Agent, now time.Time) bool {
	return a.ConsoleOnline && now.Sub(a.ConsoleSeenAt) < 2*s.cfg.ConsoleRefresh
}

func presenceEvent(agentID int64, online bool) parley.Event {
	e := parley.NewEvent(parley.EventAgentPresence, parley.AudienceStaff, parley.Presence{AgentID: agentID, Online: online})
	e.AgentID = agentID
	return e
}
