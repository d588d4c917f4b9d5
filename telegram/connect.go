package telegram

import (
	"context"
	"errors"
	"fmt"

	"parley"
)

// allowedUpdates are the update kinds Webhook reads; asking for no others
// spares Telegram and us the traffic.
var allowedUpdates = []string{"message", "edited_message", "callback_query", "my_chat_member"}

// Connect registers webhookURL with setWebhook, with the channel's secret
// token so that Webhook can tell Telegram's deliveries from anyone else's.
func (p *Provider) Connect(ctx context.Context, ch parley.Channel, webhookURL string) error {
	if ch.Secret(secretBotToken) == "" {
		return parley.Errorf(parley.CodeInvalid, "the Telegram channel has no bot token")
	}
	secret := ch.Secret(secretWebhookCode)
	if !validSecret(secret) {
		return parley.Errorf(parley.CodeInvalid, "the webhook secret token must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -")
	}
	body := map[string]any{"url": webhookURL, "secret_token": secret, "allowed_updates": allowedUpdates}
	err := p.postJSON(ctx, ch, "setWebhook", body, nil)
	var de *parley.DeliveryError
	if errors.As(err, &de) && !de.Temporary {
		return parley.Errorf(parley.CodeInvalid, "telegram refused the webhook: %s", de.Reason)
	}
	if err != nil {
		return fmt.Errorf("telegram setWebhook: %w", err)
	}
	return nil
}

// validSecret follows setWebhook's rule for secret_token.
func validSecret(s string) bool {
	if len(s) < 1 || len(s) > 256 {
		return false
	}
	for _, c := range []byte(s) {
		ok := c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}

// answerCallback acknowledges a button press; Telegram shows a spinner on the
// button until it is answered.
func (p *Provider) answerCallback(ctx context.Context, ch parley.Channel, id string) error {
	if err := p.postJSON(ctx, ch, "answerCallbackQuery", map[string]any{"callback_query_id": id}, nil); err != nil {
		return fmt.Errorf("telegram answerCallbackQuery: %w", err)
	}
	return nil
}
