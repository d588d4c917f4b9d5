package viber

import (
	"context"
	"encoding/hex"
	"net/http"
	"reflect"
	"testing"
	"time"

	"parley"
)

const docToken = "4912661846655238145" // exceeds 2^53: a float64 would end in …144

var (
	docTime = time.UnixMilli(1457764197627).UTC()
	john    = parley.Sender{ExternalID: "01234567890A=", Name: "John McClane",
		Avatar: &parley.MediaRef{URL: "http://avatar.example.com", Kind: "avatar"}}
)

func TestWebhookMessages(t *testing.T) {
	msg := func(in parley.Inbound) []parley.Inbound {
		in.ExternalID, in.Sender, in.SentAt = docToken, john, docTime
		return []parley.Inbound{in}
	}
	tests := []struct {
		file string
		want []parley.Inbound
	}{
		{"text.json", msg(parley.Inbound{Text: "a message to the service"})},
		{"picture.json", msg(parley.Inbound{Text: "Photo description",
			Media: []parley.MediaRef{{URL: "http://www.images.com/img.jpg", Name: "img.jpg", Kind: "image"}}})},
		{"video.json", msg(parley.Inbound{Media: []parley.MediaRef{{URL: "http://www.images.com/video.mp4", Kind: "video"}}})},
		{"file.json", msg(parley.Inbound{Media: []parley.MediaRef{{URL: "http://www.images.com/file.doc", Name: "name_of_file.doc", Kind: "document"}}})},
		{"sticker.json", msg(parley.Inbound{Media: []parley.MediaRef{{URL: "https://viber.example.com/stickers/46105.png", Kind: "sticker"}}})},
		{"contact.json", msg(parley.Inbound{Card: &parley.ContactCard{Name: "Itamar", Phones: []string{"+972511123123"}}})},
		{"location.json", msg(parley.Inbound{Location: &parley.Location{Latitude: 50.76891, Longitude: 6.11499}})},
		{"url.json", msg(parley.Inbound{Text: "http://developers.viber.com"})},
		{"conversation_started.json", nil},
		{"webhook.json", nil},
	}
	p := New(nil)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := p.Webhook(context.Background(), testChannel(""), signed(readTestdata(t, tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(res.Inbound, tt.want) {
				t.Errorf("inbound:\n got %+v\nwant %+v", res.Inbound, tt.want)
			}
			if len(res.Statuses)+len(res.Reachable) != 0 || res.Reply != "" {
				t.Errorf("unexpected %+v", res)
			}
		})
	}
}

func TestWebhookStatuses(t *testing.T) {
	tests := []struct {
		file string
		want parley.StatusUpdate
	}{
		{"delivered.json", parley.StatusUpdate{ExternalID: docToken, Status: parley.DeliveryDelivered, At: docTime}},
		{"seen.json", parley.StatusUpdate{ExternalID: docToken, Status: parley.DeliveryRead, At: docTime}},
		{"failed.json", parley.StatusUpdate{ExternalID: docToken, Status: parley.DeliveryFailed, Reason: "failure description", At: docTime}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := New(nil).Webhook(context.Background(), testChannel(""), signed(readTestdata(t, tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Statuses) != 1 || !reflect.DeepEqual(res.Statuses[0], tt.want) || len(res.Inbound) != 0 {
				t.Errorf("got %+v, want status %+v", res, tt.want)
			}
		})
	}
}

func TestWebhookSubscriptions(t *testing.T) {
	tests := []struct {
		file string
		want parley.ReachChange
	}{
		{"subscribed.json", parley.ReachChange{ExternalID: "01234567890A=", Reachable: true, Sender: john}},
		{"unsubscribed.json", parley.ReachChange{ExternalID: "01234567890A=", Reason: "the user unsubscribed"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := New(nil).Webhook(context.Background(), testChannel(""), signed(readTestdata(t, tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Reachable) != 1 || !reflect.DeepEqual(res.Reachable[0], tt.want) {
				t.Errorf("reachable %+v, want %+v", res.Reachable, tt.want)
			}
		})
	}
}

func TestWebhookRejects(t *testing.T) {
	body := readTestdata(t, "text.json")
	wrong := signed(body)
	wrong.Header.Set(signatureHeader, hex.EncodeToString(sign(body, "another-token")))
	prefixed := signed(body)
	prefixed.Header.Set(signatureHeader, "sha256="+prefixed.Header.Get(signatureHeader))
	noToken := testChannel("")
	noToken.Secrets = nil
	tests := []struct {
		name string
		ch   parley.Channel
		req  parley.WebhookRequest
		code parley.ErrorCode
	}{
		{"wrong signature", testChannel(""), wrong, parley.CodeForbidden},
		{"prefixed signature", testChannel(""), prefixed, parley.CodeForbidden},
		{"no signature", testChannel(""), parley.WebhookRequest{Method: http.MethodPost, Header: http.Header{}, Body: body}, parley.CodeForbidden},
		{"channel without token", noToken, signed(body), parley.CodeForbidden},
		{"malformed JSON", testChannel(""), signed([]byte(`{"event":`)), parley.CodeMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := New(nil).Webhook(context.Background(), tt.ch, tt.req)
			if !parley.IsCode(err, tt.code) {
				t.Fatalf("err = %v, want code %s", err, tt.code)
			}
			if len(res.Inbound)+len(res.Statuses)+len(res.Reachable) != 0 {
				t.Errorf("a rejected delivery yielded %+v", res)
			}
		})
	}
}

func TestWebhookOddShapes(t *testing.T) {
	tests := []struct {
		body string
		want []parley.Inbound
	}{
		{`{}`, nil},
		{`{"event":"client_status","timestamp":1}`, nil},
		{`{"event":"message"}`, nil},
		{`{"event":"message","message_token":1,"sender":{"id":"u"}}`, nil},
		{`{"event":"message","message_token":1,"sender":{"id":"u"},"message":{"type":"picture"}}`, nil},
		{`{"event":"message","message_token":1,"sender":{"id":"u"},"message":{"type":"location","location":{"lat":"x"}}}`, nil},
		{`{"event":"delivered","user_id":"u"}`, nil},
		{`{"event":"subscribed"}`, nil},
		{`{"event":"unsubscribed"}`, nil},
		// A quoted token and string coordinates, as Viber's send examples write them.
		{`{"event":"message","message_token":"5491272545386512001","sender":{"id":"u"},"message":{"type":"location","location":{"lat":"37.7898","lon":"-122.3942"}}}`,
			[]parley.Inbound{{ExternalID: "5491272545386512001", Sender: parley.Sender{ExternalID: "u"},
				Location: &parley.Location{Latitude: 37.7898, Longitude: -122.3942}}}},
	}
	for _, tt := range tests {
		res, err := New(nil).Webhook(context.Background(), testChannel(""), signed([]byte(tt.body)))
		if err != nil {
			t.Errorf("%s: %v", tt.body, err)
			continue
		}
		for i := range res.Inbound {
			res.Inbound[i].SentAt = time.Time{} // no timestamp: now
		}
		if !reflect.DeepEqual(res.Inbound, tt.want) || len(res.Statuses)+len(res.Reachable) != 0 {
			t.Errorf("%s: got %+v, want inbound %+v", tt.body, res, tt.want)
		}
	}
}
