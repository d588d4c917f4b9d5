package messenger

import (
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"parley"
)

const messagesPath = "/v21.0/me/messages"

// versioned is a channel whose base URL carries a Graph version, as the real one does.
func versioned(srv *httptest.Server) parley.Channel { return testChannel(srv.URL + "/v21.0/") }

func TestSendText(t *testing.T) {
	tests := []struct {
		name string
		tag  string
		want string
	}{
		{"inside the window", "", `{"recipient":{"id":"` + testPSID + `"},"messaging_type":"RESPONSE","message":{"text":"hello, world!"}}`},
		{"tagged", "HUMAN_AGENT", `{"recipient":{"id":"` + testPSID + `"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT","message":{"text":"hello, world!"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, srv := newRecorder(t)
			res, err := New(nil).Send(context.Background(), versioned(srv), parley.Outbound{To: testPSID, Text: "hello, world!", Tag: tt.tag})
			if err != nil {
				t.Fatal(err)
			}
			reqs := rec.requests()
			if len(reqs) != 1 || reqs[0].Method != http.MethodPost || reqs[0].Path != messagesPath ||
				reqs[0].Token != testToken || reqs[0].ContentType != "application/json" {
				t.Fatalf("requests %+v", reqs)
			}
			jsonEqual(t, reqs[0].Body, tt.want)
			if res.ExternalID != "m_1" {
				t.Errorf("external id %q", res.ExternalID)
			}
		})
	}
}

func TestSendFiles(t *testing.T) {
	rec, srv := newRecorder(t)
	file := func(name, ct string, image bool) parley.OutboundFile {
		return parley.OutboundFile{Name: name, ContentType: ct, Image: image, Open: func(context.Context) (io.ReadCloser, error) {
			return io.NopCloser(strings.NewReader("data of " + name)), nil
		}}
	}
	out := parley.Outbound{To: testPSID, Text: "two files", Tag: "HUMAN_AGENT",
		Files: []parley.OutboundFile{file("a.png", "image/png", true), file("b.pdf", "application/pdf", false)}}
	res, err := New(nil).Send(context.Background(), versioned(srv), out)
	if err != nil {
		t.Fatal(err)
	}
	reqs := rec.requests()
	if len(reqs) != 5 {
		t.Fatalf("%d requests, want 2 uploads then 3 sends", len(reqs))
	}
	for i, want := range []struct{ kind, name, ct string }{{"image", "a.png", "image/png"}, {"file", "b.pdf", "application/pdf"}} {
		checkUpload(t, reqs[i], want.kind, want.name, want.ct)
	}
	jsonEqual(t, reqs[2].Body, `{"recipient":{"id":"`+testPSID+`"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT","message":{"text":"two files"}}`)
	jsonEqual(t, reqs[3].Body, `{"recipient":{"id":"`+testPSID+`"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT","message":{"attachment":{"type":"image","payload":{"attachment_id":"185777777481"}}}}`)
	jsonEqual(t, reqs[4].Body, `{"recipient":{"id":"`+testPSID+`"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT","message":{"attachment":{"type":"file","payload":{"attachment_id":"185777777482"}}}}`)
	if res.ExternalID != "m_5" {
		t.Errorf("external id %q, want the last message's", res.ExternalID)
	}
}

// checkUpload asserts r is an attachment upload of one file.
func checkUpload(t *testing.T, r recorded, kind, name, ct string) {
	t.Helper()
	if r.Path != "/v21.0/me/message_attachments" || r.Token != testToken {
		t.Fatalf("upload request %s token %q", r.Path, r.Token)
	}
	_, params, err := mime.ParseMediaType(r.ContentType)
	if err != nil {
		t.Fatal(err)
	}
	form, err := multipart.NewReader(strings.NewReader(string(r.Body)), params["boundary"]).ReadForm(1 << 20)
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, []byte(form.Value["message"][0]), `{"attachment":{"type":"`+kind+`","payload":{"is_reusable":false}}}`)
	fh := form.File["filedata"]
	if len(fh) != 1 || fh[0].Filename != name || fh[0].Header.Get("Content-Type") != ct {
		t.Fatalf("filedata %+v", fh)
	}
	f, _ := fh[0].Open()
	data, _ := io.ReadAll(f)
	if string(data) != "data of "+name {
		t.Errorf("uploaded %q", data)
	}
}

func TestSendLocationAndLongText(t *testing.T) {
	rec, srv := newRecorder(t)
	out := parley.Outbound{To: testPSID, Text: strings.Repeat("ж", maxText),
		Location: &parley.Location{Latitude: 52.31, Longitude: 4.77, Name: "Office"}}
	if _, err := New(nil).Send(context.Background(), versioned(srv), out); err != nil {
		t.Fatal(err)
	}
	reqs := rec.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want the text and then the location", len(reqs))
	}
	jsonEqual(t, reqs[1].Body, `{"recipient":{"id":"`+testPSID+`"},"messaging_type":"RESPONSE",
		"message":{"text":"Office\nhttps://www.google.com/maps/search/?api=1&query=52.31,4.77"}}`)
}

func TestSendErrors(t *testing.T) {
	tests := []struct {
		name string
		fail func(http.ResponseWriter)
		want parley.DeliveryError
		part string
	}{
		{"server error", answer(500, "", graphErr(1, 0, "An unknown error occurred")), parley.DeliveryError{Temporary: true}, "An unknown error occurred (code 1)"},
		{"bad gateway without body", answer(502, "", "<html>"), parley.DeliveryError{Temporary: true}, "HTTP 502"},
		{"429 with Retry-After", answer(429, "30", ""), parley.DeliveryError{Temporary: true, RetryAfter: 30 * time.Second}, "HTTP 429"},
		{"rate limit 613", answer(400, "", graphErr(613, 0, "Calls to this api have exceeded the rate limit.")), parley.DeliveryError{Temporary: true}, "rate limit"},
		{"app limit 4", answer(400, "", graphErr(4, 0, "Application request limit reached")), parley.DeliveryError{Temporary: true}, "request limit"},
		{"temporary 1200", answer(400, "", graphErr(1200, 0, "Temporary send message failure. Please try again later")), parley.DeliveryError{Temporary: true}, "Temporary"},
		{"window closed", answer(400, "", graphErr(10, 2018278, "This message is sent outside of allowed window.")), parley.DeliveryError{}, "outside the 24-hour window"},
		{"person unavailable", answer(400, "", graphErr(551, 1545041, "This person isn't available right now.")), parley.DeliveryError{Unreachable: true}, "isn't available right now. (code 551/1545041)"},
		{"invalid parameter", answer(400, "", graphErr(100, 2018001, "No matching user found")), parley.DeliveryError{}, "No matching user found"},
		{"expired token", answer(400, "", graphErr(190, 0, "Invalid OAuth access token.")), parley.DeliveryError{}, "access token"},
		{"unreadable 200", answer(200, "", "<html>"), parley.DeliveryError{}, "cannot be read"},
		{"200 without message_id", answer(200, "", `{"recipient_id":"1"}`), parley.DeliveryError{}, "no message_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, srv := newRecorder(t)
			rec.fail[messagesPath] = tt.fail
			_, err := New(nil).Send(context.Background(), versioned(srv), parley.Outbound{To: testPSID, Text: "hi"})
			checkDelivery(t, err, tt.want, tt.part)
		})
	}
}

func TestSendUploadFailsFirst(t *testing.T) {
	rec, srv := newRecorder(t)
	rec.fail["/v21.0/me/message_attachments"] = answer(400, "", graphErr(100, 2018047, "Upload attachment failure."))
	f := parley.OutboundFile{Name: "a.png", ContentType: "image/png", Image: true,
		Open: func(context.Context) (io.ReadCloser, error) { return io.NopCloser(strings.NewReader("png")), nil }}
	_, err := New(nil).Send(context.Background(), versioned(srv), parley.Outbound{To: testPSID, Text: "hi", Files: []parley.OutboundFile{f}})
	checkDelivery(t, err, parley.DeliveryError{}, "Upload attachment failure")
	for _, r := range rec.requests() {
		if r.Path == messagesPath {
			t.Errorf("a message was sent although the upload failed")
		}
	}
}

func TestSendNetworkErrorHidesToken(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	_, err := New(nil).Send(context.Background(), versioned(srv), parley.Outbound{To: testPSID, Text: "hi"})
	checkDelivery(t, err, parley.DeliveryError{Temporary: true}, "unreachable")
	if strings.Contains(err.Error(), testToken) {
		t.Errorf("the error shows the Page token: %v", err)
	}
}

func TestSendNothing(t *testing.T) {
	_, err := New(nil).Send(context.Background(), testChannel("http://unused"), parley.Outbound{To: testPSID, Text: " \n"})
	checkDelivery(t, err, parley.DeliveryError{}, "nothing to send")
}
