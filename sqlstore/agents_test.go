package sqlstore_test

import (
	"context"
	"testing"

	"parley"
	"parley/sqlstore"
)

func TestAgents(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		ann := newAgent("ann@example.com")
		ann.Role, ann.Disabled, ann.LastAssignedAt = parley.RoleAdmin, true, at(5)
		ann.Settings = parley.AgentSettings{SoundNewMessage: true, DesktopNotifications: true}
		bob := newAgent("bob@example.com") // LastAssignedAt stays zero
		write(t, s, func(tx parley.Tx) error {
			if err := tx.CreateAgent(ctx, &ann); err != nil {
				return err
			}
			return tx.CreateAgent(ctx, &bob)
		})
		if ann.ID == 0 || bob.ID == 0 || ann.ID == bob.ID {
			t.Fatalf("ids %d, %d", ann.ID, bob.ID)
		}
		expect(t, "Agent", ann)(s.Agent(ctx, ann.ID))
		expect(t, "AgentByEmail", bob)(s.AgentByEmail(ctx, bob.Email))
		expect(t, "Agents", []parley.Agent{ann, bob})(s.Agents(ctx))
		expect(t, "CountAgents", 2)(s.CountAgents(ctx))

		ann.Email, ann.Name, ann.Role, ann.Status = "anna@example.com", "Anna", parley.RoleSupervisor, parley.StatusInactive
		ann.StatusBeforeLogout, ann.Disabled, ann.Language, ann.PasswordHash = parley.StatusInactive, false, "ru", "new"
		ann.LastAssignedAt, ann.StatusChangedAt, ann.UpdatedAt = at(10), at(11), at(12)
		ann.Settings = parley.AgentSettings{SoundNewChat: true}
		write(t, s, func(tx parley.Tx) error { return tx.UpdateAgent(ctx, ann) })
		expect(t, "updated agent", ann)(s.Agent(ctx, ann.ID))

		dup := newAgent(bob.Email)
		wantCode(t, "duplicate e-mail", writeErr(s, func(tx parley.Tx) error { return tx.CreateAgent(ctx, &dup) }), parley.CodeConflict)
		bob.Email = ann.Email
		wantCode(t, "update to a taken e-mail", writeErr(s, func(tx parley.Tx) error { return tx.UpdateAgent(ctx, bob) }), parley.CodeConflict)
		ghost := newAgent("ghost@example.com")
		ghost.ID = 999
		wantCode(t, "update missing", writeErr(s, func(tx parley.Tx) error { return tx.UpdateAgent(ctx, ghost) }), parley.CodeNotFound)
		_, err := s.Agent(ctx, 999)
		wantCode(t, "Agent missing", err, parley.CodeNotFound)
		_, err = s.AgentByEmail(ctx, "nobody@example.com")
		wantCode(t, "AgentByEmail missing", err, parley.CodeNotFound)
		expect(t, "CountAgents after conflicts", 2)(s.CountAgents(ctx))
	})
}

func TestConflictLeavesTransactionUsable(t *testing.T) {
	// A caller may go on after a Conflict from an insert; on PostgreSQL that
	// works only because no statement failed.
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		ann := newAgent("ann@example.com")
		write(t, s, func(tx parley.Tx) error { return tx.CreateAgent(ctx, &ann) })
		write(t, s, func(tx parley.Tx) error {
			dup := newAgent(ann.Email)
			wantCode(t, "duplicate", tx.CreateAgent(ctx, &dup), parley.CodeConflict)
			got, err := tx.AgentByEmail(ctx, ann.Email)
			equal(t, "agent read after the conflict", got, ann)
			return err
		})
	})
}

func TestSessions(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		sessions := []parley.Session{
			{TokenHash: "h1", AgentID: f.agent.ID, CSRFToken: "c1", CreatedAt: at(0), ExpiresAt: at(100)},
			{TokenHash: "h2", AgentID: f.agent.ID, CSRFToken: "c2", CreatedAt: at(0), ExpiresAt: at(200)},
			{TokenHash: "h3", AgentID: f.agent2.ID, CSRFToken: "c3", CreatedAt: at(0), ExpiresAt: at(300)},
			{TokenHash: "h4", AgentID: f.agent2.ID, CSRFToken: "c4", CreatedAt: at(0), ExpiresAt: at(400)},
		}
		write(t, s, func(tx parley.Tx) error {
			for _, ss := range sessions {
				if err := tx.CreateSession(ctx, ss); err != nil {
					return err
				}
			}
			return nil
		})
		for _, ss := range sessions {
			expect(t, "Session", ss)(s.Session(ctx, ss.TokenHash))
		}
		wantCode(t, "duplicate token", writeErr(s, func(tx parley.Tx) error { return tx.CreateSession(ctx, sessions[0]) }),
			parley.CodeConflict)

		write(t, s, func(tx parley.Tx) error { return tx.DeleteSession(ctx, "h1") })
		write(t, s, func(tx parley.Tx) error { return tx.DeleteExpiredSessions(ctx, at(300)) })
		write(t, s, func(tx parley.Tx) error { return tx.DeleteSession(ctx, "h1") }) // already gone: no error
		for hash, want := range map[string]bool{"h1": false, "h2": false, "h3": false, "h4": true} {
			_, err := s.Session(ctx, hash)
			if want && err != nil || !want && !parley.IsCode(err, parley.CodeNotFound) {
				t.Errorf("session %s: error %v, want it to exist: %v", hash, err, want)
			}
		}
		write(t, s, func(tx parley.Tx) error { return tx.DeleteAgentSessions(ctx, f.agent2.ID) })
		_, err := s.Session(ctx, "h4")
		wantCode(t, "session of an agent whose sessions were deleted", err, parley.CodeNotFound)
	})
}
