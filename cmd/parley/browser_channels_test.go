package main

import (
	"bytes"
	"fmt"
	"image/color"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"parley"
	bt "parley/browsertest"
	"parley/telegram/telegramtest"
	"parley/whatsapp/whatsapptest"
)

// TestBrowserTelegramChannel has an admin connect a Telegram bot in the
// console (R8.1): the channel is created from the type picker with the fake
// Bot API's address, its secrets are never shown again, and Connect registers
// the webhook. A user writes to the bot; the chat comes to the agent with
// Telegram's icon and the user's photo, the agent's reply reaches the Bot API
// and shows as sent (R8.2); when the user blocks the bot, the reply box says
// why nothing can be sent and the identity shows as unreachable.
func TestBrowserTelegramChannel(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	tg := telegramtest.NewServer()
	t.Cleanup(tg.Close)
	const (
		token   = "123456:browser-test-token"
		secret  = "hook_secret_42"
		userID  = 5550001
		user    = "Tom Telegram"
		hello   = "Hi, is my parcel on its way?"
		replied = "Yes, it left the warehouse today."
	)
	out := bt.NewOutput(t)
	a := bt.Start(t, out, bt.Options{Name: "admin", Language: "en-US"})
	consoleLogin(a, site.base, "admin@example.com")
	ch := adminCreatesTelegram(t, site, a, tg.URL, token, secret)

	a.Click("connect", bt.TestID("channel-connect"))
	a.Wait("the connection confirmed", bt.TestID("connect-result")+`?.dataset.ok === "true"`)
	a.Shot("connected")
	hook := tg.Webhook()
	if want := site.base + ch.WebhookPath; hook.URL != want || hook.SecretToken != secret {
		t.Errorf("setWebhook got %q with secret %q, want %q with %q", hook.URL, hook.SecretToken, want, secret)
	}

	photo, err := os.ReadFile(bt.WritePNG(t, t.TempDir(), "tom.png", 96, 96, color.RGBA{30, 150, 220, 255}, color.RGBA{240, 240, 240, 255}))
	if err != nil {
		t.Fatal(err)
	}
	tg.AddMedia("photo-tom", "image/png", photo)
	tg.SetAvatar(fmt.Sprint(userID), "photo-tom")

	agent := bt.Start(t, out, bt.Options{Name: "agent", Language: "en-US"})
	agentGoesActive(agent, site.base)
	postTelegram(t, site, ch.WebhookPath, secret, telegramtest.TextUpdate(1, userID, user, hello, 10))
	agent.Wait("the Telegram chat listed with its icon", bt.Visible(bt.TestID("chat-row", ` [data-testid="channel-icon"][data-type="telegram"]`)))
	agentAccepts(agent, hello)
	agent.Wait("Telegram's icon over the conversation",
		`document.querySelector('.conv-title [data-testid="channel-icon"]')?.dataset.type === "telegram"`)
	agent.Wait("the user's photo in the contact panel", bt.Visible(bt.TestID("contact-photo"))+` && `+
		bt.TestID("contact-photo")+`.complete && `+bt.TestID("contact-photo")+`.naturalWidth > 0`)
	agent.Wait("a free reply allowed", bt.TestID("composer")+`?.dataset.window === "open"`)

	agent.Type("the reply box", bt.TestID("reply-input"), replied+"\r")
	agent.Wait("the reply shown", bt.HasMessage(consoleAgent, replied))
	agent.Wait("the reply marked sent", consoleAgent+fmt.Sprintf(`.some((m) => m.dataset.delivery === "sent" && m.textContent.includes(%s)
		&& m.querySelector('[data-testid="delivery"]')?.dataset.delivery === "sent")`, bt.JS(replied)))
	agent.Shot("reply sent")
	eventually(t, 10*time.Second, "the reply at the Bot API", func() (bool, string) {
		sent := tg.Sent()
		for _, m := range sent {
			if m.Method == "sendMessage" && m.Text == replied && m.To == fmt.Sprint(userID) && m.Token == token {
				return true, ""
			}
		}
		return false, fmt.Sprintf("sent: %+v", sent)
	})

	postTelegram(t, site, ch.WebhookPath, secret, telegramtest.MemberUpdate(2, userID, user, true))
	agent.Wait("the reply box refused", bt.Visible(bt.TestID("window-refused"))+` && `+bt.TestID("composer")+`?.dataset.window === "refused"`)
	agent.Wait("the send button off", bt.TestID("reply-send")+`?.disabled === true`)
	agent.Wait("the identity unreachable", bt.Visible(bt.TestID("identity-unreachable")))
	agent.Shot("bot blocked")
	for _, b := range []*bt.Browser{a, agent} {
		if v := b.CSPViolations(); len(v) > 0 {
			t.Errorf("the console's Content-Security-Policy blocked %q", v)
		}
	}
}

