package httpapi

import (
	"net/http"

	"parley"
	"parley/core"
)

// chatsQuery selects a page of the chats an agent may see.
type chatsQuery struct {
	State   []parley.ChatState `query:"state" doc:"comma-separated states: waiting, in_progress, completed; all when absent"`
	Queue   int64              `query:"queue" doc:"only the chats of this queue"`
	Owner   int64              `query:"owner" doc:"only the chats this agent owns"`
	Contact int64              `query:"contact" doc:"only this contact's chats, from every channel"`
	Deleted bool               `query:"deleted" doc:"true: the deleted chats instead (R2.18), for those with a right over them"`
	Unread  bool               `query:"unread" doc:"true: only the chats with contact messages I have not read (the Unread list)"`
	Before  int64              `query:"before" doc:"cursor: only chats with a smaller id (the previous page's next)"`
	Limit   int                `query:"limit" doc:"page size; 50 when absent, at most 500"`
}

func (chatsQuery) fromQuery() {}

// messagesQuery selects a page of one chat's messages.
type messagesQuery struct {
	After  int64 `query:"after" doc:"only messages with a greater seq"`
	Before int64 `query:"before" doc:"only messages with a smaller seq, newest page first"`
	Limit  int   `query:"limit" doc:"page size; 100 when absent, at most 1000"`
}

func (messagesQuery) fromQuery() {}

// eventsQuery reads the event log after an id.
type eventsQuery struct {
	After int64 `query:"after" doc:"the last event id the client has seen; 0 for the beginning"`
	Limit int   `query:"limit" doc:"most events to return; 1000 when absent, at most 10000"`
}

func (eventsQuery) fromQuery() {}

// EventPage is the events after a client's last id, and the id to ask after next.
type EventPage struct {
	Events      []parley.Event `json:"events"`
	LastEventID int64          `json:"last_event_id"`
}

func (a *API) listChats(r *http.Request, q chatsQuery) (core.ChatPage, error) {
	who, err := agentOf(r)
	if err != nil {
		return core.ChatPage{}, err
	}
	page, err := a.svc.Chats(r.Context(), who.Viewer, core.ChatQuery{States: q.State, QueueID: q.Queue,
		OwnerID: q.Owner, ContactID: q.Contact, Deleted: q.Deleted, Unread: q.Unread, Before: q.Before, Limit: q.Limit})
	page.Chats = nonNil(page.Chats)
	return page, err
}

// chatCall runs fn with the acting agent and the chat id of the path.
func chatCall[T any](r *http.Request, fn func(who agentAuth, chatID int64) (T, error)) (T, error) {
	var zero T
	who, err := agentOf(r)
	if err != nil {
		return zero, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return zero, err
	}
	return fn(who, id)
}

func (a *API) getChat(r *http.Request, _ none) (parley.Chat, error) {
	return chatCall(r, func(who agentAuth, id int64) (parley.Chat, error) { return a.svc.Chat(r.Context(), who.Viewer, id) })
}

func (a *API) chatContact(r *http.Request, _ none) (core.ChatContact, error) {
	return chatCall(r, func(who agentAuth, id int64) (core.ChatContact, error) {
		return a.svc.ContactOfChat(r.Context(), who.Viewer, id)
	})
}

func (a *API) chatMessages(r *http.Request, q messagesQuery) (core.MessagePage, error) {
	return chatCall(r, func(who agentAuth, id int64) (core.MessagePage, error) {
		return a.messages(r, who.Viewer, id, q)
	})
}

// messages reads a page of a chat for an agent or a visitor, whose viewer decides what they see.
func (a *API) messages(r *http.Request, v parley.Viewer, chatID int64, q messagesQuery) (core.MessagePage, error) {
	page, err := a.svc.Messages(r.Context(), v, parley.MessageFilter{ChatID: chatID, AfterSeq: q.After, BeforeSeq: q.Before, Limit: q.Limit})
	page.Messages = nonNil(page.Messages)
	return page, err
}

func (a *API) sendMessage(r *http.Request, in core.SendInput) (core.SendResult, error) {
	return chatCall(r, func(who agentAuth, id int64) (core.SendResult, error) {
		return a.svc.AgentSend(r.Context(), who.Agent, who.Viewer, id, in)
	})
}

func (a *API) acceptChat(r *http.Request, _ none) (parley.Chat, error) {
	return chatCall(r, func(who agentAuth, id int64) (parley.Chat, error) {
		return a.svc.Accept(r.Context(), who.Agent, who.Viewer, id)
	})
}

func (a *API) declineChat(r *http.Request, _ none) error {
	_, err := chatCall(r, func(who agentAuth, id int64) (none, error) {
		return none{}, a.svc.Decline(r.Context(), who.Agent, who.Viewer, id)
	})
	return err
}

func (a *API) completeChat(r *http.Request, _ none) (parley.Chat, error) {
	return chatCall(r, func(who agentAuth, id int64) (parley.Chat, error) {
		return a.svc.Complete(r.Context(), who.Agent, who.Viewer, id)
	})
}

func (a *API) agentTyping(r *http.Request, _ none) error {
	_, err := chatCall(r, func(who agentAuth, id int64) (none, error) {
		return none{}, a.svc.Typing(r.Context(), who.Viewer, id)
	})
	return err
}

// events serves clients that poll instead of holding a websocket.
func (a *API) events(r *http.Request, q eventsQuery) (EventPage, error) {
	who, err := agentOf(r)
	if err != nil {
		return EventPage{}, err
	}
	events, err := a.svc.Events(r.Context(), who.Viewer, q.After, q.Limit)
	if err != nil {
		return EventPage{}, err
	}
	page := EventPage{Events: nonNil(events), LastEventID: q.After}
	if len(events) > 0 {
		page.LastEventID = events[len(events)-1].ID
	}
	return page, nil
}

// sendStatus tells a new message (201) from a repeated delivery of one (200).
func sendStatus(res core.SendResult) int {
	if res.Created {
		return http.StatusCreated
	}
	return http.StatusOK
}
