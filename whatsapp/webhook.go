package whatsapp

import (
	"context"
	"strconv"
	"time"

	"parley"
	"parley/metahook"
)

// Webhook answers Meta's subscription handshake (GET) and reads deliveries
// (POST) after checking their signature on the raw body. Changes for another
// phone number of the same app are skipped: one Meta app may serve several
// numbers, and each is its own Parley channel.
func (p *Provider) Webhook(ctx context.Context, ch parley.Channel, req parley.WebhookRequest) (parley.WebhookResult, error) {
	var n notification
	reply, handshake, err := metahook.Read(req, ch.Secret(secretVerifyToken), ch.Secret(secretAppSecret), &n, "the WhatsApp notification")
	if err != nil || handshake {
		return parley.WebhookResult{Reply: reply}, err
	}
	var res parley.WebhookResult
	if n.Object != "whatsapp_business_account" {
		return res, nil
	}
	phoneID := ch.Setting(settingPhoneNumberID, "")
	for _, e := range n.Entry {
		for _, c := range e.Changes {
			if c.Field != "messages" || c.Value.Metadata.PhoneNumberID != phoneID {
				continue
			}
			readValue(&res, c.Value)
		}
	}
	return res, nil
}

// readValue adds one change's messages and statuses to res.
func readValue(res *parley.WebhookResult, v value) {
	names := make(map[string]string, len(v.Contacts))
	for _, c := range v.Contacts {
		names[c.WaID] = c.Profile.Name
	}
	for _, m := range v.Messages {
		if in, ok := inboundOf(m, names[m.From]); ok {
			res.Inbound = append(res.Inbound, in)
		}
	}
	for _, s := range v.Statuses {
		if su, ok := statusOf(s); ok {
			res.Statuses = append(res.Statuses, su)
		}
	}
}

// statusOf maps one status; "played" (a voice message was heard) counts as
// read, and an unknown status is skipped rather than guessed.
func statusOf(s status) (parley.StatusUpdate, bool) {
	var st parley.DeliveryStatus
	switch s.Status {
	case "sent":
		st = parley.DeliverySent
	case "delivered":
		st = parley.DeliveryDelivered
	case "read", "played":
		st = parley.DeliveryRead
	case "failed":
		st = parley.DeliveryFailed
	default:
		return parley.StatusUpdate{}, false
	}
	if s.ID == "" {
		return parley.StatusUpdate{}, false
	}
	su := parley.StatusUpdate{ExternalID: s.ID, Status: st, At: unixTime(s.Timestamp)}
	if st == parley.DeliveryFailed {
		su.Reason = "WhatsApp could not deliver the message"
		if len(s.Errors) > 0 {
			su.Reason = errorReason(s.Errors[0])
		}
	}
	return su, true
}

// errorReason describes a status error as "title (code): details".
func errorReason(e cloudError) string {
	title := e.Title
	if title == "" {
		title = e.Message
	}
	r := title + " (" + strconv.Itoa(e.Code) + ")"
	if e.ErrorData.Details != "" {
		r += ": " + e.ErrorData.Details
	}
	return r
}

// unixTime reads Meta's string seconds; a missing or broken value becomes
// now, which is when the news reached us.
func unixTime(s string) time.Time {
	sec, err := strconv.ParseInt(s, 10, 64)
	if err != nil || sec <= 0 {
		return time.Now().UTC()
	}
	return time.Unix(sec, 0).UTC()
}