// adminCreatesTelegram creates a Telegram channel in Admin › Channels, checks
// that its secrets show only as set, and returns it as the API gives it.
func adminCreatesTelegram(t *testing.T, site *browserSite, a *bt.Browser, apiURL, token, secret string) parley.Channel {
	t.Helper()
	a.Click("administration", bt.TestID("nav-admin"))
	a.Click("channels", bt.TestID("admin-channels"))
	a.Wait("the widget channel listed with its icon", bt.Visible(bt.TestID("channel-type", `[data-type="webchat"] [data-testid="channel-icon"]`)))
	a.Click("new", bt.TestID("admin-new"))
	a.Wait("the type picker", bt.Visible(bt.TestID("admin-channel-type")))
	a.Wait("Telegram offered", bt.TestID("admin-channel-type")+`.querySelector('option[value="telegram"]') !== null`)
	setField(a, "admin-channel-type", "telegram")
	a.Wait("Telegram's settings", bt.Visible(bt.TestID("channel-secret-bot_token")))
	a.Type("the name", bt.TestID("admin-channel-name"), "Support bot")
	setField(a, "channel-setting-base_url", apiURL)
	a.Type("the bot token", bt.TestID("channel-secret-bot_token"), token)
	a.Type("the webhook secret", bt.TestID("channel-secret-secret_token"), secret)
	a.Shot("new telegram channel")
	a.Click("save", bt.TestID("admin-save"))
	a.Wait("the webhook address", bt.Visible(bt.TestID("webhook-url")))
	a.Wait("both secrets set", bt.TestID("channel-secret-state-bot_token")+`?.dataset.set === "true" && `+
		bt.TestID("channel-secret-state-secret_token")+`?.dataset.set === "true"`)
	a.Shot("telegram channel saved")

	var list struct{ Items []parley.Channel }
	site.call("GET", "/api/v1/channels", site.admin.token, nil, 200, &list)
	var ch parley.Channel
	for _, c := range list.Items {
		if c.Type == parley.ChannelTelegram {
			ch = c
		}
	}
	if ch.ID == 0 || ch.Name != "Support bot" || ch.Settings["base_url"] != apiURL || !strings.HasPrefix(ch.WebhookPath, "/hooks/") {
		t.Fatalf("the Telegram channel is %+v", ch)
	}
	if got := bt.Eval[string](a, bt.TestID("webhook-url")+`.textContent.trim()`); got != site.base+ch.WebhookPath {
		t.Errorf("the console shows the webhook address %q, want %q", got, site.base+ch.WebhookPath)
	}
	for _, s := range []string{token, secret} {
		shown := bt.Eval[bool](a, fmt.Sprintf(`document.body.innerText.includes(%[1]s) || [...document.querySelectorAll("input")].some((i) => i.value.includes(%[1]s))`, bt.JS(s)))
		if shown {
			t.Errorf("the console shows the secret %q after saving", s)
		}
	}
	_, raw, err := site.do("GET", fmt.Sprintf("/api/v1/channels/%d", ch.ID), site.admin.token, nil)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(token)) || bytes.Contains(raw, []byte(secret)) {
		t.Errorf("the API gives a secret back: %s", raw)
	}
	a.Wait("the channel listed as Telegram", bt.Visible(bt.TestID("admin-row", fmt.Sprintf(`[data-id="%d"] [data-testid="channel-icon"][data-type="telegram"]`, ch.ID))))
	return ch
}

// postTelegram delivers an update to the channel's webhook as Telegram does.
func postTelegram(t *testing.T, site *browserSite, path, secret string, update []byte) {
	t.Helper()
	body, header := telegramtest.Delivery(secret, update)
	postHook(t, site, path, body, header)
}

// postHook delivers a provider's webhook to the channel's path.
func postHook(t *testing.T, site *browserSite, path string, body []byte, header http.Header) {
	t.Helper()
	req, err := http.NewRequest("POST", site.base+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header = header
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the webhook answered %s", resp.Status)
	}
}

