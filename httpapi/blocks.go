package httpapi

import (
	"net/http"

	"parley"
	"parley/core"
)

// What the block routes' documentation says.
const (
	blockDoc = "Blocks the contact until a time (R3.5): until in RFC 3339, in the future and at most ten years ahead, " +
		"or until_further_notice true instead for a block held until lifted; reason, 1 to 500 characters, is required. " +
		"identity_id blocks one identity of the contact; without it every identity is blocked. Supervisors and admins only (403 for agents); " +
		"422 for a past or missing until, a missing reason, or an identity that is not the contact's; 409 while an active block of the same reach exists. " +
		"The open chats the block stops are completed (agents see an internal contact_blocked note, the contact only the completion). " +
		"While it holds, the contact's messages are accepted as usual but kept apart: they start no chat and reach no agent. " +
		"Every agent gets contact.blocked."
	blocksDoc = "The contact's blocks, its identities' included, newest first: active, lifted and expired. " +
		"A block is never deleted; it ends, lifted early (ended_at, lifted_by, lift_reason) or expired at its until (ended_at)."
	liftDoc = "Ends an active block early, with an optional reason of at most 500 characters (the body may be {}). " +
		"Supervisors and admins only; 409 when it has ended already. Every agent gets contact.unblocked, as when a block expires."
	blockedMessagesDoc = "What the contact wrote while blocked, newest first, with the block that stopped each message. " +
		"Supervisors and admins only."
)

// blocksQuery pages a contact's blocked messages.
type blocksQuery struct {
	Before int64 `query:"before" doc:"cursor: only messages with a smaller id (the previous page's next)"`
	Limit  int   `query:"limit" doc:"page size; 100 when absent, at most 1000"`
}

func (blocksQuery) fromQuery() {}

// blockRoutes is the route table's rows for blocks.
func (a *API) blockRoutes() []route {
	return []route{
		{method: post, path: "/api/v1/contacts/{id}/blocks", summary: "Block a contact or one of its identities", auth: authAgent,
			op: created(a.blockContact), doc: blockDoc},
		{method: get, path: "/api/v1/contacts/{id}/blocks", summary: "A contact's blocks", auth: authAgent, op: ok(a.listBlocks), doc: blocksDoc},
		{method: post, path: "/api/v1/blocks/{id}/lift", summary: "Lift a block early", auth: authAgent, op: ok(a.liftBlock), doc: liftDoc},
		{method: get, path: "/api/v1/contacts/{id}/blocked-messages", summary: "What a blocked contact wrote", auth: authAgent,
			op: ok(a.listBlockedMessages), doc: blockedMessagesDoc},
	}
}

// BlockList is a contact's blocks.
type BlockList = Items[parley.Block]

func (a *API) blockContact(r *http.Request, in core.BlockInput) (parley.Block, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (parley.Block, error) {
		return a.svc.BlockContact(r.Context(), by, id, in)
	})
}

func (a *API) listBlocks(r *http.Request, _ none) (BlockList, error) {
	return asAgentOn(r, func(_ parley.Agent, id int64) (BlockList, error) { return items(a.svc.Blocks(r.Context(), id)) })
}

func (a *API) liftBlock(r *http.Request, in core.LiftInput) (parley.Block, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (parley.Block, error) {
		return a.svc.LiftBlock(r.Context(), by, id, in)
	})
}

func (a *API) listBlockedMessages(r *http.Request, q blocksQuery) (core.BlockedPage, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (core.BlockedPage, error) {
		return a.svc.BlockedMessages(r.Context(), by, id, q.Before, q.Limit)
	})
}
