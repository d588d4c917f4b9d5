package httpapi

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"parley"
	"parley/core"
)

// TestLoginLogoutRestoresStatus checks R1.2: logout makes the agent inactive and
// the next login brings back the status held before.
func TestLoginLogoutRestoresStatus(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		a, token := e.agent(t, "bee@example.com", parley.RoleAgent)
		agentPath := fmt.Sprintf("/api/v1/agents/%d", a.ID)
		status := func() parley.AgentStatus {
			var got parley.Agent
			e.must(t, req{method: "GET", path: agentPath, token: e.adminToken}, http.StatusOK, &got)
			return got.Status
		}
		if s := status(); s != parley.StatusInactive {
			t.Fatalf("new agent is %q, want inactive", s)
		}
		e.setStatus(t, token, parley.StatusActive)
		if s := status(); s != parley.StatusActive {
			t.Fatalf("after setting active: %q", s)
		}
		e.must(t, req{method: "POST", path: "/api/v1/auth/logout", token: token}, http.StatusNoContent, nil)
		if s := status(); s != parley.StatusInactive {
			t.Errorf("after logout: %q, want inactive", s)
		}
		if rep := e.do(t, req{method: "GET", path: "/api/v1/me", token: token}); rep.status != http.StatusUnauthorized {
			t.Errorf("the ended session still works: %d", rep.status)
		}
		res := e.login(t, "bee@example.com", "password-1")
		if res.Agent.Status != parley.StatusActive || status() != parley.StatusActive {
			t.Errorf("after login again: %q, want active", res.Agent.Status)
		}
	})
}

// TestCookieSession checks the console's way in: the cookie, its attributes, and CSRF.
func TestCookieSession(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		e.agent(t, "bee@example.com", parley.RoleAgent)
		rep := e.must(t, req{method: "POST", path: "/api/v1/auth/login", body: LoginInput{Email: "BEE@example.com", Password: "password-1"}}, http.StatusOK, nil)
		cookie := sessionCookieOf(t, rep)
		if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Path != "/" || cookie.Secure {
			t.Errorf("cookie %+v, want HttpOnly, SameSite=Lax, Path=/, not Secure on plain HTTP", cookie)
		}
		if until := time.Until(cookie.Expires); until < 24*time.Hour || cookie.MaxAge <= 0 {
			t.Errorf("cookie expires in %v (max-age %d)", until, cookie.MaxAge)
		}
		var me Me
		e.must(t, req{method: "GET", path: "/api/v1/me", cookie: cookie.Value}, http.StatusOK, &me)
		if me.CSRFToken == "" || me.Agent.Email != "bee@example.com" {
			t.Fatalf("me = %+v", me)
		}
		var a parley.Agent
		e.must(t, req{method: "PUT", path: "/api/v1/me/status", cookie: cookie.Value, csrf: me.CSRFToken,
			body: StatusInput{Status: parley.StatusActive}}, http.StatusOK, &a)
		if a.Status != parley.StatusActive {
			t.Errorf("status %q after a cookie write with CSRF", a.Status)
		}
		rep = e.must(t, req{method: "POST", path: "/api/v1/auth/logout", cookie: cookie.Value, csrf: me.CSRFToken}, http.StatusNoContent, nil)
		if cleared := sessionCookieOf(t, rep); cleared.MaxAge >= 0 || cleared.Value != "" {
			t.Errorf("logout cookie %+v, want it cleared", cleared)
		}
		if rep := e.do(t, req{method: "GET", path: "/api/v1/me", cookie: cookie.Value}); rep.status != http.StatusUnauthorized {
			t.Errorf("cookie after logout: %d", rep.status)
		}
	})
}

func TestSecureCookie(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		e.api.secure = true // as Options.SecureCookies would
		rep := e.must(t, req{method: "POST", path: "/api/v1/auth/login", body: LoginInput{Email: "admin@example.com", Password: adminPassword}}, http.StatusOK, nil)
		if c := sessionCookieOf(t, rep); !c.Secure {
			t.Errorf("cookie %+v, want Secure", c)
		}
	})
}

func sessionCookieOf(t *testing.T, rep reply) *http.Cookie {
	t.Helper()
	for _, c := range (&http.Response{Header: rep.header}).Cookies() {
		if c.Name == sessionCookie {
			return c
		}
	}
	t.Fatalf("no %s cookie in %v", sessionCookie, rep.header)
	return nil
}

// TestWebsocketAuth checks the helpers the websocket endpoints use, mounted with Handle.
func TestWebsocketAuth(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		e.api.Handle("GET /api/v1/ws", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, v, err := e.api.AgentFromRequest(r)
			if err != nil {
				e.api.writeError(w, r, err)
				return
			}
			writeJSON(w, http.StatusOK, map[string]int64{"agent": p.Agent.ID, "viewer": v.AgentID})
		}))
		e.api.Handle("GET /api/v1/widget/ws", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			v, err := e.api.VisitorFromRequest(r)
			if err != nil {
				e.api.writeError(w, r, err)
				return
			}
			writeJSON(w, http.StatusOK, v)
		}))
		login := e.login(t, "admin@example.com", adminPassword)
		upgrade := func(origin string) map[string]string {
			h := map[string]string{"Upgrade": "websocket", "Connection": "Upgrade"}
			if origin != "" {
				h["Origin"] = origin
			}
			return h
		}
		host := e.srv.Listener.Addr().String()
		s := e.configure(t)
		v := e.visitor(t, s.channel.PublicKey)
		cases := []struct {
			name   string
			r      req
			status int
		}{
			{"cookie from this host", req{method: "GET", path: "/api/v1/ws", cookie: login.Token, header: upgrade("http://" + host)}, 200},
			{"cookie from another site", req{method: "GET", path: "/api/v1/ws", cookie: login.Token, header: upgrade("https://evil.example")}, 403},
			{"cookie without origin", req{method: "GET", path: "/api/v1/ws", cookie: login.Token, header: upgrade("")}, 200},
			{"bearer from another site", req{method: "GET", path: "/api/v1/ws", token: login.Token, header: upgrade("https://evil.example")}, 200},
			{"no credentials", req{method: "GET", path: "/api/v1/ws", header: upgrade("http://" + host)}, 401},
			{"visitor token in the query", req{method: "GET", path: "/api/v1/widget/ws?token=" + v.Token}, 200},
			{"visitor bearer token", req{method: "GET", path: "/api/v1/widget/ws", token: v.Token}, 200},
			{"forged visitor token", req{method: "GET", path: "/api/v1/widget/ws?token=" + v.Token + "x"}, 401},
			{"no visitor token", req{method: "GET", path: "/api/v1/widget/ws"}, 401},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				if rep := e.do(t, tc.r); rep.status != tc.status {
					t.Errorf("status %d, want %d: %s", rep.status, tc.status, rep.body)
				}
			})
		}
		var got core.VisitorAuth
		e.must(t, req{method: "GET", path: "/api/v1/widget/ws?token=" + v.Token}, http.StatusOK, &got)
		if got.IdentityID != v.IdentityID || got.ChannelID != s.channel.ID {
			t.Errorf("visitor = %+v", got)
		}
	})
}
