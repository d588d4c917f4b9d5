package telegram_test

import (
	"context"
	"errors"
	"io"
	"reflect"
	"testing"
	"time"

	"parley"
	"parley/telegram"
	"parley/telegram/telegramtest"
)

// TestAgainstFake runs the adapter against telegramtest, the fake other
// packages use, so that the two cannot drift apart.
func TestAgainstFake(t *testing.T) {
	fake := telegramtest.NewServer()
	defer fake.Close()
	ch, p, ctx := channel(fake.URL), telegram.New(nil), context.Background()

	res, err := p.Send(ctx, ch, parley.Outbound{To: "42", Text: "hi"})
	if err != nil || res.ExternalID != "42:1" {
		t.Fatalf("Send = %+v, %v", res, err)
	}
	res, err = p.Send(ctx, ch, parley.Outbound{To: "42", Text: "look", Files: []parley.OutboundFile{file("a.png", "image/png", true, "PNG")}})
	if err != nil || res.ExternalID != "42:2" {
		t.Fatalf("Send file = %+v, %v", res, err)
	}
	want := []telegramtest.SentMessage{
		{Method: "sendMessage", Token: testToken, To: "42", Text: "hi", MessageID: 1, Body: []byte(`{"chat_id":42,"text":"hi"}`)},
		{Method: "sendPhoto", Token: testToken, To: "42", Caption: "look", FileName: "a.png", FileType: "image/png", File: []byte("PNG"), MessageID: 2},
	}
	if got := fake.Sent(); !reflect.DeepEqual(got, want) {
		t.Errorf("Sent:\n got %+v\nwant %+v", got, want)
	}

	fake.FailNext(1, 429, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}`)
	fake.FailNext(1, 500, "")
	fake.FailNext(1, 403, `{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}`)
	for _, want := range []parley.DeliveryError{
		{Temporary: true, RetryAfter: 3 * time.Second, Reason: "Too Many Requests: retry after 3"},
		{Temporary: true, Reason: "Internal Server Error"},
		{Unreachable: true, Reason: "Forbidden: bot was blocked by the user"},
	} {
		_, err := p.Send(ctx, ch, parley.Outbound{To: "42", Text: "again"})
		var de *parley.DeliveryError
		if !errors.As(err, &de) || *de != want {
			t.Errorf("err = %v, want %+v", err, want)
		}
	}
	if n := len(fake.Sent()); n != 2 {
		t.Errorf("failed sends were recorded: %d", n)
	}

	fake.AddMedia("PHOTO1", "image/jpeg", []byte("JPEGDATA"))
	fake.SetAvatar("42", "PHOTO1")
	for _, ref := range []parley.MediaRef{{ID: "PHOTO1", Kind: "image"}, {ID: "user:42", Kind: "avatar"}} {
		body, err := p.Fetch(ctx, ch, ref)
		if err != nil {
			t.Fatalf("Fetch %s: %v", ref.ID, err)
		}
		data, _ := io.ReadAll(body)
		body.Close()
		if string(data) != "JPEGDATA" {
			t.Errorf("Fetch %s = %q", ref.ID, data)
		}
	}
	if _, err := p.Fetch(ctx, ch, parley.MediaRef{ID: "user:7", Kind: "avatar"}); !parley.IsCode(err, parley.CodeNotFound) {
		t.Errorf("Fetch of a missing avatar: %v, want not found", err)
	}

	if err := p.Connect(ctx, ch, "https://example.com/hook"); err != nil {
		t.Fatal(err)
	}
	wantHook := telegramtest.WebhookConfig{URL: "https://example.com/hook", SecretToken: testSecret,
		AllowedUpdates: []string{"message", "edited_message", "callback_query", "my_chat_member"}}
	if got := fake.Webhook(); !reflect.DeepEqual(got, wantHook) {
		t.Errorf("webhook = %+v", got)
	}
}

// TestFakeBuilders checks that the fake's update builders read as intended.
func TestFakeBuilders(t *testing.T) {
	p, ch := telegram.New(nil), channel("http://127.0.0.1:1")
	read := func(body []byte) parley.WebhookResult {
		t.Helper()
		b, h := telegramtest.Delivery(testSecret, body)
		res, err := p.Webhook(context.Background(), ch, parley.WebhookRequest{Method: "POST", Header: h, Body: b})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if in := read(telegramtest.TextUpdate(1, 42, "Ada Lovelace", "hello", 9)).Inbound; len(in) != 1 ||
		in[0].ExternalID != "42:9" || in[0].Text != "hello" || in[0].Sender.Name != "Ada Lovelace" || in[0].Sender.ExternalID != "42" {
		t.Errorf("TextUpdate read as %+v", in)
	}
	if in := read(telegramtest.TextMessage("43", "Bob", "yo", "10")).Inbound; len(in) != 1 || in[0].ExternalID != "43:10" {
		t.Errorf("TextMessage read as %+v", in)
	}
	if in := read(telegramtest.PhotoUpdate(2, 42, "Ada", "PH", "cap", 11)).Inbound; len(in) != 1 ||
		in[0].Text != "cap" || len(in[0].Media) != 1 || in[0].Media[0].ID != "PH" {
		t.Errorf("PhotoUpdate read as %+v", in)
	}
	if res := read(telegramtest.CallbackUpdate(3, 42, "Ada", "cb1", "yes")); len(res.Inbound) != 1 || res.Inbound[0].Text != "yes" {
		t.Errorf("CallbackUpdate read as %+v", res)
	}
	for _, blocked := range []bool{true, false} {
		res := read(telegramtest.MemberUpdate(4, 42, "Ada", blocked))
		if len(res.Reachable) != 1 || res.Reachable[0].Reachable == blocked || res.Reachable[0].ExternalID != "42" {
			t.Errorf("MemberUpdate(blocked=%v) read as %+v", blocked, res.Reachable)
		}
	}
}
