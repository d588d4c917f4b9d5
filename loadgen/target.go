package loadgen

import (
	"cmp"
	"fmt"
	"log/slog"
	"net/url"
	"time"
)

// Target is what every scenario is told of the server it drives and of how it
// reports.
type Target struct {
	URL   *url.URL
	Admin Credentials
	// SetupTimeout bounds creating accounts and opening connections; SampleEvery
	// is how often the server's /metrics is read.
	SetupTimeout, SampleEvery time.Duration
	// Database and Label describe the server for the report; the API does not tell.
	Database, Label string
	Log             *slog.Logger
}

// check refuses a target without a server or an admin, and fills in defaults,
// setupTimeout among them.
func (t *Target) check(setupTimeout time.Duration) error {
	switch {
	case t.URL == nil:
		return fmt.Errorf("the server URL is required")
	case t.Admin.Email == "" || t.Admin.Password == "":
		return fmt.Errorf("the admin e-mail and password are required")
	}
	t.SetupTimeout = cmp.Or(t.SetupTimeout, setupTimeout)
	t.SampleEvery = cmp.Or(t.SampleEvery, 250*time.Millisecond)
	if t.Log == nil {
		t.Log = slog.New(slog.DiscardHandler)
	}
	return nil
}

// server is the report's description of the server.
func (t Target) server() ServerInfo {
	return ServerInfo{URL: t.URL.String(), Database: t.Database, Label: t.Label}
}
