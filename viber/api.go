package viber

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"parley"
)

// maxAnswer bounds what is read of an API answer; Viber's are tiny.
const maxAnswer = 1 << 20

// call posts body to the API method with the channel's token and returns
// Viber's answer. Only transport failures and non-2xx statuses are errors
// here: Viber answers HTTP 200 even when it refuses, so the caller reads the
// answer's status.
func (p *Provider) call(ctx context.Context, ch parley.Channel, method string, body any) (apiAnswer, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return apiAnswer{}, parley.PermanentError(fmt.Sprintf("cannot encode the request: %v", err))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, baseURL(ch)+"/"+method, bytes.NewReader(b))
	if err != nil {
		return apiAnswer{}, parley.PermanentError(fmt.Sprintf("bad API URL: %v", err))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(authHeader, ch.Secret(secretAuthToken))
	resp, err := p.client.Do(req)
	if err != nil {
		return apiAnswer{}, parley.TemporaryError("Viber is unreachable: "+parley.NetReason(err), 0)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return apiAnswer{}, parley.StatusError(resp.StatusCode, fmt.Sprintf("Viber answered HTTP %d", resp.StatusCode), parley.RetryAfter(resp.Header))
	}
	var ans apiAnswer
	if err := json.Unmarshal(data, &ans); err != nil {
		// The message may have gone out: a retry could send it twice.
		return apiAnswer{}, parley.PermanentError(fmt.Sprintf("Viber's answer cannot be read: %v", err))
	}
	return ans, nil
}

// sendError classifies a send that Viber refused by its status code.
func sendError(ans apiAnswer) *parley.DeliveryError {
	reason := ans.StatusMessage
	if reason == "" {
		reason = "Viber refused the message"
	}
	reason += " (status " + strconv.Itoa(ans.Status) + ")"
	switch ans.Status {
	case statusReceiverNotRegistered, statusReceiverNotSubscribed:
		return &parley.DeliveryError{Unreachable: true, Reason: reason}
	case statusTooManyRequests:
		// Viber allows 100 messages to a user per hour without a reply.
		return parley.TemporaryError(reason, 0)
	}
	return parley.PermanentError(reason)
}
