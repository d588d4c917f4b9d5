package httpapi

import (
	"net/http"

	"parley"
	"parley/core"
)

// What the contact routes' documentation says.
const (
	contactsDoc = "Standing contacts (merged ones are left out), newest first: with q, those a quick search finds; " +
		"else of an account or an owner when given."
	contactDoc = "A contact with its identities and how many contacts are like it by the duplicate rules that are on (R3.3). " +
		"name is required on creation; an e-mail or phone that does not parse is kept as typed and matches no rule; " +
		"fields holds the custom fields' values by key, checked against their kind."
	similarDoc = "The contact itself, marked current, then the standing contacts like it by the rules that are on, " +
		"each with the rules it matched by; pairs marked not duplicates are left out."
	mergeDoc = "Merges each contact of from into this one: their identities and chats move here, this one's empty fields take " +
		"their values, and each merge is recorded. All or none: 409 when one was merged meanwhile, 422 for itself."
	undoDoc         = "Moves back what the merge moved: the merged contact stands again with its identities and chats. Who merged, a supervisor or an admin."
	notDupDoc       = "Remembers that two contacts are different people: neither lists the other as similar again."
	accountsDoc     = "Companies that contacts belong to (R3.7), by name; q keeps those whose name holds it, in any case."
	contactFieldDoc = "Custom contact fields (R3.6): key (lower-case letters, digits, _), label, kind text, number, date or choice, and choices for a choice. Admins manage them; key and kind do not change."
	outboundDoc     = "Starts a chat with the contact on one of its identities (R2.21, R3.8), in progress and the caller's, with the caller's first message. 409 names the condition that fails: the channel is not active, the contact never wrote through it, on Messenger and WhatsApp their last message is over 24 hours old, a chat is open there already, or the contact or identity is blocked."
	timelineDoc     = "The contact's history across chats and channels (R3.4), newest first: kind chat (the chats the caller may see), merge, block and case (the cases the caller may see); identity narrows it to one identity's chats and blocks; from and to bound it (RFC 3339 or YYYY-MM-DD)."
	dupRulesDoc     = "The duplicate rules (R3.3): phone (the same number in E.164), email (any case), name (two words or more, Latin or Cyrillic letters), and phone_region, the country of numbers written without a code. Admins set them."
)

// contactRoutes is the route table's rows for contacts, accounts, custom
// fields and duplicates.
func (a *API) contactRoutes() []route {
	return []route{
		{method: get, path: "/api/v1/contacts", summary: "List or find contacts", auth: authAgent, op: ok(a.listContacts), doc: contactsDoc},
		{method: post, path: "/api/v1/contacts", summary: "Create a contact", auth: authAgent, op: created(a.createContact), doc: contactDoc},
		{method: get, path: "/api/v1/contacts/{id}", summary: "A contact with its identities", auth: authAgent, op: ok(a.getContact), doc: contactDoc},
		{method: patch, path: "/api/v1/contacts/{id}", summary: "Change a contact", auth: authAgent, op: ok(a.patchContact), doc: contactDoc},
		{method: get, path: "/api/v1/contacts/{id}/similar", summary: "Similar contacts", auth: authAgent, op: ok(a.similarContacts), doc: similarDoc},
		{method: post, path: "/api/v1/contacts/{id}/merge", summary: "Merge contacts into this one", auth: authAgent, op: ok(a.mergeContacts), doc: mergeDoc},
		{method: get, path: "/api/v1/contacts/{id}/merges", summary: "A contact's merges", auth: authAgent, op: ok(a.contactMerges), doc: mergeDoc},
		{method: post, path: "/api/v1/merges/{id}/undo", summary: "Undo a merge", auth: authAgent, op: ok(a.undoMerge), doc: undoDoc},
		{method: post, path: "/api/v1/contacts/{id}/not-duplicates", summary: "Mark two contacts as different people", auth: authAgent,
			op: noContent(a.notDuplicates), doc: notDupDoc},
		{method: post, path: "/api/v1/contacts/{id}/chats", summary: "Start a chat with a contact", auth: authAgent, op: created(a.startChat), doc: outboundDoc},
		{method: get, path: "/api/v1/contacts/{id}/timeline", summary: "A contact's history", auth: authAgent, op: ok(a.contactTimeline), doc: timelineDoc},
		{method: get, path: "/api/v1/accounts", summary: "List accounts", auth: authAgent, op: ok(a.listAccounts), doc: accountsDoc},
		{method: post, path: "/api/v1/accounts", summary: "Create an account", auth: authAgent, op: created(a.createAccount), doc: accountsDoc},
		{method: get, path: "/api/v1/accounts/{id}", summary: "Get an account", auth: authAgent, op: ok(a.getAccount), doc: accountsDoc},
		{method: patch, path: "/api/v1/accounts/{id}", summary: "Rename an account", auth: authAgent, op: ok(a.patchAccount), doc: accountsDoc},
		{method: get, path: "/api/v1/contact-fields", summary: "List custom contact fields", auth: authAgent, op: ok(a.listContactFields), doc: contactFieldDoc},
		{method: post, path: "/api/v1/contact-fields", summary: "Define a custom contact field", auth: authAgent, op: created(a.createContactField), doc: contactFieldDoc},
		{method: patch, path: "/api/v1/contact-fields/{id}", summary: "Change a custom contact field", auth: authAgent, op: ok(a.patchContactField), doc: contactFieldDoc},
		{method: http.MethodDelete, path: "/api/v1/contact-fields/{id}", summary: "Delete a custom contact field", auth: authAgent,
			op: noContent(a.deleteContactField), doc: contactFieldDoc},
		{method: get, path: "/api/v1/duplicate-rules", summary: "The duplicate rules", auth: authAgent, op: ok(a.getDuplicateRules), doc: dupRulesDoc},
		{method: put, path: "/api/v1/duplicate-rules", summary: "Set the duplicate rules", auth: authAgent, op: ok(a.putDuplicateRules), doc: dupRulesDoc},
	}
}

