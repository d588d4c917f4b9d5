package whatsapp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"parley"
)

// Error codes that decide how a failed call is retried. See Meta's "Error
// codes" page for the Cloud API.
const (
	codeAppRateLimit    = 4      // application request limit
	codeWABARateLimit   = 80007  // WhatsApp Business Account rate limit
	codeThroughput      = 130429 // Cloud API throughput reached
	codeSpamRateLimit   = 131048 // quality-based send limit
	codePairRateLimit   = 131056 // too many messages to one user in a short time
	codeReengagement    = 131047 // more than 24 hours since the user last wrote
	codeUndeliverable   = 131026 // not on WhatsApp, old client, or terms not accepted
	maxErrorBody        = 64 << 10
	maxResponseBodySize = 1 << 20
)

// postJSON sends body to url with the channel's token and decodes a 2xx
// answer into out; anything else comes back as a *parley.DeliveryError.
func (p *Provider) postJSON(ctx context.Context, ch parley.Channel, url string, body, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return parley.PermanentError(fmt.Sprintf("cannot encode the request: %v", err))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b))
	if err != nil {
		return parley.PermanentError(fmt.Sprintf("bad request URL: %v", err))
	}
	req.Header.Set("Content-Type", "application/json")
	return p.do(ch, req, out)
}

// do runs req with the channel's token and classifies the answer.
func (p *Provider) do(ch parley.Channel, req *http.Request, out any) error {
	authorize(req, ch)
	resp, err := p.client.Do(req)
	if err != nil {
		return parley.TemporaryError(fmt.Sprintf("WhatsApp is unreachable: %v", err), 0)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		return callError(resp.StatusCode, resp.Header, body)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxResponseBodySize)).Decode(out); err != nil {
		// A 2xx we cannot read may still have sent the message: retrying
		// could send it twice, so the answer is reported, not retried.
		return parley.PermanentError(fmt.Sprintf("WhatsApp's answer cannot be read: %v", err))
	}
	return nil
}

// callError classifies a failed Graph API call by its HTTP status and, more
// reliably, by Meta's error code.
func callError(status int, h http.Header, body []byte) *parley.DeliveryError {
	var env struct {
		Error *cloudError `json:"error"`
	}
	if json.Unmarshal(body, &env) != nil || env.Error == nil {
		return parley.StatusError(status, fmt.Sprintf("WhatsApp answered HTTP %d", status), parley.RetryAfter(h))
	}
	e := env.Error
	reason := e.Message
	if reason == "" {
		reason = e.Title
	}
	if e.ErrorData.Details != "" {
		reason += ": " + e.ErrorData.Details
	}
	switch e.Code {
	case codeAppRateLimit, codeWABARateLimit, codeThroughput, codeSpamRateLimit, codePairRateLimit:
		return parley.TemporaryError(reason, parley.RetryAfter(h))
	case codeReengagement:
		return parley.PermanentError("more than 24 hours have passed since the customer last wrote: " +
			"only an approved template can be sent now (" + reason + ")")
	case codeUndeliverable:
		return &parley.DeliveryError{Unreachable: true, Reason: reason}
	}
	return parley.StatusError(status, reason, parley.RetryAfter(h))
}
