package viber

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"parley"
)

// signatureHeader carries hex(HMAC-SHA256(auth token, raw body)), no prefix.
const signatureHeader = "X-Viber-Content-Signature"

// Webhook checks the callback's signature on the raw body and reads it.
// Events that carry nothing for Parley are answered 200 with nothing in them:
// "webhook" (Viber's check right after set_webhook) and
// "conversation_started", which says the user opened the chat without
// subscribing; Viber would let the answer carry one welcome message, but
// Parley greets a contact when they write, so nothing is recorded or sent.
func (p *Provider) Webhook(ctx context.Context, ch parley.Channel, req parley.WebhookRequest) (parley.WebhookResult, error) {
	if err := verify(req, ch.Secret(secretAuthToken)); err != nil {
		return parley.WebhookResult{}, err
	}
	var cb callback
	if err := json.Unmarshal(req.Body, &cb); err != nil {
		return parley.WebhookResult{}, parley.Errorf(parley.CodeMalformed, "the Viber callback is not valid JSON: %v", err)
	}
	var res parley.WebhookResult
	switch cb.Event {
	case "message":
		if in, ok := inboundOf(cb); ok {
			res.Inbound = append(res.Inbound, in)
		}
	case "subscribed":
		if cb.User != nil && cb.User.ID != "" {
			res.Reachable = append(res.Reachable, parley.ReachChange{ExternalID: cb.User.ID, Reachable: true, Sender: senderOf(*cb.User)})
		}
	case "unsubscribed":
		if cb.UserID != "" {
			res.Reachable = append(res.Reachable, parley.ReachChange{ExternalID: cb.UserID, Reason: "the user unsubscribed"})
		}
	case "delivered", "seen", "failed":
		if su, ok := statusOf(cb); ok {
			res.Statuses = append(res.Statuses, su)
		}
	}
	return res, nil
}

// verify checks the signature in constant time. A channel without a token
// cannot check anything, so it accepts nothing.
func verify(req parley.WebhookRequest, authToken string) error {
	if authToken == "" {
		return parley.Errorf(parley.CodeForbidden, "the channel has no auth token to check signatures with")
	}
	got, err := hex.DecodeString(req.Header.Get(signatureHeader))
	if err != nil || len(got) == 0 {
		return parley.Errorf(parley.CodeForbidden, "the signature is missing or malformed")
	}
	if !hmac.Equal(got, sign(req.Body, authToken)) {
		return parley.Errorf(parley.CodeForbidden, "the signature does not match")
	}
	return nil
}

// sign is HMAC-SHA256 of body keyed with the auth token.
func sign(body []byte, authToken string) []byte {
	mac := hmac.New(sha256.New, []byte(authToken))
	mac.Write(body)
	return mac.Sum(nil)
}

// statusOf maps a receipt to the status of the message it names.
func statusOf(cb callback) (parley.StatusUpdate, bool) {
	if cb.MessageToken == "" {
		return parley.StatusUpdate{}, false
	}
	su := parley.StatusUpdate{ExternalID: string(cb.MessageToken), At: millis(cb.Timestamp)}
	switch cb.Event {
	case "delivered":
		su.Status = parley.DeliveryDelivered
	case "seen":
		su.Status = parley.DeliveryRead
	default:
		su.Status, su.Reason = parley.DeliveryFailed, cb.Desc
		if su.Reason == "" {
			su.Reason = "Viber could not deliver the message"
		}
	}
	return su, true
}
