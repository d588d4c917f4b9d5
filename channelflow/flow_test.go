package channelflow_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"parley"
)

// fake is one provider's fake server, as the flow drives it.
type fake interface {
	channelType() parley.ChannelType
	// config is the channel's settings and secrets, pointing at the fake.
	config() (settings, secrets map[string]string)
	// text is a signed delivery of a text message from a user.
	text(id, user, name, text string) ([]byte, http.Header)
	// forged is the same delivery with a wrong signature or secret.
	forged(body []byte) http.Header
	// status is a signed status delivery; false when the provider sends none.
	status(externalID string, s parley.DeliveryStatus) ([]byte, http.Header, bool)
	// sent is the texts the provider accepted, in order.
	sent() []string
	// failNext makes the next n sends fail: as an outage, or as a permanent refusal.
	failNext(n int, permanent bool)
	// givesName says whether the provider tells the sender's name in a message.
	givesName() bool
}

// createChannel makes a channel of the fake's type through the API.
func (e *env) createChannel(t *testing.T, f fake) parley.Channel {
	t.Helper()
	settings, secrets := f.config()
	var ch parley.Channel
	status, body := e.try(t, "POST", "/api/v1/channels", map[string]any{"type": f.channelType(), "name": string(f.channelType()),
		"queue_id": e.queueID, "settings": settings, "secrets": secrets}, &ch)
	if status != http.StatusCreated {
		t.Fatalf("create channel: %d %s", status, body)
	}
	for k, v := range secrets {
		if strings.Contains(body, v) {
			t.Fatalf("the API returned the secret %s: %s", k, body)
		}
		if !slices.Contains(ch.SecretsSet, k) {
			t.Fatalf("secrets_set %v lacks %s", ch.SecretsSet, k)
		}
	}
	if ch.WebhookPath == "" {
		t.Fatalf("channel %s has no webhook path", ch.Type)
	}
	return ch
}

// runFlow takes one chat on the fake's channel from its first message to its
// completion, through duplicates, a forged delivery, statuses out of order, an
// outage of the provider and a permanent refusal.
func runFlow(t *testing.T, e *env, f fake) {
	ch := e.createChannel(t, f)
	body, h := f.text("101", "1001", "Ivan Petrov", "Hello, my order is late")
	for range 2 { // the provider delivers twice: one message
		if status, resp := e.hook(t, ch, "POST", body, h); status != http.StatusOK {
			t.Fatalf("webhook: %d %s", status, resp)
		}
	}
	chats := e.chats(t)
	if len(chats) != 1 || chats[0].ChannelType != f.channelType() {
		t.Fatalf("chats after one message delivered twice: %+v", chats)
	}
	chat := chats[0]
	if got := contactMessages(e.messages(t, chat.ID)); len(got) != 1 || got[0].Text != "Hello, my order is late" {
		t.Fatalf("contact messages: %+v", got)
	}
	if f.givesName() && chat.Name != "Ivan Petrov" {
		t.Fatalf("the contact is named %q, not after the sender", chat.Name)
	}
	forgedBody, _ := f.text("102", "1001", "Ivan Petrov", "forged")
	if status, _ := e.hook(t, ch, "POST", forgedBody, f.forged(forgedBody)); status != http.StatusForbidden {
		t.Fatalf("a forged delivery got %d, not 403", status)
	}
	if got := contactMessages(e.messages(t, chat.ID)); len(got) != 1 {
		t.Fatalf("a forged delivery stored something: %+v", got)
	}
	waitFor(t, "the chat offered to the agent", func() bool { return e.chat(t, chat.ID).OfferedTo != 0 })
	e.call(t, "POST", "/api/v1/chats/"+itoa(chat.ID)+"/accept", nil, nil)

	reply := e.send(t, chat.ID, "c-1", "We are on it")
	e.waitDelivery(t, chat.ID, reply, parley.DeliverySent)
	if n := count(f.sent(), "We are on it"); n != 1 {
		t.Fatalf("the provider got the reply %d times", n)
	}
	e.checkStatuses(t, ch, f, chat.ID, reply)

	f.failNext(3, false)
	later := e.send(t, chat.ID, "c-2", "Sent after the outage")
	e.waitDelivery(t, chat.ID, later, parley.DeliverySent)
	if n := count(f.sent(), "Sent after the outage"); n != 1 {
		t.Fatalf("after an outage the provider got the message %d times, not once", n)
	}

	f.failNext(1, true)
	doomed := e.send(t, chat.ID, "c-3", "Refused for good")
	m := e.waitDelivery(t, chat.ID, doomed, parley.DeliveryFailed)
	if m.DeliveryReason == "" {
		t.Fatal("a failed message has no reason")
	}
	if jobs, err := e.store.CountJobs(context.Background()); err != nil || jobs[parley.JobSend] != 0 {
		t.Fatalf("a permanent failure left send jobs: %v %v", jobs, err)
	}
	if count(f.sent(), "Refused for good") != 0 {
		t.Fatal("the fake recorded a refused message as sent")
	}
	e.call(t, "POST", "/api/v1/chats/"+itoa(chat.ID)+"/complete", nil, nil)
	if c := e.chat(t, chat.ID); c.State != parley.ChatCompleted {
		t.Fatalf("chat state %s after completing", c.State)
	}
}

