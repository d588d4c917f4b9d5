package loadgen

import "testing"

// TestClientIDs checks that client ids read back as written and that another
// run's ids, or anything else, are not taken for this run's.
func TestClientIDs(t *testing.T) {
	const run = "toyz1a2b3c"
	if kind, n, ok := parseClientID(run, clientID(run, idReply, 4711)); !ok || kind != idReply || n != 4711 {
		t.Fatalf("round trip: %c %d %v", kind, n, ok)
	}
	for _, id := range []string{"", run, run + "-", run + "-v", run + "-v-1", run + "-vx", "other-v1", "toyz1a2b3-v1", run + "x-v1"} {
		if kind, n, ok := parseClientID(run, id); ok {
			t.Errorf("%q read as %c %d", id, kind, n)
		}
	}
}

// TestSplitCoversEveryConnection checks that the workers' shares add up to N
// with the asked share of visitors, whatever the number of workers.
func TestSplitCoversEveryConnection(t *testing.T) {
	for _, tc := range []struct {
		n, procs int
		share    float64
	}{{15000, 2, 0.9}, {7, 3, 0.5}, {1, 4, 1}, {10, 1, 0}} {
		c := ConnsConfig{N: tc.n, VisitorsShare: tc.share}
		var visitors, agents int
		for i := range tc.procs {
			v, a := c.split(i, tc.procs)
			visitors += v
			agents += a
		}
		if visitors+agents != tc.n || visitors != int(float64(tc.n)*tc.share+0.5) {
			t.Errorf("%+v: %d visitors and %d agents", tc, visitors, agents)
		}
	}
}
