package telegram_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"parley"
	"parley/telegram"
)

func TestConnect(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, _ string, _ int) {
		answer(w, 200, `{"ok":true,"result":true,"description":"Webhook was set"}`)
	})
	err := telegram.New(nil).Connect(context.Background(), channel(rec.srv.URL), "https://parley.example.com/hooks/telegram/1")
	if err != nil {
		t.Fatal(err)
	}
	calls := rec.Calls()
	if len(calls) != 1 {
		t.Fatalf("%d calls, want 1", len(calls))
	}
	c := calls[0]
	if c.Method != "POST" || c.Path != "/bot"+testToken+"/setWebhook" || c.ContentType != "application/json" {
		t.Errorf("request = %s %s (%s)", c.Method, c.Path, c.ContentType)
	}
	want := `{"allowed_updates":["message","edited_message","callback_query","my_chat_member"],"secret_token":"` + testSecret + `","url":"https://parley.example.com/hooks/telegram/1"}`
	if string(c.Body) != want {
		t.Errorf("body = %s\nwant   %s", c.Body, want)
	}
}

func TestConnectRefused(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, _ string, _ int) {
		answer(w, 400, `{"ok":false,"error_code":400,"description":"Bad Request: bad webhook: HTTPS url must be provided for webhook"}`)
	})
	err := telegram.New(nil).Connect(context.Background(), channel(rec.srv.URL), "http://insecure.example.com/hook")
	if !parley.IsCode(err, parley.CodeInvalid) || !strings.Contains(err.Error(), "HTTPS url must be provided") {
		t.Fatalf("err = %v, want invalid with Telegram's description", err)
	}
}

func TestConnectBadSecret(t *testing.T) {
	for _, secret := range []string{"", "has space", "ünïcode", strings.Repeat("a", 257)} {
		rec := newRecorder(t, func(w http.ResponseWriter, _ string, _ int) { answer(w, 200, `{"ok":true,"result":true}`) })
		ch := channel(rec.srv.URL)
		ch.Secrets["secret_token"] = secret
		err := telegram.New(nil).Connect(context.Background(), ch, "https://parley.example.com/h")
		if !parley.IsCode(err, parley.CodeInvalid) {
			t.Errorf("secret %q: err = %v, want invalid", secret, err)
		}
		if len(rec.Calls()) != 0 {
			t.Errorf("secret %q: setWebhook was called", secret)
		}
	}
}

func TestSpec(t *testing.T) {
	s := telegram.New(nil).Spec()
	if s.Type != parley.ChannelTelegram || s.RatePerSecond != 30 || !s.Connectable {
		t.Errorf("spec = %+v", s)
	}
	if len(s.Settings) != 1 || s.Settings[0].Key != "base_url" || s.Settings[0].Default != "https://api.telegram.org" {
		t.Errorf("settings = %+v", s.Settings)
	}
	secrets := map[string]bool{}
	for _, sec := range s.Secrets {
		secrets[sec.Key] = sec.Required
	}
	if !secrets["bot_token"] || !secrets["secret_token"] || len(secrets) != 2 {
		t.Errorf("secrets = %+v", s.Secrets)
	}
}
