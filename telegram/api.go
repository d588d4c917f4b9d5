package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"parley"
)

// maxAnswer bounds an API answer read into memory; real ones are a few KB.
const maxAnswer = 1 << 20

// envelope is every Bot API answer: ok with a result, or an error with
// Telegram's own description and, for some errors, parameters.
type envelope struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter      int   `json:"retry_after"`
		MigrateToChatID int64 `json:"migrate_to_chat_id"`
	} `json:"parameters"`
}

// postJSON calls a method with a JSON body and decodes its result into out
// (nil to drop it). Errors are *parley.DeliveryError.
func (p *Provider) postJSON(ctx context.Context, ch parley.Channel, method string, payload, out any) error {
	body, err := json.Marshal(payload)
	if err != nil {
		return parley.PermanentError(fmt.Sprintf("encoding %s: %v", method, err))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, methodURL(ch, method), bytes.NewReader(body))
	if err != nil {
		return parley.PermanentError(redact(ch, err))
	}
	req.Header.Set("Content-Type", "application/json")
	return p.do(ch, req, out)
}

// get calls a method with its parameters in the query string.
func (p *Provider) get(ctx context.Context, ch parley.Channel, method string, q url.Values, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, methodURL(ch, method)+"?"+q.Encode(), nil)
	if err != nil {
		return parley.PermanentError(redact(ch, err))
	}
	return p.do(ch, req, out)
}

// do sends req and reads the envelope. A network failure is temporary; an
// answer that is not the envelope is judged by its HTTP status alone.
func (p *Provider) do(ch parley.Channel, req *http.Request, out any) error {
	resp, err := p.client.Do(req)
	if err != nil {
		return parley.TemporaryError(redact(ch, err), 0)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return parley.TemporaryError(redact(ch, err), 0)
	}
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		if resp.StatusCode/100 == 2 {
			return parley.TemporaryError("telegram answered without its JSON envelope", 0)
		}
		return parley.StatusError(resp.StatusCode, "telegram answered HTTP "+resp.Status, parley.RetryAfter(resp.Header))
	}
	if !env.OK {
		return apiError(resp, env)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(env.Result, out); err != nil {
		return parley.PermanentError(fmt.Sprintf("reading telegram's answer: %v", err))
	}
	return nil
}

// apiError classifies an ok:false answer: 429 and 5xx are retried (429 after
// parameters.retry_after), a blocked or deleted user is unreachable, and any
// other error is final, with Telegram's description as the reason.
func apiError(resp *http.Response, env envelope) *parley.DeliveryError {
	code := env.ErrorCode
	if code == 0 {
		code = resp.StatusCode
	}
	reason := env.Description
	if reason == "" {
		reason = fmt.Sprintf("telegram error %d", code)
	}
	if code == http.StatusForbidden && unreachable(reason) {
		return &parley.DeliveryError{Unreachable: true, Reason: reason}
	}
	if id := env.Parameters.MigrateToChatID; id != 0 {
		reason += fmt.Sprintf(" (the group is now the supergroup %d)", id)
	}
	retry := time.Duration(env.Parameters.RetryAfter) * time.Second
	if retry == 0 {
		retry = parley.RetryAfter(resp.Header)
	}
	return parley.StatusError(code, reason, retry)
}

// unreachable recognises the 403 descriptions that mean the user cannot be
// written to until they start the bot again.
func unreachable(description string) bool {
	d := strings.ToLower(description)
	return strings.Contains(d, "bot was blocked by the user") || strings.Contains(d, "user is deactivated")
}

// redact keeps the bot token out of error text: net/http errors quote the
// URL, and the token is part of every Bot API URL.
func redact(ch parley.Channel, err error) string {
	msg := err.Error()
	if token := ch.Secret(secretBotToken); token != "" {
		msg = strings.ReplaceAll(msg, token, "<token>")
	}
	return msg
}
