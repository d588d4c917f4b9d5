package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"strconv"
	"time"

	"parley"
)

// SecretHeader carries the secret_token given to setWebhook on every delivery.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// Webhook checks the secret header, then reads one Update. Only private chats
// count: a support bot added to a group must not turn the group into a chat.
// Telegram sends no delivery or read receipts to bots, so Statuses stay empty.
func (p *Provider) Webhook(ctx context.Context, ch parley.Channel, req parley.WebhookRequest) (parley.WebhookResult, error) {
	if !secretMatches(ch.Secret(secretWebhookCode), req.Header.Get(SecretHeader)) {
		return parley.WebhookResult{}, parley.Errorf(parley.CodeForbidden, "the Telegram secret token does not match")
	}
	var u update
	if err := json.Unmarshal(req.Body, &u); err != nil {
		return parley.WebhookResult{}, parley.Errorf(parley.CodeMalformed, "the Telegram update is not valid JSON: %v", err)
	}
	var res parley.WebhookResult
	switch {
	case u.Message != nil:
		if in, ok := inboundOf(u.Message); ok {
			res.Inbound = append(res.Inbound, in)
		}
	case u.EditedMessage != nil:
		if in, ok := editOf(u.EditedMessage); ok {
			res.Inbound = append(res.Inbound, in)
		}
	case u.CallbackQuery != nil:
		res = p.callback(ch, u.CallbackQuery)
	case u.MyChatMember != nil:
		if rc, ok := reachOf(u.MyChatMember); ok {
			res.Reachable = append(res.Reachable, rc)
		}
	}
	return res, nil
}

// secretMatches compares in constant time, and never accepts when the channel
// has no secret: an unset secret must not open the webhook to anyone.
func secretMatches(want, got string) bool {
	if want == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}

// callback turns a button press into the contact's message and answers the
// query after the commit, which stops the spinner on the user's button.
func (p *Provider) callback(ch parley.Channel, q *callbackQuery) parley.WebhookResult {
	if q.Message != nil && q.Message.Chat.Type != "private" {
		return parley.WebhookResult{}
	}
	var res parley.WebhookResult
	if q.Data != "" {
		res.Inbound = []parley.Inbound{{
			ExternalID: "cb:" + q.ID,
			Sender:     senderOf(q.From),
			Text:       q.Data,
			SentAt:     time.Now().UTC(), // a callback query carries no date of its own
		}}
	}
	id := q.ID
	res.AfterCommit = func(ctx context.Context) error { return p.answerCallback(ctx, ch, id) }
	return res
}

// reachOf reads a private chat's member update: the user blocked the bot
// ("kicked") or started it again ("member").
func reachOf(m *chatMemberUpdated) (parley.ReachChange, bool) {
	if m.Chat.Type != "private" {
		return parley.ReachChange{}, false
	}
	who := m.From
	if who.ID == 0 {
		who = user{ID: m.Chat.ID, FirstName: m.Chat.FirstName, LastName: m.Chat.LastName, Username: m.Chat.Username}
	}
	rc := parley.ReachChange{ExternalID: strconv.FormatInt(who.ID, 10), Sender: senderOf(who)}
	switch m.NewChatMember.Status {
	case "kicked":
		rc.Reason = "the user blocked the bot"
	case "member":
		rc.Reachable = true
	default:
		return parley.ReachChange{}, false
	}
	return rc, true
}
