package sqlstore_test

import (
	"context"
	"testing"

	"parley"
	"parley/sqlstore"
)

func TestCaseRoundTripAndVersion(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		k := parley.Case{Subject: "Broken teapot", Description: "It arrived broken.\nOrder 4417.", Source: parley.CaseFromChat,
			Status: parley.CaseNew, ContactID: f.contact.ID, AccountID: 9, AssigneeID: f.agent.ID,
			RegisteredAt: at(10), CreatedAt: at(10), UpdatedAt: at(10), CreatedBy: f.agent2.ID}
		write(t, s, func(tx parley.Tx) error { return tx.CreateCase(ctx, &k) })
		if k.ID == 0 || k.Version != 1 {
			t.Fatalf("created case %+v", k)
		}
		want := k
		want.ContactName = f.contact.Name
		expect(t, "Case", want)(s.Case(ctx, k.ID))

		first, second := want, want
		first.Status, first.AssigneeID, first.UpdatedAt = parley.CaseClosed, 0, at(20)
		write(t, s, func(tx parley.Tx) error { return tx.UpdateCase(ctx, &first) })
		equal(t, "version after a save", first.Version, int64(2))
		second.Subject = "stale"
		err := writeErr(s, func(tx parley.Tx) error { return tx.UpdateCase(ctx, &second) })
		wantCode(t, "UpdateCase on a stale version", err, parley.CodeConflict)
		expect(t, "Case after the stale save", first)(s.Case(ctx, k.ID))
		_, err = s.Case(ctx, 999)
		wantCode(t, "Case missing", err, parley.CodeNotFound)

		c := f.chat(f.identity, f.queue.ID)
		c.CaseID = k.ID
		f.createChat(t, &c)
		chats, err := s.CaseChats(ctx, k.ID)
		if err != nil || len(chats) != 1 || chats[0].ID != c.ID || chats[0].CaseID != k.ID {
			t.Errorf("CaseChats = %+v, %v", chats, err)
		}
	})
}

// TestCasesScope checks the list's filters and that an agent's list holds the
// cases assigned to them and those linked to a chat they see, as CanSeeCase says.
func TestCasesScope(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		outsider := newAgent("out@example.com")
		write(t, s, func(tx parley.Tx) error { return tx.CreateAgent(ctx, &outsider) })
		newCase := func(subject string, assignee int64, status parley.CaseStatus) parley.Case {
			k := parley.Case{Subject: subject, Source: parley.CaseManual, Status: status, ContactID: f.contact.ID,
				AssigneeID: assignee, RegisteredAt: at(5), CreatedAt: at(5), UpdatedAt: at(5), CreatedBy: f.agent.ID}
			write(t, s, func(tx parley.Tx) error { return tx.CreateCase(ctx, &k) })
			return k
		}
		linked := newCase("linked to a chat of the queue", 0, parley.CaseNew)
		mine := newCase("the outsider's", outsider.ID, parley.CaseResolved)
		lonely := newCase("nobody's", 0, parley.CaseNew)
		c := f.chat(f.identity, f.queue.ID)
		c.CaseID = linked.ID
		f.createChat(t, &c)

		ids := func(filter parley.CaseFilter) []int64 {
			t.Helper()
			list, err := s.Cases(ctx, filter)
			if err != nil {
				t.Fatal(err)
			}
			out := []int64{}
			for _, k := range list {
				out = append(out, k.ID)
			}
			return out
		}
		member := parley.Viewer{AgentID: f.agent2.ID, Role: parley.RoleAgent, Queues: []int64{f.queue.ID}}
		other := parley.Viewer{AgentID: outsider.ID, Role: parley.RoleAgent}
		admin := parley.Viewer{AgentID: 999, Role: parley.RoleAdmin}
		cases := []struct {
			name   string
			filter parley.CaseFilter
			want   []int64
		}{
			{"everything, newest first", parley.CaseFilter{}, []int64{lonely.ID, mine.ID, linked.ID}},
			{"by status", parley.CaseFilter{Statuses: []parley.CaseStatus{parley.CaseResolved}}, []int64{mine.ID}},
			{"by assignee", parley.CaseFilter{AssigneeID: outsider.ID}, []int64{mine.ID}},
			{"by contact", parley.CaseFilter{ContactID: f.contact.ID, Limit: 2}, []int64{lonely.ID, mine.ID}},
			{"before a cursor", parley.CaseFilter{BeforeID: mine.ID}, []int64{linked.ID}},
			{"a member of the chat's queue", parley.CaseFilter{Scope: &member}, []int64{linked.ID}},
			{"an agent of no queue", parley.CaseFilter{Scope: &other}, []int64{mine.ID}},
			{"an admin", parley.CaseFilter{Scope: &admin}, []int64{lonely.ID, mine.ID, linked.ID}},
		}
		for _, tc := range cases {
			equal(t, tc.name, ids(tc.filter), tc.want)
		}
		for _, v := range []parley.Viewer{member, other, admin} {
			for _, k := range []parley.Case{linked, mine, lonely} {
				chats, err := s.CaseChats(ctx, k.ID)
				if err != nil {
					t.Fatal(err)
				}
				listed := false
				for _, id := range ids(parley.CaseFilter{Scope: &v}) {
					listed = listed || id == k.ID
				}
				if v.CanSeeCase(k, chats) != listed {
					t.Errorf("agent %d, case %q: CanSeeCase %v, listed %v", v.AgentID, k.Subject, !listed, listed)
				}
			}
		}
	})
}
