package loadgen

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// Report is the outcome of a run, as a table for people and as JSON for records.
type Report struct {
	Scenario string `json:"scenario"`
	Date     string `json:"date"`
	// Command is the command line the run came from; the caller fills it in.
	Command      []string         `json:"command,omitempty"`
	Params       any              `json:"params"`
	Machine      Machine          `json:"machine"`
	Server       ServerInfo       `json:"server"`
	Messages     *MessagesResult  `json:"messages,omitempty"`
	Conns        *ConnsResult     `json:"conns,omitempty"`
	Routing      *RoutingResult   `json:"routing,omitempty"`
	ServerUsage  ServerUsage      `json:"server_usage"`
	Client       ClientUsage      `json:"client"`
	Load         MachineLoad      `json:"machine_load"`
	Errors       map[string]int64 `json:"errors"`
	ErrorSamples []string         `json:"error_samples,omitempty"`
	Notes        []string         `json:"notes,omitempty"`
}

// ServerInfo is what the report says of the server under load.
type ServerInfo struct {
	URL string `json:"url"`
	// Database is what the person running the tool said; the API does not tell.
	Database string `json:"database,omitempty"`
	Label    string `json:"label,omitempty"`
}

func newReport(scenario string, params any, server ServerInfo, errs *errorLog) *Report {
	counts, samples := errs.snapshot()
	return &Report{Scenario: scenario, Date: time.Now().UTC().Format(time.RFC3339), Params: params,
		Machine: thisMachine(), Server: server, Errors: counts, ErrorSamples: samples}
}

// ErrorCount is the number of errors of every kind.
func (r *Report) ErrorCount() int64 {
	var n int64
	for _, c := range r.Errors {
		n += c
	}
	return n
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return nil
}