// contactsQuery selects a page of contacts.
type contactsQuery struct {
	Q       string `query:"q" doc:"a name, an e-mail or a phone number, or their beginning"`
	Account int64  `query:"account" doc:"only this account's contacts"`
	Owner   int64  `query:"owner" doc:"only the contacts this agent owns"`
	Before  int64  `query:"before" doc:"cursor: only contacts with a smaller id"`
	Limit   int    `query:"limit" doc:"page size; 50 when absent, at most 200"`
}

func (contactsQuery) fromQuery() {}

// timelineQuery filters a contact's history.
type timelineQuery struct {
	Identity int64    `query:"identity" doc:"only this identity's chats"`
	Kind     []string `query:"kind" doc:"comma-separated kinds: chat, merge, block, case; all when absent"`
	From     string   `query:"from" doc:"only what happened at or after this time (RFC 3339, or a UTC date YYYY-MM-DD)"`
	To       string   `query:"to" doc:"only what happened before this time (RFC 3339), or through this UTC date (YYYY-MM-DD)"`
	Limit    int      `query:"limit" doc:"most items; 100 when absent, at most 500"`
}

func (timelineQuery) fromQuery() {}

// Timeline is a contact's history.
type Timeline = Items[core.TimelineItem]

func (a *API) startChat(r *http.Request, in core.OutboundInput) (core.OutboundResult, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (core.OutboundResult, error) {
		return a.svc.StartChat(r.Context(), by, id, in)
	})
}

func (a *API) contactTimeline(r *http.Request, in timelineQuery) (Timeline, error) {
	who, err := agentOf(r)
	if err != nil {
		return Timeline{}, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return Timeline{}, err
	}
	q := core.TimelineQuery{IdentityID: in.Identity, Kinds: in.Kind, Limit: in.Limit}
	if q.From, err = searchTime("from", in.From, false); err != nil {
		return Timeline{}, err
	}
	if q.To, err = searchTime("to", in.To, true); err != nil {
		return Timeline{}, err
	}
	return items(a.svc.Timeline(r.Context(), who.Viewer, id, q))
}

// accountsQuery selects accounts.
type accountsQuery struct {
	Q     string `query:"q" doc:"part of the name, any case"`
	Limit int    `query:"limit" doc:"most accounts; 50 when absent, at most 500"`
}

func (accountsQuery) fromQuery() {}

// Lists of the contact routes.
type (
	ContactList      = Items[parley.Contact]
	SimilarList      = Items[parley.Similar]
	MergeList        = Items[parley.Merge]
	AccountList      = Items[parley.Account]
	ContactFieldList = Items[parley.ContactField]
)

func (a *API) listContacts(r *http.Request, q contactsQuery) (ContactList, error) {
	who, err := agentOf(r)
	if err != nil {
		return ContactList{}, err
	}
	if err := checkSearchParams(q.Q, q.Limit); err != nil {
		return ContactList{}, err
	}
	return items(a.svc.Contacts(r.Context(), who.Viewer, q.Q,
		parley.ContactFilter{AccountID: q.Account, OwnerID: q.Owner, Before: q.Before, Limit: q.Limit}))
}

