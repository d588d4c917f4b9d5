package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"

	"parley"
	"parley/core"
	"parley/httpapi"
	"parley/realtime"
)

// mountWebsockets adds the agents' and the visitors' websockets to the API. They live
// here, in the wiring, so that neither adapter has to import the other. An agent's
// websocket is their console being connected: presence learns when each opens and ends.
func mountWebsockets(api *httpapi.API, svc *core.Service, hub *realtime.Hub, presence *core.Presence) {
	api.Handle("GET /api/v1/ws", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, v, err := api.AgentFromRequest(r) // checks Origin when the cookie authenticates
		if err != nil {
			api.WriteError(w, r, err)
			return
		}
		handle := func(ctx context.Context, f realtime.ClientFrame) (any, error) {
			return agentFrame(ctx, svc, p.Agent, f)
		}
		id := p.Agent.ID
		// Marked before the upgrade, so that the close (which may come before Serve
		// returns) always follows it; a client hanging up meanwhile does not cut the write short.
		presence.Opened(context.WithoutCancel(r.Context()), id)
		serveWS(w, r, api, hub, v, "agent", handle, func() { presence.Closed(id) })
	}))
	api.Handle("GET /api/v1/widget/ws", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		visitor, err := api.VisitorFromRequest(r)
		if err != nil {
			api.WriteError(w, r, err)
			return
		}
		handle := func(ctx context.Context, f realtime.ClientFrame) (any, error) {
			return visitorFrame(ctx, svc, visitor, f)
		}
		serveWS(w, r, api, hub, visitor.Viewer(), "visitor", handle, func() {})
	}))
}

// serveWS serves one websocket; ended runs once when it ends, or at once when it
// never started.
func serveWS(w http.ResponseWriter, r *http.Request, api *httpapi.API, hub *realtime.Hub, v parley.Viewer, kind string,
	handle func(context.Context, realtime.ClientFrame) (any, error), ended func()) {
	since := int64(-1) // no id: live events only
	if s := r.URL.Query().Get("since"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			ended()
			api.WriteError(w, r, parley.Errorf(parley.CodeMalformed, "since must be an event id"))
			return
		}
		since = n
	}
	m := api.Metrics()
	err := realtime.Serve(w, r, realtime.ServeOptions{
		Hub: hub, Viewer: v, Since: since, Handle: handle,
		// Agents' origins were checked with their cookie; bearer clients and widgets on
		// customers' sites come from anywhere by design.
		CheckOrigin: func(*http.Request) bool { return true },
		OnClose: func(error) {
			m.WSDisconnected(kind)
			ended()
		},
	})
	if err == nil {
		m.WSConnected(kind)
	} else {
		ended()
	}
}

// sendInput reads a message frame, with the file_ids that the message type adds.
func sendInput(f realtime.ClientFrame) (core.SendInput, error) {
	var extra struct {
		FileIDs []string `json:"file_ids"`
	}
	if err := json.Unmarshal(f.Raw, &extra); err != nil {
		return core.SendInput{}, parley.Errorf(parley.CodeMalformed, "file_ids must be an array of file ids")
	}
	return core.SendInput{ClientID: f.ClientID, Text: f.Text, FileIDs: extra.FileIDs}, nil
}

func agentFrame(ctx context.Context, svc *core.Service, a parley.Agent, f realtime.ClientFrame) (any, error) {
	// The viewer is read again for each frame: queues may have changed since connecting.
	v, err := svc.ViewerOf(ctx, a)
	if err != nil {
		return nil, err
	}
	switch f.Type {
	case "message":
		in, err := sendInput(f)
		if err != nil {
			return nil, err
		}
		return svc.AgentSend(ctx, a, v, f.ChatID, in)
	case "typing":
		return nil, svc.Typing(ctx, v, f.ChatID)
	}
	return nil, parley.Errorf(parley.CodeMalformed, "unknown frame type %q", f.Type)
}

func visitorFrame(ctx context.Context, svc *core.Service, v core.VisitorAuth, f realtime.ClientFrame) (any, error) {
	switch f.Type {
	case "message":
		in, err := sendInput(f)
		if err != nil {
			return nil, err
		}
		return svc.VisitorSend(ctx, v, in)
	case "typing":
		return nil, svc.VisitorTyping(ctx, v)
	}
	return nil, parley.Errorf(parley.CodeMalformed, "unknown frame type %q", f.Type)
}
