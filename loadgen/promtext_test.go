package loadgen

import "testing"

// TestParseMetrics reads a sample of the server's /metrics: labelled series are
// summed, label values with spaces and braces do not confuse it, NaN parses.
func TestParseMetrics(t *testing.T) {
	text := []byte(`# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
# TYPE process_cpu_seconds_total counter
process_cpu_seconds_total 12.5
process_resident_memory_bytes 3.3554432e+07
parley_websocket_connections{kind="agent"} 3
parley_websocket_connections{kind="visitor"} 40
parley_http_requests_total{code="200",method="GET",route="GET /api/v1/chats/{id}"} 7
go_gc_duration_seconds{quantile="0.5"} NaN
`)
	got, err := parseMetrics(text)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		"process_cpu_seconds_total":     12.5,
		"process_resident_memory_bytes": 33554432,
		"parley_websocket_connections":  43,
		"parley_http_requests_total":    7,
	}
	for name, v := range want {
		if got[name] != v {
			t.Errorf("%s = %v, want %v", name, got[name], v)
		}
	}
	if _, err := parseMetrics([]byte("broken{x=\"1\"\n")); err == nil {
		t.Error("a line without a closing brace was accepted")
	}
}