func (a *API) createContact(r *http.Request, in core.ContactPatch) (parley.Contact, error) {
	return asAgent(r, func(by parley.Agent) (parley.Contact, error) { return a.svc.CreateContact(r.Context(), by, in) })
}

func (a *API) getContact(r *http.Request, _ none) (core.ContactRecord, error) {
	return asAgentOn(r, func(_ parley.Agent, id int64) (core.ContactRecord, error) {
		return a.svc.ContactRecord(r.Context(), id)
	})
}

func (a *API) patchContact(r *http.Request, in core.ContactPatch) (parley.Contact, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (parley.Contact, error) {
		return a.svc.UpdateContact(r.Context(), by, id, in)
	})
}

func (a *API) similarContacts(r *http.Request, _ none) (SimilarList, error) {
	return asAgentOn(r, func(_ parley.Agent, id int64) (SimilarList, error) {
		return items(a.svc.SimilarContacts(r.Context(), id))
	})
}

func (a *API) mergeContacts(r *http.Request, in core.MergeInput) (MergeList, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (MergeList, error) {
		return items(a.svc.MergeContacts(r.Context(), by, id, in))
	})
}

func (a *API) contactMerges(r *http.Request, _ none) (MergeList, error) {
	return asAgentOn(r, func(_ parley.Agent, id int64) (MergeList, error) { return items(a.svc.Merges(r.Context(), id)) })
}

func (a *API) undoMerge(r *http.Request, _ none) (parley.Merge, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (parley.Merge, error) { return a.svc.UndoMerge(r.Context(), by, id) })
}

func (a *API) notDuplicates(r *http.Request, in core.NotDuplicatesInput) error {
	_, err := asAgentOn(r, func(by parley.Agent, id int64) (none, error) {
		return none{}, a.svc.NotDuplicates(r.Context(), by, id, in)
	})
	return err
}

func (a *API) listAccounts(r *http.Request, q accountsQuery) (AccountList, error) {
	return asAgent(r, func(parley.Agent) (AccountList, error) { return items(a.svc.Accounts(r.Context(), q.Q, q.Limit)) })
}

func (a *API) createAccount(r *http.Request, in core.AccountInput) (parley.Account, error) {
	return asAgent(r, func(by parley.Agent) (parley.Account, error) { return a.svc.CreateAccount(r.Context(), by, in) })
}

func (a *API) getAccount(r *http.Request, _ none) (parley.Account, error) {
	return asAgentOn(r, func(_ parley.Agent, id int64) (parley.Account, error) { return a.svc.Account(r.Context(), id) })
}

func (a *API) patchAccount(r *http.Request, in core.AccountInput) (parley.Account, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (parley.Account, error) {
		return a.svc.UpdateAccount(r.Context(), by, id, in)
	})
}

func (a *API) listContactFields(r *http.Request, _ none) (ContactFieldList, error) {
	return asAgent(r, func(parley.Agent) (ContactFieldList, error) { return items(a.svc.ContactFields(r.Context())) })
}

func (a *API) createContactField(r *http.Request, in parley.ContactField) (parley.ContactField, error) {
	return asAgent(r, func(by parley.Agent) (parley.ContactField, error) {
		return a.svc.CreateContactField(r.Context(), by, in)
	})
}

func (a *API) patchContactField(r *http.Request, in parley.ContactField) (parley.ContactField, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (parley.ContactField, error) {
		return a.svc.UpdateContactField(r.Context(), by, id, in)
	})
}

func (a *API) deleteContactField(r *http.Request, _ none) error {
	_, err := asAgentOn(r, func(by parley.Agent, id int64) (none, error) {
		return none{}, a.svc.DeleteContactField(r.Context(), by, id)
	})
	return err
}

func (a *API) getDuplicateRules(r *http.Request, _ none) (parley.DuplicateRules, error) {
	return asAgent(r, func(parley.Agent) (parley.DuplicateRules, error) { return a.svc.DuplicateRules(r.Context()) })
}

func (a *API) putDuplicateRules(r *http.Request, in parley.DuplicateRules) (parley.DuplicateRules, error) {
	return asAgent(r, func(by parley.Agent) (parley.DuplicateRules, error) {
		return a.svc.SetDuplicateRules(r.Context(), by, in)
	})
}
