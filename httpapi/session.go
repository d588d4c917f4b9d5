package httpapi

import (
	"net/http"
	"time"

	"parley"
	"parley/core"
)

// LoginInput is the body of a login.
type LoginInput struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// Me is the logged-in agent as the console needs it after a reload.
type Me struct {
	Agent     parley.Agent `json:"agent"`
	CSRFToken string       `json:"csrf_token"`
	Queues    []int64      `json:"queues"`
	// Limits says which files the agent may upload.
	Limits parley.FileLimits `json:"limits"`
}

// StatusInput sets an agent's status: paused with the id of an active pause reason.
type StatusInput = core.StatusInput

// login opens a session and gives its token both in the body, for API clients,
// and in an HttpOnly cookie, which the console's scripts cannot read.
func (a *API) login(w http.ResponseWriter, r *http.Request, in LoginInput) (core.LoginResult, error) {
	res, err := a.svc.Login(r.Context(), in.Email, in.Password)
	if err != nil {
		return core.LoginResult{}, err
	}
	c := a.cookie(r, res.Token)
	c.Expires = res.ExpiresAt
	c.MaxAge = max(1, int(res.ExpiresAt.Sub(a.clock.Now())/time.Second))
	http.SetCookie(w, c)
	return res, nil
}

// logout ends the session (the agent becomes inactive, R1.2) and clears the cookie.
func (a *API) logout(w http.ResponseWriter, r *http.Request, _ none) (none, error) {
	who, err := agentOf(r)
	if err != nil {
		return none{}, err
	}
	if err := a.svc.Logout(r.Context(), who.Principal); err != nil {
		return none{}, err
	}
	c := a.cookie(r, "")
	c.MaxAge = -1
	http.SetCookie(w, c)
	return none{}, nil
}

func (a *API) cookie(r *http.Request, value string) *http.Cookie {
	return &http.Cookie{Name: sessionCookie, Value: value, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: a.secure || r.TLS != nil}
}

// me gives the console what it needs after a reload, its CSRF token included.
func (a *API) me(r *http.Request, _ none) (Me, error) {
	who, err := agentOf(r)
	if err != nil {
		return Me{}, err
	}
	return Me{Agent: who.Agent, CSRFToken: who.Session.CSRFToken, Queues: nonNil(who.Viewer.Queues), Limits: a.svc.FileLimits()}, nil
}

func (a *API) patchMySettings(r *http.Request, in core.SettingsPatch) (parley.Agent, error) {
	return asAgent(r, func(by parley.Agent) (parley.Agent, error) { return a.svc.UpdateSettings(r.Context(), by, in) })
}

func (a *API) setMyStatus(r *http.Request, in StatusInput) (parley.Agent, error) {
	who, err := agentOf(r)
	if err != nil {
		return parley.Agent{}, err
	}
	return a.svc.ChangeStatus(r.Context(), who.Agent, who.Agent.ID, in)
}

// nonNil makes an empty list travel as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
