package messenger

import (
	"context"
	"strconv"

	"parley"
	"parley/metahook"
)

// Webhook answers Meta's subscription handshake (GET) and reads deliveries
// (POST) after checking their signature on the raw body. Entries for another
// Page of the same app are skipped: each Page is its own Parley channel.
func (p *Provider) Webhook(ctx context.Context, ch parley.Channel, req parley.WebhookRequest) (parley.WebhookResult, error) {
	var n notification
	reply, handshake, err := metahook.Read(req, ch.Secret(secretVerifyToken), ch.Secret(secretAppSecret), &n, "the Messenger notification")
	if err != nil || handshake {
		return parley.WebhookResult{Reply: reply}, err
	}
	var res parley.WebhookResult
	if n.Object != "page" {
		return res, nil
	}
	pageID := ch.Setting(settingPageID, "")
	for _, e := range n.Entry {
		if pageID != "" && e.ID != pageID {
			continue
		}
		for _, ev := range e.Messaging {
			readEvent(&res, ev)
		}
	}
	return res, nil
}

// readEvent adds what one messaging event carries to res. Events without a
// PSID (the chat plugin's user_ref) name nobody Parley can answer.
func readEvent(res *parley.WebhookResult, ev event) {
	psid := ev.Sender.ID
	if psid == "" {
		return
	}
	switch {
	case ev.Message != nil:
		if in, ok := inboundOf(psid, ev); ok {
			res.Inbound = append(res.Inbound, in)
		}
	case ev.MessageEdit != nil:
		if e := ev.MessageEdit; e.MID != "" {
			res.Inbound = append(res.Inbound, parley.Inbound{ExternalID: e.MID, Sender: senderOf(psid), Text: e.Text,
				Edit: true, SentAt: millis(int64(ev.Timestamp))})
		}
	case ev.Postback != nil:
		res.Inbound = append(res.Inbound, postbackOf(psid, ev))
	case ev.Delivery != nil:
		// Without mids only the watermark is known; older clients send that
		// alone, and a read receipt follows soon enough to cover it.
		at := millis(int64(ev.Delivery.Watermark))
		for _, mid := range ev.Delivery.MIDs {
			if mid != "" {
				res.Statuses = append(res.Statuses, parley.StatusUpdate{ExternalID: mid, Status: parley.DeliveryDelivered, At: at})
			}
		}
	case ev.Read != nil:
		res.Statuses = append(res.Statuses, parley.StatusUpdate{ExternalID: watermarkPrefix + psid,
			Status: parley.DeliveryRead, At: millis(int64(ev.Read.Watermark))})
	}
}

// postbackOf is a tapped button, recorded as the words on it. A postback from
// a Get Started button or the persistent menu has no mid; its id is then made
// of the person and the time, so a repeated delivery still dedupes and two
// people tapping in the same millisecond do not collide.
func postbackOf(psid string, ev event) parley.Inbound {
	pb := ev.Postback
	id := pb.MID
	if id == "" {
		id = "postback:" + psid + ":" + strconv.FormatInt(int64(ev.Timestamp), 10)
	}
	text := pb.Title
	if text == "" {
		text = pb.Payload
	}
	return parley.Inbound{ExternalID: id, Sender: senderOf(psid), Text: text, SentAt: millis(int64(ev.Timestamp))}
}

// senderOf is the person as the webhook names them: by PSID only. Messenger
// sends no name; getting it takes a call to the User Profile API, and
// Webhook does no network I/O, so the name stays empty. The photo is fetched
// after the commit through the profile (see Fetch).
func senderOf(psid string) parley.Sender {
	return parley.Sender{ExternalID: psid, Avatar: &parley.MediaRef{ID: profilePrefix + psid, Kind: "avatar"}}
}
