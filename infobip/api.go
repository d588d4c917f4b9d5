package infobip

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"

	"parley"
)

const (
	maxErrorBody    = 64 << 10
	maxResponseBody = 1 << 20
)

// sendStatus is the status Infobip puts in a send's answer.
type sendStatus struct {
	GroupName   string `json:"groupName"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// sendAnswer is the answer for one message.
type sendAnswer struct {
	To        string     `json:"to"`
	MessageID string     `json:"messageId"`
	Status    sendStatus `json:"status"`
}

// postJSON sends body to path under the channel's base URL with its API key
// and decodes a 2xx answer into out; anything else is a *parley.DeliveryError.
func (p *Provider) postJSON(ctx context.Context, ch parley.Channel, path string, body, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return parley.PermanentError(fmt.Sprintf("cannot encode the request: %v", err))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, baseURL(ch)+path, bytes.NewReader(b))
	if err != nil {
		return parley.PermanentError(fmt.Sprintf("bad request URL: %v", err))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	authorize(req, ch)
	resp, err := p.client.Do(req)
	if err != nil {
		return parley.TemporaryError(fmt.Sprintf("Infobip is unreachable: %v", err), 0)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		return parley.StatusError(resp.StatusCode, errorReason(resp.StatusCode, raw), parley.RetryAfter(resp.Header))
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxResponseBody)).Decode(out); err != nil {
		// The message may have gone out: a retry could send it twice.
		return parley.PermanentError(fmt.Sprintf("Infobip's answer cannot be read: %v", err))
	}
	return nil
}

// errorReason reads {"requestError":{"serviceException":{"messageId","text",
// "validationErrors"}}}, Infobip's error shape, into one line.
func errorReason(status int, raw []byte) string {
	var env struct {
		RequestError struct {
			ServiceException struct {
				MessageID        string              `json:"messageId"`
				Text             string              `json:"text"`
				ValidationErrors map[string][]string `json:"validationErrors"`
			} `json:"serviceException"`
		} `json:"requestError"`
	}
	if json.Unmarshal(raw, &env) != nil || env.RequestError.ServiceException.Text == "" {
		return fmt.Sprintf("Infobip answered HTTP %d", status)
	}
	se := env.RequestError.ServiceException
	reason := se.Text
	if se.MessageID != "" {
		reason += " (" + se.MessageID + ")"
	}
	fields := make([]string, 0, len(se.ValidationErrors))
	for f := range se.ValidationErrors {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		reason += "; " + f + ": " + strings.Join(se.ValidationErrors[f], ", ")
	}
	return reason
}

// accepted checks a send's answer: Infobip may answer 200 and still reject
// the message in its status, which no retry will change.
func accepted(a sendAnswer, fallbackID string) (parley.SendResult, error) {
	if a.Status.GroupName == "REJECTED" {
		reason := a.Status.Description
		if reason == "" {
			reason = a.Status.Name
		}
		return parley.SendResult{}, parley.PermanentError("Infobip rejected the message: " + reason)
	}
	id := a.MessageID
	if id == "" {
		id = fallbackID
	}
	if id == "" {
		return parley.SendResult{}, parley.PermanentError("Infobip accepted the message but returned no id")
	}
	return parley.SendResult{ExternalID: id}, nil
}
