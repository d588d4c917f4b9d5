package messenger

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"parley"
)

// Graph API error codes that decide how a failed call is treated (Meta's
// "Messenger Platform: common error codes").
const (
	codeTemporary      = 2    // unexpected error, retry later
	codeAppRateLimit   = 4    // application request limit
	codePermission     = 10   // with subcodeWindow: outside the allowed window
	codeUserRateLimit  = 17   // user request limit
	codePageRateLimit  = 32   // Page request limit
	codeUnavailable    = 551  // this person isn't available right now
	codeCallRateLimit  = 613  // calls to this API exceeded the rate limit
	codeSendFailure    = 1200 // temporary send message failure
	subcodeWindow      = 2018278
	subcodeUnavailable = 1545041
)

// graphURL is a Graph API path of the channel with its Page token in the
// query, as the Send API documents it.
func graphURL(ch parley.Channel, path string, query url.Values) string {
	if query == nil {
		query = url.Values{}
	}
	query.Set("access_token", ch.Secret(secretPageToken))
	return baseURL(ch) + "/" + path + "?" + query.Encode()
}

// do runs req and decodes a 2xx answer into out; anything else comes back as
// a *parley.DeliveryError carrying Meta's reason.
func (p *Provider) do(req *http.Request, out any) error {
	resp, err := p.client.Do(req)
	if err != nil {
		return parley.TemporaryError("Messenger is unreachable: "+parley.NetReason(err), 0)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		return callError(resp.StatusCode, resp.Header, body)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxAnswer)).Decode(out); err != nil {
		// A 2xx we cannot read may still have sent the message: retrying
		// could send it twice, so the answer is reported, not retried.
		return parley.PermanentError(fmt.Sprintf("Messenger's answer cannot be read: %v", err))
	}
	return nil
}

// callError classifies a failed call by Meta's error code, else by its HTTP
// status.
func callError(status int, h http.Header, body []byte) *parley.DeliveryError {
	var env struct {
		Error *graphError `json:"error"`
	}
	if json.Unmarshal(body, &env) != nil || env.Error == nil {
		return parley.StatusError(status, fmt.Sprintf("Messenger answered HTTP %d", status), parley.RetryAfter(h))
	}
	e := env.Error
	reason := e.Message
	if reason == "" {
		reason = "Messenger refused the call"
	}
	reason += " (code " + strconv.Itoa(e.Code)
	if e.ErrorSubcode != 0 {
		reason += "/" + strconv.Itoa(e.ErrorSubcode)
	}
	reason += ")"
	switch {
	case e.Code == codeAppRateLimit || e.Code == codeUserRateLimit || e.Code == codePageRateLimit ||
		e.Code == codeCallRateLimit || e.Code == codeTemporary || e.Code == codeSendFailure:
		return parley.TemporaryError(reason, parley.RetryAfter(h))
	case e.Code == codePermission && e.ErrorSubcode == subcodeWindow:
		return parley.PermanentError("outside the 24-hour window: " + reason)
	case e.Code == codeUnavailable || e.ErrorSubcode == subcodeUnavailable:
		return &parley.DeliveryError{Unreachable: true, Reason: reason}
	}
	return parley.StatusError(status, reason, parley.RetryAfter(h))
}
