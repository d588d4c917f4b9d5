package httpapi

import (
	"net/http"

	"parley"
	"parley/core"
)

// What the quick-reply and draft routes' documentation says.
const (
	quickRepliesDoc = "By default, the templates that apply to the caller: scope all, the rooms of their queues, their queues, and their own, by name. " +
		"q keeps those whose name or text holds it, in any case. With chat_id, the chat's queue and room count too and each text comes " +
		"rendered for that chat: {contact.name} becomes the contact's name and {agent.name} the caller's; other braces stay as typed. " +
		"view=editable lists instead every template the caller may change, unrendered."
	quickReplyRightsDoc = "name (at most 100 characters) and text (at most 4000) are required on creation. scope is all, room, queue or agent " +
		"(agent by default); scope_id names the room, queue or agent (0 for all; the caller for agent when absent). " +
		"Admins manage any template, supervisors those of rooms and queues and their own, agents their own; " +
		"another agent's own template is not found for them. 422 for a bad field."
	draftDoc = "What the caller typed in the chat and did not send (R2.10), empty text when nothing. Kept per agent and chat; " +
		"sending a message in the chat deletes the sender's."
	saveDraftDoc = "Keeps text as the caller's draft in the chat, replacing the last; blank text deletes it. Limited like a message (413 past it)."
)

// workspaceRoutes is the route table's rows for quick replies and drafts.
func (a *API) workspaceRoutes() []route {
	return []route{
		{method: get, path: "/api/v1/quick-replies", summary: "Quick replies for me, optionally filtered and rendered for a chat", auth: authAgent,
			op: ok(a.listQuickReplies), doc: quickRepliesDoc},
		{method: post, path: "/api/v1/quick-replies", summary: "Create a quick reply", auth: authAgent, op: created(a.createQuickReply), doc: quickReplyRightsDoc},
		{method: patch, path: "/api/v1/quick-replies/{id}", summary: "Change a quick reply", auth: authAgent, op: ok(a.patchQuickReply), doc: quickReplyRightsDoc},
		{method: http.MethodDelete, path: "/api/v1/quick-replies/{id}", summary: "Delete a quick reply", auth: authAgent, op: noContent(a.deleteQuickReply),
			doc: quickReplyRightsDoc},
		{method: get, path: "/api/v1/chats/{id}/draft", summary: "My draft in a chat", auth: authAgent, op: ok(a.getDraft), doc: draftDoc},
		{method: put, path: "/api/v1/chats/{id}/draft", summary: "Save my draft in a chat", auth: authAgent, op: ok(a.putDraft), doc: saveDraftDoc},
	}
}

// QuickReplyList is a list of quick replies.
type QuickReplyList = Items[parley.QuickReply]

// quickReplyQuery selects the quick replies listed.
type quickReplyQuery struct {
	Q      string `query:"q" doc:"part of the name or text, any case"`
	ChatID int64  `query:"chat_id" doc:"a chat the caller may see: render the texts for it"`
	View   string `query:"view" doc:"editable: every template the caller may change; the ones that apply to the caller when absent"`
}

func (quickReplyQuery) fromQuery() {}

func (a *API) listQuickReplies(r *http.Request, q quickReplyQuery) (QuickReplyList, error) {
	if q.View != "" && q.View != "editable" {
		return QuickReplyList{}, parley.Errorf(parley.CodeInvalid, "view must be editable or absent, not %.40q", q.View)
	}
	who, err := agentOf(r)
	if err != nil {
		return QuickReplyList{}, err
	}
	return items(a.svc.QuickReplies(r.Context(), who.Agent, who.Viewer, core.QuickReplyQuery{Q: q.Q, ChatID: q.ChatID, Editable: q.View == "editable"}))
}

func (a *API) createQuickReply(r *http.Request, in core.QuickReplyPatch) (parley.QuickReply, error) {
	return asAgent(r, func(by parley.Agent) (parley.QuickReply, error) { return a.svc.CreateQuickReply(r.Context(), by, in) })
}

func (a *API) patchQuickReply(r *http.Request, in core.QuickReplyPatch) (parley.QuickReply, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (parley.QuickReply, error) {
		return a.svc.UpdateQuickReply(r.Context(), by, id, in)
	})
}

func (a *API) deleteQuickReply(r *http.Request, _ none) error {
	_, err := asAgentOn(r, func(by parley.Agent, id int64) (none, error) {
		return none{}, a.svc.DeleteQuickReply(r.Context(), by, id)
	})
	return err
}

func (a *API) getDraft(r *http.Request, _ none) (parley.Draft, error) {
	return chatCall(r, func(who agentAuth, id int64) (parley.Draft, error) {
		return a.svc.Draft(r.Context(), who.Agent, who.Viewer, id)
	})
}

func (a *API) putDraft(r *http.Request, in core.DraftInput) (parley.Draft, error) {
	return chatCall(r, func(who agentAuth, id int64) (parley.Draft, error) {
		return a.svc.SaveDraft(r.Context(), who.Agent, who.Viewer, id, in)
	})
}
