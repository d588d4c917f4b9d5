package httpapi

import (
	"net/http"

	"parley"
	"parley/core"
)

// What the transfer routes' documentation says.
const (
	transferDoc = "Name exactly one of to_agent_id and to_queue_id. Only a chat in progress, by its owner or a supervisor or admin. " +
		"The chat completes and a child chat (parent_id) goes on: in progress for the agent, or waiting in the queue and routed there. " +
		"An agent may receive it unless deactivated, the owner, or with chats exceeded; a queue needs an agent besides the owner (409 otherwise). " +
		"comment becomes an internal message of the child, seen by agents only. 201 for a new transfer; 200 with the first one when client_id was already used."
	targetsDoc = "Every queue, selectable when it has an agent besides the chat's owner, and every enabled agent but the owner with their state: " +
		"active, inactive, paused or chats_exceeded (not selectable). Agents come active first, then the others, by name."
	ownerDoc = "A supervisor or admin, or the owner handing the chat over. Send version, the chat's version you saw, " +
		"to have the change refused (409) when the chat changed since; of racing changes from one version only one wins."
	historyDoc = "The parents of a chat made by transfers, oldest first, each with up to its last 200 messages, internal ones included, " +
		"and more: true when it has earlier ones; ask for those with parent and before (the first seq you have). " +
		"Empty for a chat that is no transfer's child; the chat's own messages are at /messages."
)

// transferRoutes is the route table's rows for transfers and owner changes.
func (a *API) transferRoutes() []route {
	return []route{
		{method: get, path: "/api/v1/chats/{id}/transfer-targets", summary: "Where a chat may be transferred", auth: authAgent, op: ok(a.transferTargets), doc: targetsDoc},
		{method: post, path: "/api/v1/chats/{id}/transfer", summary: "Transfer a chat to an agent or a queue", auth: authAgent,
			op: choose([]int{http.StatusCreated, http.StatusOK}, transferStatus, a.transferChat), doc: transferDoc},
		{method: get, path: "/api/v1/chats/{id}/owner-candidates", summary: "Who a chat may be handed to, active agents first", auth: authAgent, op: ok(a.ownerCandidates), doc: targetsDoc},
		{method: post, path: "/api/v1/chats/{id}/owner", summary: "Change a chat's owner", auth: authAgent, op: ok(a.changeOwner), doc: ownerDoc},
		{method: get, path: "/api/v1/chats/{id}/history", summary: "The messages of a chat's parents", auth: authAgent, op: ok(a.chatHistory), doc: historyDoc},
	}
}

func (a *API) transferTargets(r *http.Request, _ none) (core.TransferTargets, error) {
	return chatCall(r, func(who agentAuth, id int64) (core.TransferTargets, error) {
		return a.svc.TransferTargets(r.Context(), who.Viewer, id)
	})
}

func (a *API) transferChat(r *http.Request, in core.TransferInput) (core.TransferResult, error) {
	return chatCall(r, func(who agentAuth, id int64) (core.TransferResult, error) {
		return a.svc.Transfer(r.Context(), who.Agent, who.Viewer, id, in)
	})
}

func (a *API) ownerCandidates(r *http.Request, _ none) (core.OwnerCandidates, error) {
	return chatCall(r, func(who agentAuth, id int64) (core.OwnerCandidates, error) {
		return a.svc.OwnerCandidates(r.Context(), who.Viewer, id)
	})
}

func (a *API) changeOwner(r *http.Request, in core.OwnerInput) (parley.Chat, error) {
	return chatCall(r, func(who agentAuth, id int64) (parley.Chat, error) {
		return a.svc.ChangeOwner(r.Context(), who.Agent, who.Viewer, id, in)
	})
}

// historyQuery asks for a page of one parent's earlier messages.
type historyQuery struct {
	Parent int64 `query:"parent" doc:"one chat of the chain: return only its messages before 'before'"`
	Before int64 `query:"before" doc:"with parent: only messages with a smaller seq"`
	Limit  int   `query:"limit" doc:"with parent: page size; 200 when absent, at most 1000"`
}

func (historyQuery) fromQuery() {}

func (a *API) chatHistory(r *http.Request, q historyQuery) (core.ChatHistory, error) {
	if q.Parent < 0 || q.Before < 0 || q.Limit < 0 {
		return core.ChatHistory{}, parley.Errorf(parley.CodeInvalid, "parent, before and limit must not be negative")
	}
	return chatCall(r, func(who agentAuth, id int64) (core.ChatHistory, error) {
		return a.svc.History(r.Context(), who.Viewer, id, core.HistoryQuery{Parent: q.Parent, Before: q.Before, Limit: q.Limit})
	})
}

// transferStatus tells a new transfer (201) from a repeated request for one (200).
func transferStatus(res core.TransferResult) int {
	if res.Created {
		return http.StatusCreated
	}
	return http.StatusOK
}
