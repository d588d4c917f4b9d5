package httpapi

import (
	"context"
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"

	"parley"
	"parley/core"
)

// sessionCookie holds the console's session token.
const sessionCookie = "parley_session"

// ctxKey keys the values the middleware puts in a request's context.
type ctxKey int

const (
	agentKey ctxKey = iota
	visitorKey
	requestIDKey
)

// agentAuth is the acting agent of a request and what they may see.
type agentAuth struct {
	core.Principal
	Viewer parley.Viewer
}

// AgentFromRequest authenticates an agent by bearer token or session cookie.
// A cookie-authenticated unsafe request must carry the session's CSRF token; a
// cookie-authenticated websocket upgrade, which cannot carry it, must come from
// a page of this host instead.
func (a *API) AgentFromRequest(r *http.Request) (core.Principal, parley.Viewer, error) {
	ctx := r.Context()
	token, byCookie, err := sessionToken(r)
	if err != nil {
		return core.Principal{}, parley.Viewer{}, err
	}
	p, err := a.svc.Authenticate(ctx, token)
	if err != nil {
		return core.Principal{}, parley.Viewer{}, err
	}
	if byCookie {
		if err := checkCookieRequest(r, p.Session); err != nil {
			return core.Principal{}, parley.Viewer{}, err
		}
	}
	v, err := a.svc.ViewerOf(ctx, p.Agent)
	if err != nil {
		return core.Principal{}, parley.Viewer{}, err
	}
	return p, v, nil
}

// sessionToken takes the token from the Authorization header, else the cookie.
func sessionToken(r *http.Request) (token string, byCookie bool, err error) {
	if h := r.Header.Get("Authorization"); h != "" {
		token, err := bearer(h)
		return token, false, err
	}
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		return c.Value, true, nil
	}
	return "", false, parley.Errorf(parley.CodeUnauthorized, "not logged in")
}

func bearer(header string) (string, error) {
	scheme, token, ok := strings.Cut(header, " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", parley.Errorf(parley.CodeUnauthorized, "the Authorization header must be \"Bearer <token>\"")
	}
	return token, nil
}

// checkCookieRequest stops cross-site requests riding on the console's cookie.
func checkCookieRequest(r *http.Request, s parley.Session) error {
	if isWebsocket(r) {
		if !sameOrigin(r) {
			return parley.Errorf(parley.CodeForbidden, "the websocket must be opened from this site")
		}
		return nil
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(s.CSRFToken)) != 1 {
		return parley.Errorf(parley.CodeForbidden, "the X-CSRF-Token header is missing or wrong")
	}
	return nil
}

func isWebsocket(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}

// sameOrigin reports whether the Origin header, when a browser sent one, names this host.
func sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true // not a browser, so not a cross-site request
	}
	u, err := url.Parse(origin)
	return err == nil && strings.EqualFold(u.Host, r.Host)
}

// VisitorFromRequest authenticates a widget visitor by bearer token, or by the
// token query parameter, since browsers cannot set headers on a websocket.
func (a *API) VisitorFromRequest(r *http.Request) (core.VisitorAuth, error) {
	token := r.URL.Query().Get("token")
	if h := r.Header.Get("Authorization"); h != "" {
		var err error
		if token, err = bearer(h); err != nil {
			return core.VisitorAuth{}, err
		}
	}
	if token == "" {
		return core.VisitorAuth{}, parley.Errorf(parley.CodeUnauthorized, "a visitor token is required")
	}
	return a.svc.AuthenticateVisitor(token)
}

// requireAgent lets only authenticated agents through, with them in the context.
func (a *API) requireAgent(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, v, err := a.AgentFromRequest(r)
		if err != nil {
			a.writeError(w, r, err)
			return
		}
		ctx := context.WithValue(r.Context(), agentKey, agentAuth{Principal: p, Viewer: v})
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// requireVisitor lets only visitors with a valid token through, with them in the context.
func (a *API) requireVisitor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, err := a.VisitorFromRequest(r)
		if err != nil {
			a.writeError(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), visitorKey, v)))
	})
}

// agentOf returns the acting agent that requireAgent put in the context. Its
// absence is a wiring mistake; acting as agent 0 instead would see unowned chats.
func agentOf(r *http.Request) (agentAuth, error) {
	who, ok := r.Context().Value(agentKey).(agentAuth)
	if !ok {
		return agentAuth{}, &parley.Error{Code: parley.CodeInternal, Message: "route " + r.Pattern + " has no agent authentication"}
	}
	return who, nil
}

// visitorOf returns the visitor that requireVisitor put in the context.
func visitorOf(r *http.Request) (core.VisitorAuth, error) {
	v, ok := r.Context().Value(visitorKey).(core.VisitorAuth)
	if !ok {
		return core.VisitorAuth{}, &parley.Error{Code: parley.CodeInternal, Message: "route " + r.Pattern + " has no visitor authentication"}
	}
	return v, nil
}