// checkStatuses delivers read, delivered and sent in that order: the message
// stays read, as the furthest status wins whatever order they come in.
func (e *env) checkStatuses(t *testing.T, ch parley.Channel, f fake, chatID, messageID int64) {
	t.Helper()
	refs, err := e.store.MessageRefs(context.Background(), chatID)
	if err != nil || len(refs) == 0 {
		t.Fatalf("no provider id recorded for the reply: %v %v", refs, err)
	}
	told := 0
	for _, s := range []parley.DeliveryStatus{parley.DeliveryRead, parley.DeliveryDelivered, parley.DeliverySent} {
		body, h, ok := f.status(refs[len(refs)-1], s)
		if !ok {
			continue // the provider has no such status
		}
		told++
		if status, resp := e.hook(t, ch, "POST", body, h); status != http.StatusOK {
			t.Fatalf("status webhook: %d %s", status, resp)
		}
	}
	if m := e.message(t, chatID, messageID); told > 0 && m.Delivery != parley.DeliveryRead {
		t.Fatalf("after read, delivered, sent the message is %q, not read", m.Delivery)
	}
}

func (e *env) send(t *testing.T, chatID int64, clientID, text string) int64 {
	t.Helper()
	var res struct{ Message parley.Message }
	e.call(t, "POST", "/api/v1/chats/"+itoa(chatID)+"/messages", map[string]any{"client_id": clientID, "text": text}, &res)
	if res.Message.Delivery != parley.DeliveryQueued {
		t.Fatalf("a message to a messenger is %q, not queued", res.Message.Delivery)
	}
	return res.Message.ID
}

func (e *env) chat(t *testing.T, id int64) parley.Chat {
	t.Helper()
	var c parley.Chat
	e.call(t, "GET", "/api/v1/chats/"+itoa(id), nil, &c)
	return c
}

func (e *env) message(t *testing.T, chatID, id int64) parley.Message {
	t.Helper()
	for _, m := range e.messages(t, chatID) {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("message %d not in chat %d", id, chatID)
	return parley.Message{}
}

func (e *env) waitDelivery(t *testing.T, chatID, id int64, want parley.DeliveryStatus) parley.Message {
	t.Helper()
	var m parley.Message
	waitFor(t, "message "+itoa(id)+" "+string(want), func() bool {
		m = e.message(t, chatID, id)
		return m.Delivery == want
	})
	return m
}

func count(list []string, s string) int {
	n := 0
	for _, x := range list {
		if strings.Contains(x, s) {
			n++
		}
	}
	return n
}
