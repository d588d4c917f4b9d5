package viber

import (
	"context"
	"fmt"

	"parley"
)

// eventTypes are the callbacks Parley asks for; "message", "subscribed" and
// "unsubscribed" come whatever the list says, and are named for clarity.
var eventTypes = []string{"delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"}

// setWebhook is the body of POST /set_webhook.
type setWebhook struct {
	URL        string   `json:"url"`
	EventTypes []string `json:"event_types"`
	SendName   bool     `json:"send_name"`
	SendPhoto  bool     `json:"send_photo"`
}

// Connect registers webhookURL with set_webhook, asking for the user's name
// and photo with every message. Viber calls the URL once ("webhook" event)
// before it answers, so the channel must already accept deliveries.
func (p *Provider) Connect(ctx context.Context, ch parley.Channel, webhookURL string) error {
	ans, err := p.call(ctx, ch, "set_webhook", setWebhook{URL: webhookURL, EventTypes: eventTypes, SendName: true, SendPhoto: true})
	if err != nil {
		return fmt.Errorf("viber: set_webhook: %w", err)
	}
	if ans.Status != statusOK {
		return parley.Errorf(parley.CodeInvalid, "viber refused the webhook: %s", ans.StatusMessage)
	}
	return nil
}
