package httpapi

import (
	"net/http"
	"strings"

	"parley"
	"parley/core"
)

// VisitInput is what the widget reports about the visit as the visitor moves on.
type VisitInput struct {
	Visitor parley.Visitor    `json:"visitor"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// pageQuery selects a page of the visitor's chats.
type pageQuery struct {
	Before int64 `query:"before" doc:"cursor: only chats with a smaller id (the previous page's next)"`
	Limit  int   `query:"limit" doc:"page size; 50 when absent, at most 500"`
}

func (pageQuery) fromQuery() {}

// startSession opens or resumes a visitor's session. What the browser says about
// itself in headers fills what the widget's script left out.
func (a *API) startSession(r *http.Request, in core.VisitorStart) (core.VisitorSession, error) {
	if in.Visitor.UserAgent == "" {
		in.Visitor.UserAgent = r.UserAgent()
	}
	if in.Visitor.Language == "" {
		in.Visitor.Language = firstLanguage(r.Header.Get("Accept-Language"))
	}
	return a.svc.StartVisitor(r.Context(), in)
}

// firstLanguage returns the first tag of an Accept-Language header ("ru-RU,ru;q=0.9" → "ru-RU").
func firstLanguage(header string) string {
	tag, _, _ := strings.Cut(header, ",")
	tag, _, _ = strings.Cut(tag, ";")
	tag = strings.TrimSpace(tag)
	if tag == "*" {
		return ""
	}
	return tag
}

// asVisitor calls fn with the visitor that requireVisitor authenticated.
func asVisitor[T any](r *http.Request, fn func(v core.VisitorAuth) (T, error)) (T, error) {
	v, err := visitorOf(r)
	if err != nil {
		var zero T
		return zero, err
	}
	return fn(v)
}

func (a *API) updateVisit(r *http.Request, in VisitInput) (parley.Identity, error) {
	return asVisitor(r, func(v core.VisitorAuth) (parley.Identity, error) {
		return a.svc.UpdateVisit(r.Context(), v, in.Visitor, in.Fields)
	})
}

func (a *API) visitorSend(r *http.Request, in core.SendInput) (core.SendResult, error) {
	return asVisitor(r, func(v core.VisitorAuth) (core.SendResult, error) { return a.svc.VisitorSend(r.Context(), v, in) })
}

func (a *API) visitorChats(r *http.Request, q pageQuery) (core.ChatPage, error) {
	return asVisitor(r, func(v core.VisitorAuth) (core.ChatPage, error) {
		page, err := a.svc.VisitorChats(r.Context(), v, q.Before, q.Limit)
		page.Chats = nonNil(page.Chats)
		return page, err
	})
}

// visitorMessages reads a chat with the visitor's viewer, so another visitor's chat is not found.
func (a *API) visitorMessages(r *http.Request, q messagesQuery) (core.MessagePage, error) {
	return asVisitor(r, func(v core.VisitorAuth) (core.MessagePage, error) {
		id, err := pathID(r, "id")
		if err != nil {
			return core.MessagePage{}, err
		}
		return a.messages(r, v.Viewer(), id, q)
	})
}

func (a *API) visitorTyping(r *http.Request, _ none) error {
	_, err := asVisitor(r, func(v core.VisitorAuth) (none, error) { return none{}, a.svc.VisitorTyping(r.Context(), v) })
	return err
}

func (a *API) visitorComplete(r *http.Request, _ none) (parley.Chat, error) {
	return asVisitor(r, func(v core.VisitorAuth) (parley.Chat, error) { return a.svc.VisitorComplete(r.Context(), v) })
}
