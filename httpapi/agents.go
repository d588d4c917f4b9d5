package httpapi

import (
	"net/http"
	"time"

	"parley"
	"parley/core"
)

// Items is a list answer: {"items":[…]}.
type Items[T any] struct {
	Items []T `json:"items"`
}

func items[T any](list []T, err error) (Items[T], error) {
	return Items[T]{Items: nonNil(list)}, err
}

// AgentList is a list of agents with what is derived for lists.
type AgentList = Items[parley.AgentSummary]

func (a *API) listAgents(r *http.Request, _ none) (AgentList, error) {
	return items(a.svc.AgentSummaries(r.Context()))
}

func (a *API) createAgent(r *http.Request, in core.AgentInput) (parley.Agent, error) {
	return asAgent(r, func(by parley.Agent) (parley.Agent, error) { return a.svc.CreateAgent(r.Context(), by, in) })
}

func (a *API) getAgent(r *http.Request, _ none) (parley.Agent, error) {
	return byID(r, a.svc.Agent)
}

func (a *API) patchAgent(r *http.Request, in core.AgentPatch) (parley.Agent, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (parley.Agent, error) {
		return a.svc.UpdateAgent(r.Context(), by, id, in)
	})
}

// deactivateAgent is the admin's one-click "disable": no login, no chats.
func (a *API) deactivateAgent(r *http.Request, _ none) (parley.Agent, error) {
	disabled := true
	return a.patchAgent(r, core.AgentPatch{Disabled: &disabled})
}

func (a *API) setAgentStatus(r *http.Request, in StatusInput) (parley.Agent, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (parley.Agent, error) {
		return a.svc.ChangeStatus(r.Context(), by, id, in)
	})
}

// statusTimeQuery is the period of a status-time report.
type statusTimeQuery struct {
	From string `query:"from" doc:"start of the period, RFC 3339; 24 hours before to when absent"`
	To   string `query:"to" doc:"end of the period, RFC 3339; now when absent"`
}

func (statusTimeQuery) fromQuery() {}

func (a *API) statusTime(r *http.Request, in statusTimeQuery) (core.StatusTime, error) {
	to := a.clock.Now()
	if in.To != "" {
		t, err := time.Parse(time.RFC3339Nano, in.To)
		if err != nil {
			return core.StatusTime{}, malformed("to must be an RFC 3339 time")
		}
		to = t.UTC()
	}
	from := to.Add(-24 * time.Hour)
	if in.From != "" {
		t, err := time.Parse(time.RFC3339Nano, in.From)
		if err != nil {
			return core.StatusTime{}, malformed("from must be an RFC 3339 time")
		}
		from = t.UTC()
	}
	return asAgentOn(r, func(by parley.Agent, id int64) (core.StatusTime, error) {
		return a.svc.StatusTime(r.Context(), by, id, from, to)
	})
}

// PauseReasonList is a list of pause reasons.
type PauseReasonList = Items[parley.PauseReason]

func (a *API) listPauseReasons(r *http.Request, _ none) (PauseReasonList, error) {
	return items(a.svc.PauseReasons(r.Context()))
}

func (a *API) createPauseReason(r *http.Request, in core.PauseReasonPatch) (parley.PauseReason, error) {
	return asAgent(r, func(by parley.Agent) (parley.PauseReason, error) {
		return a.svc.CreatePauseReason(r.Context(), by, in)
	})
}

func (a *API) patchPauseReason(r *http.Request, in core.PauseReasonPatch) (parley.PauseReason, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (parley.PauseReason, error) {
		return a.svc.UpdatePauseReason(r.Context(), by, id, in)
	})
}
