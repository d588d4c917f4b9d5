package infobip

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"parley"
)

const (
	testSecret = "hook-secret"
	testKey    = "003026abc133714df1834b8638bb496e-8f4b3d9a"
	testSender = "41793026731"
)

// testChannel is an Infobip channel whose API lives at base.
func testChannel(base string) parley.Channel {
	return parley.Channel{
		Type:     parley.ChannelInfobip,
		Settings: map[string]string{settingBaseURL: base, settingSender: testSender},
		Secrets:  map[string]string{secretAPIKey: testKey, secretWebhookSecret: testSecret},
	}
}

// withHeader is a POST delivery of body carrying the secret in the header.
func withHeader(body []byte) parley.WebhookRequest {
	h := http.Header{}
	h.Set(SecretHeader, testSecret)
	return parley.WebhookRequest{Method: http.MethodPost, Header: h, Query: url.Values{}, Body: body}
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestWebhookInbound(t *testing.T) {
	const id = "wamid.HBgLMjc4MTMzMjE0ODIVAgAonoIAUsydhfskYyRDdEMjE4Njg3MzlBMDU2NzI4NgA="
	const media = "https://6zge2d.api.infobip.com/whatsapp/1/senders/41793026731/media/"
	frank := parley.Sender{ExternalID: "385919998888", Name: "Frank", Phone: "+385919998888"}
	at := time.Date(2025, 1, 1, 10, 10, 0, 0, time.UTC)
	in := func(mod func(*parley.Inbound)) []parley.Inbound {
		v := parley.Inbound{ExternalID: id, Sender: frank, SentAt: at}
		mod(&v)
		return []parley.Inbound{v}
	}
	ref := func(kind, rest string) []parley.MediaRef { return []parley.MediaRef{{URL: media + rest, Kind: kind}} }
	tests := []struct {
		file string
		want []parley.Inbound
	}{
		{"text.json", in(func(v *parley.Inbound) { v.Text = "Hello, World!" })},
		{"image.json", in(func(v *parley.Inbound) {
			v.Text, v.Media = "Image Caption", ref("image", "f1b96d31-9ab9-4513-808b-50ab37360fbe")
		})},
		{"document.json", in(func(v *parley.Inbound) {
			v.Text, v.Media = "Document Caption", ref("document", "20250_13_123e4567-e89b-12d3-a456-426655440000")
		})},
		{"audio.json", in(func(v *parley.Inbound) { v.Media = ref("audio", "2f2b4a6e-8c4d-4b8f-9d7a-1f6b3a9e5c21") })},
		{"voice.json", in(func(v *parley.Inbound) { v.Media = ref("voice", "7c9e6679-7425-40de-944b-e07fc1f90ae7") })},
		{"video.json", in(func(v *parley.Inbound) {
			v.Text, v.Media = "Video Caption", ref("video", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")
		})},
		{"sticker.json", in(func(v *parley.Inbound) { v.Media = ref("sticker", "9b2e4c1a-3f5d-4e6a-8b7c-0d1e2f3a4b5c") })},
		{"location.json", in(func(v *parley.Inbound) {
			v.Location = &parley.Location{Latitude: 40.748433333333, Longitude: -73.985655555556, Name: "Empire State Building", Address: "350 5th Ave, New York, NY"}
		})},
		{"contact.json", in(func(v *parley.Inbound) {
			v.Card = &parley.ContactCard{Name: "John Smith", Phones: []string{"+441134960019"}, Emails: []string{"john.smith@example.com"}}
		})},
		{"button.json", in(func(v *parley.Inbound) { v.Text = "Yes, please" })},
		{"interactive_button_reply.json", in(func(v *parley.Inbound) { v.Text = "Talk to an agent" })},
		{"interactive_list_reply.json", in(func(v *parley.Inbound) { v.Text = "Check balance" })},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := New(nil).Webhook(context.Background(), testChannel("https://6zge2d.api.infobip.com"), withHeader(readTestdata(t, tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(res.Inbound, tt.want) {
				t.Errorf("inbound:\n got %+v\nwant %+v", res.Inbound, tt.want)
			}
			if len(res.Statuses) != 0 {
				t.Errorf("unexpected statuses %+v", res.Statuses)
			}
		})
	}
}

func TestWebhookReports(t *testing.T) {
	tests := []struct {
		file string
		want parley.StatusUpdate
	}{
		{"delivery_pending.json", parley.StatusUpdate{ExternalID: "parley-42", Status: parley.DeliverySent, At: time.Date(2019, 11, 9, 15, 59, 59, 0, time.UTC)}},
		{"delivery_delivered.json", parley.StatusUpdate{ExternalID: "parley-42", Status: parley.DeliveryDelivered, At: time.Date(2019, 11, 9, 16, 0, 0, 0, time.UTC)}},
		{"delivery_undeliverable.json", parley.StatusUpdate{ExternalID: "parley-43", Status: parley.DeliveryFailed,
			Reason: "Message sent not delivered: Unknown Subscriber", At: time.Date(2019, 11, 9, 16, 0, 5, 0, time.UTC)}},
		{"seen.json", parley.StatusUpdate{ExternalID: "parley-42", Status: parley.DeliveryRead, At: time.Date(2019, 11, 9, 16, 1, 0, 0, time.UTC)}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := New(nil).Webhook(context.Background(), testChannel(""), withHeader(readTestdata(t, tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Statuses) != 1 || !reflect.DeepEqual(res.Statuses[0], tt.want) {
				t.Errorf("statuses:\n got %+v\nwant [%+v]", res.Statuses, tt.want)
			}
			if len(res.Inbound) != 0 {
				t.Errorf("unexpected inbound %+v", res.Inbound)
			}
		})
	}
}

func TestWebhookSecret(t *testing.T) {
	body := readTestdata(t, "text.json")
	req := func(header, query string) parley.WebhookRequest {
		h := http.Header{}
		if header != "" {
			h.Set(SecretHeader, header)
		}
		q := url.Values{}
		if query != "" {
			q.Set(SecretParam, query)
		}
		return parley.WebhookRequest{Method: http.MethodPost, Header: h, Query: q, Body: body}
	}
	noSecret := testChannel("")
	noSecret.Secrets = map[string]string{}
	tests := []struct {
		name string
		ch   parley.Channel
		req  parley.WebhookRequest
		ok   bool
	}{
		{"header", testChannel(""), req(testSecret, ""), true},
		{"query", testChannel(""), req("", testSecret), true},
		{"wrong header, right query", testChannel(""), req("nope", testSecret), true},
		{"wrong header", testChannel(""), req("nope", ""), false},
		{"wrong query", testChannel(""), req("", testSecret+"x"), false},
		{"none", testChannel(""), req("", ""), false},
		{"channel without secret", noSecret, req("", ""), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := New(nil).Webhook(context.Background(), tt.ch, tt.req)
			if tt.ok && (err != nil || len(res.Inbound) != 1) {
				t.Errorf("got %+v, %v; want the message", res, err)
			}
			if !tt.ok && (!parley.IsCode(err, parley.CodeForbidden) || len(res.Inbound) != 0) {
				t.Errorf("got %+v, %v; want Forbidden", res, err)
			}
		})
	}
}

func TestWebhookOddDeliveries(t *testing.T) {
	tests := []struct {
		name, body string
		code       parley.ErrorCode
	}{
		{"malformed JSON", `{"results":[`, parley.CodeMalformed},
		{"no results", `{}`, ""},
		{"unknown message type", `{"results":[{"from":"1","messageId":"m","message":{"type":"ORDER"}}]}`, ""},
		{"media without url", `{"results":[{"from":"1","messageId":"m","message":{"type":"IMAGE"}}]}`, ""},
		{"report of unknown group", `{"results":[{"messageId":"m","status":{"groupName":"SOMETHING"}}]}`, ""},
		{"message without sender", `{"results":[{"messageId":"m","message":{"type":"TEXT","text":"hi"}}]}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := New(nil).Webhook(context.Background(), testChannel(""), withHeader([]byte(tt.body)))
			if tt.code != "" {
				if !parley.IsCode(err, tt.code) {
					t.Fatalf("err = %v, want %s", err, tt.code)
				}
				return
			}
			if err != nil || len(res.Inbound)+len(res.Statuses) != 0 {
				t.Errorf("got %+v, %v; want nothing", res, err)
			}
		})
	}
}
