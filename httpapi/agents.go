package httpapi

import (
	"net/http"

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

// AgentList is a list of agents.
type AgentList = Items[parley.Agent]

func (a *API) listAgents(r *http.Request, _ none) (AgentList, error) {
	return items(a.svc.Agents(r.Context()))
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
		return a.svc.SetStatus(r.Context(), by, id, in.Status)
	})
}
