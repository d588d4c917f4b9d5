package httpapi

import (
	"net/http"

	"parley"
	"parley/core"
)

// What the case routes' documentation says.
const (
	casesDoc = "Cases (R4): a contact's matter, made from a chat or entered by hand. Status is one of new, in_progress, " +
		"resolved, closed; source is chat or manual; account_id is the contact's account when the case was made (0: none); " +
		"assignee_id 0 is nobody. Admins, and supervisors whom no room or topic right limits, see every case; anyone else " +
		"the cases assigned to them and those linked to a chat they may see. Each change sends case.updated, whose data is " +
		"only the case_id, to every agent's console."
	caseDoc    = "One case with chat_ids, the ids of its linked chats the caller may see; 404 for a case the caller may not see."
	newCaseDoc = "Enters a case by hand: subject (1–200 characters) and contact_id are required; description (at most " +
		"20000 characters) and status (new when absent) are optional; assignee_id is the caller when absent, 0 for nobody. " +
		"The account is the contact's."
	patchCaseDoc    = "Changes subject, description, status or assignee_id (0: nobody) of a case the caller may see; 409 when another change came first."
	caseFromChatDoc = "Creates a case from a chat the caller may see and links the chat to it, in one transaction (R4.1). The body, if any, is ignored: subject = the text of the contact's first message (cut to 200 characters with an ellipsis when longer; the whole text is in the description); description = the texts of every contact message before the first agent reply, one per line (system, welcome and internal messages left out; at most 20000 characters); source chat; status new; registered now; contact the chat's; account the contact's; assignee the chat's owner. 409 when the chat already has a case or is deleted. The chat's consoles get chat.updated."
	linkCaseDoc     = "Links a chat the caller may see to an existing case of the same contact (R4.2), moving it from any case it had; case_id 0 unlinks it. 422 when the case belongs to another contact, does not exist or is not the caller's to see; 409 for a deleted chat. Answers the chat; its consoles get chat.updated."
)

// caseRoutes is the route table's rows for cases.
func (a *API) caseRoutes() []route {
	return []route{
		{method: get, path: "/api/v1/cases", summary: "List cases", auth: authAgent, op: ok(a.listCases), doc: casesDoc},
		{method: post, path: "/api/v1/cases", summary: "Create a case by hand", auth: authAgent, op: created(a.createCase), doc: newCaseDoc},
		{method: get, path: "/api/v1/cases/{id}", summary: "A case with its linked chats", auth: authAgent, op: ok(a.getCase), doc: caseDoc},
		{method: patch, path: "/api/v1/cases/{id}", summary: "Change a case", auth: authAgent, op: ok(a.patchCase), doc: patchCaseDoc},
		{method: post, path: "/api/v1/chats/{id}/case", summary: "Create a case from a chat", auth: authAgent, op: created(a.caseFromChat), doc: caseFromChatDoc},
		{method: put, path: "/api/v1/chats/{id}/case", summary: "Link a chat to a case, or unlink it", auth: authAgent, op: ok(a.linkCase), doc: linkCaseDoc},
	}
}

// casesQuery selects a page of the cases an agent may see.
type casesQuery struct {
	Contact  int64               `query:"contact" doc:"only this contact's cases"`
	Status   []parley.CaseStatus `query:"status" doc:"comma-separated statuses: new, in_progress, resolved, closed; all when absent"`
	Assignee int64               `query:"assignee" doc:"only the cases assigned to this agent"`
	Before   int64               `query:"before" doc:"cursor: only cases with a smaller id (the previous page's next)"`
	Limit    int                 `query:"limit" doc:"page size; 50 when absent, at most 500"`
}

func (casesQuery) fromQuery() {}

func (a *API) listCases(r *http.Request, q casesQuery) (core.CasePage, error) {
	who, err := agentOf(r)
	if err != nil {
		return core.CasePage{}, err
	}
	page, err := a.svc.Cases(r.Context(), who.Viewer, core.CaseQuery{ContactID: q.Contact, Statuses: q.Status,
		AssigneeID: q.Assignee, Before: q.Before, Limit: q.Limit})
	page.Cases = nonNil(page.Cases)
	return page, err
}

func (a *API) createCase(r *http.Request, in core.NewCaseInput) (core.CaseView, error) {
	who, err := agentOf(r)
	if err != nil {
		return core.CaseView{}, err
	}
	return a.svc.CreateCase(r.Context(), who.Agent, in)
}

// caseCall runs fn with the acting agent and the case id of the path.
func caseCall[T any](r *http.Request, fn func(who agentAuth, caseID int64) (T, error)) (T, error) {
	return chatCall(r, fn) // the same: the path's id, read for an agent
}

func (a *API) getCase(r *http.Request, _ none) (core.CaseView, error) {
	return caseCall(r, func(who agentAuth, id int64) (core.CaseView, error) { return a.svc.Case(r.Context(), who.Viewer, id) })
}

func (a *API) patchCase(r *http.Request, in core.CasePatch) (core.CaseView, error) {
	return caseCall(r, func(who agentAuth, id int64) (core.CaseView, error) {
		return a.svc.UpdateCase(r.Context(), who.Agent, who.Viewer, id, in)
	})
}

func (a *API) caseFromChat(r *http.Request, _ none) (core.CaseView, error) {
	return chatCall(r, func(who agentAuth, id int64) (core.CaseView, error) {
		return a.svc.CreateCaseFromChat(r.Context(), who.Agent, who.Viewer, id)
	})
}

func (a *API) linkCase(r *http.Request, in core.CaseLinkInput) (parley.Chat, error) {
	return chatCall(r, func(who agentAuth, id int64) (parley.Chat, error) {
		return a.svc.LinkCase(r.Context(), who.Agent, who.Viewer, id, in)
	})
}
