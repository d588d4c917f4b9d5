package infobip

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"strings"
	"time"

	"parley"
)

// SecretHeader carries the webhook secret when the admin configured it as a
// header in Infobip; SecretParam carries it in the URL's query otherwise.
const (
	SecretHeader = "X-Webhook-Secret"
	SecretParam  = "secret"
)

// timeLayout is Infobip's timestamp, "2019-07-19T11:23:26.998+0000": its
// offset has no colon, which time.RFC3339 rejects.
const timeLayout = "2006-01-02T15:04:05.000-0700"

// Webhook checks the shared secret (Infobip signs nothing), then reads every
// result: an inbound message, a delivery report or a seen report.
func (p *Provider) Webhook(ctx context.Context, ch parley.Channel, req parley.WebhookRequest) (parley.WebhookResult, error) {
	if !secretMatches(ch.Secret(secretWebhookSecret), req) {
		return parley.WebhookResult{}, parley.Errorf(parley.CodeForbidden, "the Infobip webhook secret does not match")
	}
	var d delivery
	if err := json.Unmarshal(req.Body, &d); err != nil {
		return parley.WebhookResult{}, parley.Errorf(parley.CodeMalformed, "the Infobip delivery is not valid JSON: %v", err)
	}
	var res parley.WebhookResult
	for _, r := range d.Results {
		switch {
		case r.Message != nil:
			if in, ok := inboundOf(r); ok {
				res.Inbound = append(res.Inbound, in)
			}
		case r.Status != nil:
			if su, ok := reportOf(r); ok {
				res.Statuses = append(res.Statuses, su)
			}
		case r.SeenAt != "" && r.MessageID != "":
			res.Statuses = append(res.Statuses, parley.StatusUpdate{
				ExternalID: r.MessageID, Status: parley.DeliveryRead, At: parseTime(r.SeenAt),
			})
		}
	}
	return res, nil
}

// secretMatches accepts the secret from the header or the query, compared in
// constant time, and never accepts when the channel has no secret.
func secretMatches(want string, req parley.WebhookRequest) bool {
	if want == "" {
		return false
	}
	for _, got := range []string{req.Header.Get(SecretHeader), req.Query.Get(SecretParam)} {
		if got != "" && subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1 {
			return true
		}
	}
	return false
}

// reportOf maps a delivery report's status group.
func reportOf(r result) (parley.StatusUpdate, bool) {
	su := parley.StatusUpdate{ExternalID: r.MessageID, At: parseTime(r.DoneAt)}
	switch r.Status.GroupName {
	case "PENDING":
		su.Status = parley.DeliverySent
	case "DELIVERED":
		su.Status = parley.DeliveryDelivered
	case "UNDELIVERABLE", "REJECTED", "EXPIRED":
		su.Status, su.Reason = parley.DeliveryFailed, failReason(r)
	default:
		return parley.StatusUpdate{}, false
	}
	return su, r.MessageID != ""
}

// failReason joins the status's description with the error's, when the
// report names a real error (group OK with id 0 means none).
func failReason(r result) string {
	parts := []string{r.Status.Description}
	if e := r.Error; e != nil && e.ID != 0 && e.GroupName != "OK" {
		parts = append(parts, e.Description)
	}
	var kept []string
	for _, s := range parts {
		if s != "" {
			kept = append(kept, s)
		}
	}
	if len(kept) == 0 {
		return "Infobip could not deliver the message (" + r.Status.GroupName + ")"
	}
	return strings.Join(kept, ": ")
}

// parseTime reads Infobip's timestamps (and RFC 3339, should it send that);
// a missing or broken one becomes now, which is when the news reached us.
func parseTime(s string) time.Time {
	for _, layout := range []string{timeLayout, time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Now().UTC()
}