// TestBrowserWhatsAppDelivery follows an agent's replies on a WhatsApp chat
// (R8.2): the reply box tells when the 24-hour window closes, and each reply
// shows how far it got as Meta's status webhooks arrive — sent, delivered,
// read, and failed with the reason written under it.
func TestBrowserWhatsAppDelivery(t *testing.T) {
	site := startBrowserSite(t, "en", nil)
	wa := whatsapptest.NewServer()
	t.Cleanup(wa.Close)
	const appSecret = "app-secret-for-the-browser"
	var ch parley.Channel
	site.call("POST", "/api/v1/channels", site.admin.token, map[string]any{"type": "whatsapp", "name": "Shop WhatsApp",
		"queue_id": site.channel.QueueID,
		"settings": map[string]string{"base_url": wa.URL, "phone_number_id": whatsapptest.PhoneNumberID},
		"secrets":  map[string]string{"access_token": "wa-token", "app_secret": appSecret, "verify_token": "wa-verify"}}, 201, &ch)
	hook := func(payload []byte) {
		t.Helper()
		body, header := whatsapptest.Delivery(appSecret, payload)
		postHook(t, site, ch.WebhookPath, body, header)
	}

	a := bt.Start(t, bt.NewOutput(t), bt.Options{Name: "agent", Language: "en-US"})
	agentGoesActive(a, site.base)
	question := "Where is my order 77?"
	hook(whatsapptest.TextMessage("16505551234", "Wanda Whats", question, "wamid.in-1"))
	agentAccepts(a, question)
	a.Wait("WhatsApp's icon on the chat", bt.Visible(bt.TestID("chat-row", ` [data-testid="channel-icon"][data-type="whatsapp"]`)))
	a.Wait("when the window closes", bt.Visible(bt.TestID("window-closes"))+` && `+bt.TestID("composer")+`?.dataset.window === "open"`)
	if closes, err := time.Parse(time.RFC3339, bt.Eval[string](a, bt.TestID("window-closes")+`.dataset.closesAt`)); err != nil ||
		closes.Before(time.Now().Add(23*time.Hour)) || closes.After(time.Now().Add(25*time.Hour)) {
		t.Errorf("the window closes at %v (%v), want in 24 hours", closes, err)
	}

	first := agentRepliesOnWhatsApp(t, a, wa, "It ships tomorrow.")
	for _, status := range []string{"delivered", "read"} {
		hook(whatsapptest.Status(first, status, 0))
		a.Wait("the reply "+status, deliveryOf("It ships tomorrow.")+` === `+bt.JS(status))
	}
	a.Shot("reply read")
	second := agentRepliesOnWhatsApp(t, a, wa, "Anything else?")
	hook(whatsapptest.Status(second, "failed", 131047))
	a.Wait("the second reply failed", deliveryOf("Anything else?")+` === "failed"`)
	a.Wait("the reason under it", consoleAgent+`.some((m) => m.textContent.includes("Anything else?") &&
		m.querySelector('[data-testid="delivery-reason"]')?.textContent.includes("Not delivered:"))`)
	a.Shot("reply failed")
	if got := deliveryOfNow(a, "It ships tomorrow."); got != "read" {
		t.Errorf("the first reply shows %q after the second failed, want read", got)
	}
}

// agentRepliesOnWhatsApp sends a reply, waits until it shows as sent and the
// fake Cloud API has it, and returns the id the API gave it.
func agentRepliesOnWhatsApp(t *testing.T, a *bt.Browser, wa *whatsapptest.Server, text string) string {
	t.Helper()
	a.Type("the reply box", bt.TestID("reply-input"), text+"\r")
	a.Wait("the reply sent: "+text, deliveryOf(text)+` === "sent"`)
	var id string
	eventually(t, 10*time.Second, "the reply at the Cloud API", func() (bool, string) {
		sent := wa.Sent()
		for _, m := range sent {
			if m.Type == "text" && m.Text == text && m.To == "16505551234" {
				id = m.ID
				return true, ""
			}
		}
		return false, fmt.Sprintf("sent: %+v", sent)
	})
	return id
}

// deliveryOf is the delivery mark the agent's message with this text shows.
func deliveryOf(text string) string {
	return fmt.Sprintf(`(%s.find((m) => m.textContent.includes(%s))?.querySelector('[data-testid="delivery"]')?.dataset.delivery ?? "")`,
		consoleAgent, bt.JS(text))
}

func deliveryOfNow(a *bt.Browser, text string) string { return bt.Eval[string](a, deliveryOf(text)) }
