package telegram_test

import (
	"context"
	"net/http"
	"reflect"
	"testing"
	"time"

	"parley"
	"parley/telegram"
	"parley/telegram/telegramtest"
)

func webhookReq(secret string, body []byte) parley.WebhookRequest {
	h := http.Header{}
	if secret != "" {
		h.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	return parley.WebhookRequest{Method: http.MethodPost, Header: h, Body: body}
}

var (
	ada = parley.Sender{
		ExternalID: "111222333",
		Name:       "Ada Lovelace",
		Avatar:     &parley.MediaRef{Kind: "avatar", ID: "user:111222333"},
	}
	sentAt = time.Unix(1717171717, 0).UTC()
)

func TestWebhookMessages(t *testing.T) {
	msg := func(id string, in parley.Inbound) parley.Inbound {
		in.ExternalID, in.Sender, in.SentAt = id, ada, sentAt
		return in
	}
	tests := []struct {
		file string
		want []parley.Inbound
	}{
		{"text.json", []parley.Inbound{msg("111222333:101", parley.Inbound{Text: "Hello, I need help with my order 🙂"})}},
		{"photo.json", []parley.Inbound{msg("111222333:102", parley.Inbound{Text: "The parcel arrived broken",
			Media: []parley.MediaRef{{ID: "AgACAgIAAxkBAAIBZ2ZlargeX", Kind: "image", ContentType: "image/jpeg"}}})}},
		{"document.json", []parley.Inbound{msg("111222333:103", parley.Inbound{Text: "My invoice",
			Media: []parley.MediaRef{{ID: "BQACAgIAAxkBAAIBaGZdoc", Kind: "document", Name: "invoice-42.pdf", ContentType: "application/pdf"}}})}},
		{"audio.json", []parley.Inbound{msg("111222333:104", parley.Inbound{
			Media: []parley.MediaRef{{ID: "CQACAgIAAxkBAAIBaWZaudio", Kind: "audio", Name: "recording.mp3", ContentType: "audio/mpeg"}}})}},
		{"video.json", []parley.Inbound{msg("111222333:105", parley.Inbound{
			Media: []parley.MediaRef{{ID: "BAACAgIAAxkBAAIBamZvideo", Kind: "video", Name: "unboxing.mp4", ContentType: "video/mp4"}}})}},
		{"voice.json", []parley.Inbound{msg("111222333:106", parley.Inbound{
			Media: []parley.MediaRef{{ID: "AwACAgIAAxkBAAIBa2Zvoice", Kind: "voice", ContentType: "audio/ogg"}}})}},
		{"video_note.json", []parley.Inbound{msg("111222333:107", parley.Inbound{
			Media: []parley.MediaRef{{ID: "DQACAgIAAxkBAAIBbGZnote", Kind: "video", ContentType: "video/mp4"}}})}},
		{"sticker.json", []parley.Inbound{msg("111222333:108", parley.Inbound{
			Media: []parley.MediaRef{{ID: "CAACAgIAAxkBAAIBbWZsticker", Kind: "sticker", ContentType: "image/webp"}}})}},
		{"sticker_animated.json", []parley.Inbound{msg("111222333:109", parley.Inbound{
			Media: []parley.MediaRef{{ID: "CAACAgIAAxkBAAIBbmZtgs", Kind: "sticker", ContentType: "application/x-tgsticker"}}})}},
		{"location.json", []parley.Inbound{msg("111222333:110", parley.Inbound{
			Location: &parley.Location{Latitude: 52.520008, Longitude: 13.404954}})}},
		{"venue.json", []parley.Inbound{msg("111222333:111", parley.Inbound{
			Location: &parley.Location{Latitude: 48.858844, Longitude: 2.294351, Name: "Eiffel Tower", Address: "Champ de Mars, 5 Avenue Anatole France, Paris"}})}},
		{"contact.json", []parley.Inbound{msg("111222333:112", parley.Inbound{
			Card: &parley.ContactCard{Name: "Grace Hopper", Phones: []string{"+15551234567"}, Emails: []string{"grace@example.com"}}})}},
		{"edited_message.json", []parley.Inbound{{ExternalID: "111222333:101", Sender: ada, Edit: true,
			Text: "Hello, I need help with my order #42", SentAt: time.Unix(1717171800, 0).UTC()}}},
		{"group_message.json", nil},
		{"supergroup_message.json", nil},
	}
	p := telegram.New(nil)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := p.Webhook(context.Background(), channel("http://127.0.0.1:1"), webhookReq(testSecret, readTestdata(t, tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(res.Inbound, tt.want) {
				t.Errorf("inbound:\n got %+v\nwant %+v", res.Inbound, tt.want)
			}
			if len(res.Statuses) != 0 || len(res.Reachable) != 0 || res.AfterCommit != nil {
				t.Errorf("unexpected extras: %+v", res)
			}
		})
	}
}

func TestWebhookMemberUpdates(t *testing.T) {
	tests := []struct {
		file string
		want parley.ReachChange
	}{
		{"my_chat_member_kicked.json", parley.ReachChange{ExternalID: "111222333", Reachable: false, Reason: "the user blocked the bot", Sender: ada}},
		{"my_chat_member_member.json", parley.ReachChange{ExternalID: "111222333", Reachable: true, Sender: ada}},
	}
	p := telegram.New(nil)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := p.Webhook(context.Background(), channel("http://127.0.0.1:1"), webhookReq(testSecret, readTestdata(t, tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Reachable) != 1 || !reflect.DeepEqual(res.Reachable[0], tt.want) {
				t.Errorf("reachable = %+v, want [%+v]", res.Reachable, tt.want)
			}
			if len(res.Inbound) != 0 {
				t.Errorf("inbound = %+v, want none", res.Inbound)
			}
		})
	}
}

func TestWebhookCallbackQuery(t *testing.T) {
	tests := []struct {
		file, id, data string
	}{
		{"callback_query.json", "4382bfdwdsb323b2d9", "yes"},
		{"callback_query_inline.json", "4382bfdwdsb323b2e0", "rate:5"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			fake := telegramtest.NewServer()
			defer fake.Close()
			ch := channel(fake.URL)
			res, err := telegram.New(nil).Webhook(context.Background(), ch, webhookReq(testSecret, readTestdata(t, tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Inbound) != 1 {
				t.Fatalf("inbound = %+v, want one", res.Inbound)
			}
			in := res.Inbound[0]
			if in.ExternalID != "cb:"+tt.id || in.Text != tt.data || !reflect.DeepEqual(in.Sender, ada) {
				t.Errorf("inbound = %+v", in)
			}
			if fake.Hits("answerCallbackQuery") != 0 {
				t.Fatal("Webhook answered the query itself: it must do no I/O")
			}
			if res.AfterCommit == nil {
				t.Fatal("no AfterCommit to answer the query")
			}
			if err := res.AfterCommit(context.Background()); err != nil {
				t.Fatal(err)
			}
			if got := fake.Answered(); !reflect.DeepEqual(got, []string{tt.id}) {
				t.Errorf("answered %v, want [%s]", got, tt.id)
			}
		})
	}
}
