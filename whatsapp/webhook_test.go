package whatsapp

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
	"parley/metahook"
)

const (
	testPhoneID   = "106540352242922"
	testAppSecret = "app-secret"
	testVerify    = "verify-me"
	testToken     = "EAAtoken"
)

// testChannel is a WhatsApp channel whose API lives at base.
func testChannel(base string) parley.Channel {
	return parley.Channel{
		Type:     parley.ChannelWhatsApp,
		Settings: map[string]string{settingBaseURL: base, settingPhoneNumberID: testPhoneID},
		Secrets: map[string]string{
			secretAccessToken: testToken, secretAppSecret: testAppSecret, secretVerifyToken: testVerify,
		},
	}
}

// signed is a POST delivery of body with Meta's signature.
func signed(body []byte) parley.WebhookRequest {
	h := http.Header{}
	h.Set("X-Hub-Signature-256", metahook.Sign(body, testAppSecret))
	return parley.WebhookRequest{Method: http.MethodPost, Header: h, Body: body}
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var sheena = parley.Sender{ExternalID: "16505551234", Name: "Sheena Nelson", Phone: "+16505551234"}

const textID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA="
const replyID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA="

func TestWebhookInbound(t *testing.T) {
	at := func(sec int64) time.Time { return time.Unix(sec, 0).UTC() }
	tests := []struct {
		file string
		want []parley.Inbound
	}{
		{"text.json", []parley.Inbound{{ExternalID: textID, Sender: sheena, Text: "Does it come in another color?", SentAt: at(1749416383)}}},
		{"image.json", []parley.Inbound{{ExternalID: textID, Sender: sheena, Text: "Taj Mahal", SentAt: at(1744344496),
			Media: []parley.MediaRef{{ID: "1003383421387256", ContentType: "image/jpeg", Kind: "image"}}}}},
		{"document.json", []parley.Inbound{{ExternalID: textID, Sender: sheena, Text: "my receipt", SentAt: at(1744344496),
			Media: []parley.MediaRef{{ID: "622684793477189", ContentType: "application/pdf", Name: "receipt.pdf", Kind: "document"}}}}},
		{"audio.json", []parley.Inbound{{ExternalID: textID, Sender: sheena, SentAt: at(1744344496),
			Media: []parley.MediaRef{{ID: "1908647269898587", ContentType: "audio/ogg; codecs=opus", Kind: "voice"}}}}},
		{"video.json", []parley.Inbound{{ExternalID: textID, Sender: sheena, Text: "Potted plant", SentAt: at(1744344496),
			Media: []parley.MediaRef{{ID: "1166846181421424", ContentType: "video/mp4", Kind: "video"}}}}},
		{"sticker.json", []parley.Inbound{{ExternalID: textID, Sender: sheena, SentAt: at(1744344496),
			Media: []parley.MediaRef{{ID: "1263406038416545", ContentType: "image/webp", Kind: "sticker"}}}}},
		{"location.json", []parley.Inbound{{ExternalID: textID, Sender: sheena, SentAt: at(1744344496),
			Location: &parley.Location{Latitude: 37.44216251868683, Longitude: -122.16153582049394, Name: "Philz Coffee", Address: "101 Forest Ave, Palo Alto, CA 94301"}}}},
		{"contacts.json", []parley.Inbound{{ExternalID: textID, Sender: sheena, SentAt: at(1744344496),
			Card: &parley.ContactCard{Name: "Barbara J. Johnson", Phones: []string{"+1 (940) 555-1234", "+1 (650) 555-1234"}, Emails: []string{"bjohnson@luckyshrub.com"}}}}},
		{"interactive_button_reply.json", []parley.Inbound{{ExternalID: replyID, Sender: sheena, Text: "Cancel", SentAt: at(1744344496)}}},
		{"interactive_list_reply.json", []parley.Inbound{{ExternalID: replyID, Sender: sheena, Text: "Priority Mail Express", SentAt: at(1744344496)}}},
		{"button.json", []parley.Inbound{{ExternalID: replyID, Sender: sheena, Text: "Unsubscribe from Promos", SentAt: at(1744344496)}}},
		{"edit.json", []parley.Inbound{{ExternalID: textID, Sender: sheena, Text: "Does it come in another colour?", Edit: true, SentAt: at(1739321024)}}},
		{"reaction.json", nil},
		{"unsupported.json", nil},
		{"other_phone_number.json", nil},
	}
	p := New(nil)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := p.Webhook(context.Background(), testChannel("http://unused"), signed(readTestdata(t, tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(res.Inbound, tt.want) {
				t.Errorf("inbound:\n got %+v\nwant %+v", res.Inbound, tt.want)
			}
			if len(res.Statuses) != 0 || res.Reply != "" {
				t.Errorf("unexpected statuses %+v or reply %q", res.Statuses, res.Reply)
			}
		})
	}
}

func TestWebhookStatuses(t *testing.T) {
	const id = replyID
	tests := []struct {
		file string
		want parley.StatusUpdate
	}{
		{"status_sent.json", parley.StatusUpdate{ExternalID: id, Status: parley.DeliverySent, At: time.Unix(1750030073, 0).UTC()}},
		{"status_delivered.json", parley.StatusUpdate{ExternalID: id, Status: parley.DeliveryDelivered, At: time.Unix(1750030074, 0).UTC()}},
		{"status_read.json", parley.StatusUpdate{ExternalID: id, Status: parley.DeliveryRead, At: time.Unix(1750030080, 0).UTC()}},
		{"status_failed.json", parley.StatusUpdate{ExternalID: "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QUQ2MjA4NEYyRkExNjMyREUA", Status: parley.DeliveryFailed,
			At: time.Unix(1751142888, 0).UTC(),
			Reason: "This message was not delivered to maintain healthy ecosystem engagement. (131049): " +
				"In order to maintain a healthy ecosystem engagement, the message failed to be delivered."}},
	}
	p := New(nil)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := p.Webhook(context.Background(), testChannel("http://unused"), signed(readTestdata(t, tt.file)))
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

func TestWebhookRejects(t *testing.T) {
	body := readTestdata(t, "text.json")
	badSig := signed(body)
	badSig.Header.Set("X-Hub-Signature-256", metahook.Sign(body, "another-secret"))
	noSecret := testChannel("http://unused")
	noSecret.Secrets = map[string]string{}
	tests := []struct {
		name string
		ch   parley.Channel
		req  parley.WebhookRequest
		code parley.ErrorCode
	}{
		{"wrong signature", testChannel(""), badSig, parley.CodeForbidden},
		{"no signature", testChannel(""), parley.WebhookRequest{Method: http.MethodPost, Header: http.Header{}, Body: body}, parley.CodeForbidden},
		{"channel without app secret", noSecret, signed(body), parley.CodeForbidden},
		{"malformed JSON", testChannel(""), signed([]byte(`{"object":`)), parley.CodeMalformed},
		{"handshake with wrong token", testChannel(""), parley.WebhookRequest{Method: http.MethodGet,
			Query: url.Values{"hub.mode": {"subscribe"}, "hub.verify_token": {"nope"}, "hub.challenge": {"42"}}}, parley.CodeForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := New(nil).Webhook(context.Background(), tt.ch, tt.req)
			if !parley.IsCode(err, tt.code) {
				t.Fatalf("err = %v, want code %s", err, tt.code)
			}
			if len(res.Inbound)+len(res.Statuses) != 0 {
				t.Errorf("a rejected delivery yielded %+v", res)
			}
		})
	}
}

func TestWebhookHandshake(t *testing.T) {
	req := parley.WebhookRequest{Method: http.MethodGet,
		Query: url.Values{"hub.mode": {"subscribe"}, "hub.verify_token": {testVerify}, "hub.challenge": {"1158201444"}}}
	res, err := New(nil).Webhook(context.Background(), testChannel(""), req)
	if err != nil || res.Reply != "1158201444" {
		t.Fatalf("got %+v, %v; want the challenge", res, err)
	}
}

func TestWebhookIgnoresOtherObjects(t *testing.T) {
	for _, body := range []string{`{"object":"page","entry":[]}`, `{}`, `{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"account_update","value":{}}]}]}`} {
		res, err := New(nil).Webhook(context.Background(), testChannel(""), signed([]byte(body)))
		if err != nil || len(res.Inbound)+len(res.Statuses) != 0 {
			t.Errorf("%s: got %+v, %v; want nothing", body, res, err)
		}
	}
}
