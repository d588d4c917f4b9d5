package httpapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"parley"
	"parley/core"
)

// ChannelTypeList lists the messenger types the server can connect.
type ChannelTypeList = Items[parley.ProviderSpec]

// ConnectInput is the server's public address, which the webhook's path follows.
type ConnectInput struct {
	BaseURL string `json:"base_url"`
}

// ConnectResult is the webhook URL the provider was given.
type ConnectResult struct {
	WebhookURL string `json:"webhook_url"`
}

func (a *API) channelRoutes() []route {
	return []route{
		{method: get, path: "/api/v1/channel-types", summary: "List the messenger types, their settings and secrets", auth: authAgent,
			op: ok(a.listChannelTypes)},
		{method: post, path: "/api/v1/channels/{id}/connect", summary: "Register the channel's webhook with its provider (admins)",
			auth: authAgent, op: ok(a.connectChannel),
			doc: "Telegram's setWebhook and Viber's set_webhook; other providers answer 409 with the URL to copy into their settings."},
		{method: get, path: "/api/v1/chats/{id}/window", summary: "What the chat's channel allows to send now (R2.21)",
			auth: authAgent, op: ok(a.chatWindow)},
		{method: post, path: "/hooks/{key}", summary: "A provider's webhook delivery to a messenger channel", op: mounted(http.StatusOK),
			doc: "Checked by the provider's signature or secret on the raw body (403 when it fails, and nothing is stored); answered after what it carries is stored. The channel's webhook_path."},
		{method: get, path: "/hooks/{key}", summary: "Meta's webhook verification handshake (WhatsApp Cloud API, Messenger)", op: mounted(http.StatusOK)},
		{method: get, path: "/api/v1/contacts/{id}/photo", summary: "The contact's photo, from their channel", auth: authAgent,
			op: a.download(false, a.contactPhoto)},
	}
}

func (a *API) listChannelTypes(r *http.Request, _ none) (ChannelTypeList, error) {
	return items(a.svc.ChannelTypes(), nil)
}

func (a *API) connectChannel(r *http.Request, in ConnectInput) (ConnectResult, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (ConnectResult, error) {
		url, err := a.svc.ConnectChannel(r.Context(), by, id, in.BaseURL)
		return ConnectResult{WebhookURL: url}, err
	})
}

func (a *API) chatWindow(r *http.Request, _ none) (core.ChatWindow, error) {
	who, err := agentOf(r)
	if err != nil {
		return core.ChatWindow{}, err
	}
	return byID(r, func(ctx context.Context, id int64) (core.ChatWindow, error) {
		return a.svc.ChatWindow(ctx, who.Viewer, id)
	})
}

func (a *API) contactPhoto(r *http.Request, _ string) (parley.File, error) {
	n, err := pathID(r, "id")
	if err != nil {
		return parley.File{}, err
	}
	return a.svc.ContactPhoto(r.Context(), n)
}

// serveWebhook takes a provider's delivery at /hooks/{key}. The body is read
// whole, within a limit, because signatures are checked on the raw bytes.
// Any answer but 2xx makes the provider deliver again, which is safe: a
// repeated delivery stores nothing new.
func (a *API) serveWebhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, parley.MaxWebhookBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			a.writeError(w, r, parley.Errorf(parley.CodeTooLarge, "the delivery is larger than %d bytes", tooBig.Limit))
			return
		}
		a.writeError(w, r, malformed("unreadable body: %v", err))
		return
	}
	req := parley.WebhookRequest{Method: r.Method, Header: r.Header, Query: r.URL.Query(), Body: body}
	res, err := a.svc.Webhook(r.Context(), r.PathValue("key"), req)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	if res.AfterCommit != nil {
		go func() { // the provider waits for no follow-up of ours
			ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 30*time.Second)
			defer cancel()
			if err := res.AfterCommit(ctx); err != nil {
				a.log.Warn("webhook follow-up failed", "err", err)
			}
		}()
	}
	reply := res.Reply
	if reply == "" {
		reply = "ok"
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = io.WriteString(w, reply)
}
