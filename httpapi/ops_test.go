package httpapi

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"parley"
	"parley/core"
	"parley/sqlstore"
	"parley/sqlstore/storetest"
)

func TestCORS(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		preflight := req{method: "OPTIONS", path: "/api/v1/widget/messages", header: map[string]string{
			"Origin": "https://shop.example", "Access-Control-Request-Method": "POST",
			"Access-Control-Request-Headers": "authorization, content-type"}}
		rep := e.must(t, preflight, http.StatusNoContent, nil)
		want := map[string]string{
			"Access-Control-Allow-Origin":  "*",
			"Access-Control-Allow-Headers": "Authorization, Content-Type",
			"Access-Control-Allow-Methods": "GET, POST, PATCH, OPTIONS",
		}
		for k, v := range want {
			if got := rep.header.Get(k); got != v {
				t.Errorf("%s = %q, want %q", k, got, v)
			}
		}
		if rep.header.Get("Set-Cookie") != "" {
			t.Errorf("widget preflight sets a cookie")
		}
		chats := req{method: "OPTIONS", path: "/api/v1/widget/chats/5/messages", header: map[string]string{"Origin": "https://shop.example"}}
		e.must(t, chats, http.StatusNoContent, nil)
		e.must(t, req{method: "OPTIONS", path: "/api/v1/widget/nothing"}, http.StatusNotFound, nil)

		// Refusals carry CORS too, so that the widget can read them.
		rep = e.must(t, req{method: "GET", path: "/api/v1/widget/chats", header: map[string]string{"Origin": "https://shop.example"}}, http.StatusUnauthorized, nil)
		if rep.header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("widget 401 without CORS headers")
		}
		// The agent API is for the console's own origin only.
		rep = e.must(t, req{method: "GET", path: "/api/v1/me", token: e.adminToken, header: map[string]string{"Origin": "https://shop.example"}}, http.StatusOK, nil)
		if rep.header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("agent API answers CORS")
		}
		rep = e.do(t, req{method: "OPTIONS", path: "/api/v1/agents", header: map[string]string{"Origin": "https://shop.example"}})
		if rep.status != http.StatusMethodNotAllowed || rep.header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("agent API preflight: %d %v", rep.status, rep.header)
		}
	})
}

func TestMethodNotAllowed(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		rep := e.do(t, req{method: "PUT", path: "/api/v1/chats/1", token: e.adminToken})
		if rep.status != http.StatusMethodNotAllowed || rep.header.Get("Allow") != "GET, DELETE, HEAD" {
			t.Errorf("status %d, Allow %q", rep.status, rep.header.Get("Allow"))
		}
		rep = e.do(t, req{method: "PUT", path: "/api/v1/agents/1", token: e.adminToken})
		if rep.header.Get("Allow") != "GET, PATCH, HEAD" {
			t.Errorf("Allow %q", rep.header.Get("Allow"))
		}
	})
}

func TestRequestID(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		rep := e.do(t, req{method: "GET", path: "/healthz", header: map[string]string{"X-Request-Id": "trace-42"}})
		if got := rep.header.Get("X-Request-Id"); got != "trace-42" {
			t.Errorf("echoed id %q", got)
		}
		rep = e.do(t, req{method: "GET", path: "/api/v1/me"})
		id := rep.header.Get("X-Request-Id")
		if len(id) < 16 {
			t.Errorf("generated id %q", id)
		}
		if !strings.Contains(e.logs.String(), "request_id="+id) {
			t.Errorf("request %s not logged:\n%s", id, e.logs.String())
		}
	})
}

func TestHealth(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		rep := e.must(t, req{method: "GET", path: "/healthz"}, http.StatusOK, nil)
		if string(rep.body) != "ok\n" {
			t.Errorf("healthz body %q", rep.body)
		}
		e.must(t, req{method: "GET", path: "/readyz"}, http.StatusOK, nil)
	})
}

// TestStoreDown checks /readyz and that an internal error tells the client nothing
// but goes to the log with the request id.
func TestStoreDown(t *testing.T) {
	for _, db := range storetest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			up := newEnv(t, db)
			// A second store on the same database, closed under the API's feet.
			store, err := sqlstore.Open(context.Background(), sqlstore.Options{URL: db.URL})
			if err != nil {
				t.Fatal(err)
			}
			svc, err := core.New(context.Background(), store, up.bus, parley.SystemClock{}, up.api.log, core.Config{})
			if err != nil {
				t.Fatal(err)
			}
			down := *up
			down.api = New(Options{Service: svc, Store: store, Log: up.api.log, Registry: prometheus.NewRegistry()})
			down.srv = httptest.NewServer(down.api.Handler())
			t.Cleanup(down.srv.Close)
			e := &down
			e.must(t, req{method: "GET", path: "/readyz"}, http.StatusOK, nil)
			if err := store.Close(); err != nil {
				t.Fatal(err)
			}
			e.must(t, req{method: "GET", path: "/readyz"}, http.StatusServiceUnavailable, nil)
			rep := e.do(t, req{method: "GET", path: "/api/v1/agents", token: e.adminToken})
			got := rep.errorDetail(t)
			if rep.status != http.StatusInternalServerError || got != (ErrorDetail{Code: parley.CodeInternal, Message: "internal error"}) {
				t.Errorf("status %d, %+v", rep.status, got)
			}
			id := rep.header.Get("X-Request-Id")
			if !regexp.MustCompile(`level=ERROR msg="request failed" request_id=` + id + ` .*closed`).MatchString(e.logs.String()) {
				t.Errorf("the cause of request %s is not in the log:\n%s", id, e.logs.String())
			}
		})
	}
}

func TestMetrics(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		_, token := e.agent(t, "bee@example.com", parley.RoleAgent)
		s := e.configure(t)
		v := e.visitor(t, s.channel.PublicKey)
		e.visitorSays(t, v.Token, "m-1", "Hello")
		e.must(t, req{method: "GET", path: fmt.Sprintf("/api/v1/agents/%d", e.admin.ID), token: token}, http.StatusOK, nil)
		e.do(t, req{method: "GET", path: "/api/v1/agents/999999", token: token})
		e.api.Metrics().WSConnected("agent")
		e.api.Metrics().WSConnected("visitor")
		e.api.Metrics().WSDisconnected("visitor")
		rep := e.must(t, req{method: "GET", path: "/metrics"}, http.StatusOK, nil)
		body := string(rep.body)
		for _, want := range []string{
			`parley_http_requests_total{code="200",method="GET",route="/api/v1/agents/{id}"} 1`,
			`parley_http_requests_total{code="404",method="GET",route="/api/v1/agents/{id}"} 1`,
			`parley_http_requests_total{code="201",method="POST",route="/api/v1/widget/messages"} 1`,
			`parley_http_request_duration_seconds_bucket{route="/api/v1/agents/{id}",le="+Inf"} 2`,
			`parley_websocket_connections{kind="agent"} 1`,
			`parley_websocket_connections{kind="visitor"} 0`,
			`parley_messages_total{author="contact"} 1`,
			`parley_messages_total{author="system"} 1`, // the channel's welcome message
			`parley_chats{state="waiting"} 1`,
			`parley_chats{state="completed"} 0`,
			`parley_channel_jobs{kind="send"} 0`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("metrics lack %s", want)
			}
		}
		if strings.Contains(body, "/api/v1/agents/999999") {
			t.Errorf("a raw path is a metric label")
		}
	})
}
