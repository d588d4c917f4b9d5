package messenger

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"time"

	"parley"
	"parley/metahook"
)

var person = parley.Sender{ExternalID: testPSID, Avatar: &parley.MediaRef{ID: "psid:" + testPSID, Kind: "avatar"}}

const (
	textMID   = "mid.1457764197618:41d102a3e1ae206a38"
	attachMID = "mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c"
	cdn       = "https://scontent.xx.fbcdn.net/v/t1.15752-9/"
)

func TestWebhookInbound(t *testing.T) {
	at := func(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
	media := func(url, kind string) parley.Inbound {
		return parley.Inbound{ExternalID: attachMID, Sender: person, SentAt: at(1518479195308), Media: []parley.MediaRef{{URL: url, Kind: kind}}}
	}
	sticker := media(cdn+"sticker.png?_nc_cat=1&oh=abc", "sticker")
	tests := []struct {
		file string
		want []parley.Inbound
	}{
		{"text.json", []parley.Inbound{{ExternalID: textMID, Sender: person, Text: "hello, world!", SentAt: at(1458692752478)}}},
		{"quick_reply.json", []parley.Inbound{{ExternalID: textMID, Sender: person, Text: "Red", SentAt: at(1458692752478)}}},
		{"image.json", []parley.Inbound{media(cdn+"photo.jpg?_nc_cat=1&oh=abc", "image")}},
		{"video.json", []parley.Inbound{media("https://video.xx.fbcdn.net/v/t42.3356-2/clip.mp4?_nc_cat=1&oh=abc", "video")}},
		{"audio.json", []parley.Inbound{media("https://cdn.fbsbx.com/v/t59.3654-21/audioclip.mp4?_nc_cat=1&oh=abc", "audio")}},
		{"file.json", []parley.Inbound{media("https://cdn.fbsbx.com/v/t59.2708-21/invoice.pdf?_nc_cat=1&oh=abc", "document")}},
		{"sticker.json", []parley.Inbound{sticker}},
		{"sticker_legacy.json", []parley.Inbound{sticker}},
		{"location.json", []parley.Inbound{{ExternalID: attachMID, Sender: person, SentAt: at(1518479195308),
			Location: &parley.Location{Latitude: 52.31, Longitude: 4.77, Name: "Pin's Location"}}}},
		{"fallback.json", []parley.Inbound{{ExternalID: attachMID, Sender: person, SentAt: at(1518479195308), Text: "Messenger https://www.messenger.com/"}}},
		{"message_edit.json", []parley.Inbound{{ExternalID: textMID, Sender: person, Text: "hello, world, again!", Edit: true, SentAt: at(1458668856463)}}},
		{"postback.json", []parley.Inbound{{ExternalID: "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P",
			Sender: person, Text: "Talk to an agent", SentAt: at(1527459824000)}}},
		{"postback_get_started.json", []parley.Inbound{{ExternalID: "postback:" + testPSID + ":1527459824000",
			Sender: person, Text: "Get Started", SentAt: at(1527459824000)}}},
		{"echo.json", nil},
		{"other_page.json", nil},
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
			if len(res.Statuses)+len(res.Reachable) != 0 || res.Reply != "" {
				t.Errorf("unexpected %+v", res)
			}
		})
	}
}

func TestWebhookReceipts(t *testing.T) {
	tests := []struct {
		file string
		want []parley.StatusUpdate
	}{
		{"delivery.json", []parley.StatusUpdate{{ExternalID: "mid.1458668856218:ed81099e15d3f4f233", Status: parley.DeliveryDelivered,
			At: time.UnixMilli(1458668856253).UTC()}}},
		{"read.json", []parley.StatusUpdate{{ExternalID: "watermark:" + testPSID, Status: parley.DeliveryRead,
			At: time.UnixMilli(1458668856253).UTC()}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := New(nil).Webhook(context.Background(), testChannel(""), signed(readTestdata(t, tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(res.Statuses, tt.want) || len(res.Inbound) != 0 {
				t.Errorf("got %+v, want statuses %+v", res, tt.want)
			}
		})
	}
}

func TestWebhookRejects(t *testing.T) {
	body := readTestdata(t, "text.json")
	badSig := signed(body)
	badSig.Header.Set("X-Hub-Signature-256", metahook.Sign(body, "another-secret"))
	noSecret := testChannel("")
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

func TestWebhookOddShapes(t *testing.T) {
	page := func(events string) string {
		return `{"object":"page","entry":[{"id":"` + testPageID + `","messaging":[` + events + `]}]}`
	}
	for _, body := range []string{
		`{}`,
		`{"object":"instagram","entry":[{"id":"` + testPageID + `","messaging":[{"sender":{"id":"1"},"message":{"mid":"m","text":"x"}}]}]}`,
		page(`{}`),
		page(`{"sender":{"user_ref":"abc"},"message":{"mid":"m","text":"chat plugin"}}`),
		page(`{"sender":{"id":"1"},"message":{"text":"no mid"}}`),
		page(`{"sender":{"id":"1"},"message":{"mid":"m"}}`),
		page(`{"sender":{"id":"1"},"message":{"mid":"m","attachments":[{"type":"image","payload":"odd"},{"type":"template","payload":{"template_type":"generic"}},{"type":"fallback"}]}}`),
		page(`{"sender":{"id":"1"},"message_edit":{"text":"no mid"}}`),
		page(`{"sender":{"id":"1"},"delivery":{"watermark":1458668856253}}`),
		page(`{"sender":{"id":"1"},"timestamp":"bad","reaction":{"mid":"m","action":"react"}}`),
	} {
		res, err := New(nil).Webhook(context.Background(), testChannel(""), signed([]byte(body)))
		if err != nil || len(res.Inbound)+len(res.Statuses) != 0 {
			t.Errorf("%s: got %+v, %v; want nothing", body, res, err)
		}
	}
}
