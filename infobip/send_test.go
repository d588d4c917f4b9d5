package infobip

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"parley"
)

// recorded is one request the test server received.
type recorded struct {
	Method, Path, Auth, ContentType string
	Body                            []byte
}

// stub answers every request with answer and records it.
type stub struct {
	mu     sync.Mutex
	reqs   []recorded
	answer func(w http.ResponseWriter, r recorded)
}

func newStub(t *testing.T, answer func(w http.ResponseWriter, r recorded)) (*stub, *httptest.Server) {
	s := &stub{answer: answer}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec := recorded{r.Method, r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("Content-Type"), body}
		s.mu.Lock()
		s.reqs = append(s.reqs, rec)
		s.mu.Unlock()
		s.answer(w, rec)
	}))
	t.Cleanup(srv.Close)
	return s, srv
}

func (s *stub) requests() []recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]recorded(nil), s.reqs...)
}

// pending answers a single send as Infobip does, echoing the messageId.
func pending(w http.ResponseWriter, r recorded) {
	var m struct {
		To        string `json:"to"`
		MessageID string `json:"messageId"`
	}
	json.Unmarshal(r.Body, &m)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"to": m.To, "messageCount": 1, "messageId": m.MessageID,
		"status": map[string]any{"groupId": 1, "groupName": "PENDING", "id": 7, "name": "PENDING_ENROUTE", "description": "Message sent to next instance"}})
}

func jsonEqual(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("body %s: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("body:\n got %s\nwant %s", got, want)
	}
}

func TestSendText(t *testing.T) {
	st, srv := newStub(t, pending)
	res, err := New(nil).Send(context.Background(), testChannel(srv.URL+"/"), parley.Outbound{MessageID: 42, To: "385919998888", Text: "Hello, Frank"})
	if err != nil {
		t.Fatal(err)
	}
	if res.ExternalID != "parley-42" {
		t.Errorf("ExternalID = %q", res.ExternalID)
	}
	reqs := st.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	r := reqs[0]
	if r.Method != http.MethodPost || r.Path != "/whatsapp/1/message/text" || r.Auth != "App "+testKey || r.ContentType != "application/json" {
		t.Errorf("request %s %s auth %q type %q", r.Method, r.Path, r.Auth, r.ContentType)
	}
	jsonEqual(t, r.Body, `{"from":"41793026731","to":"385919998888","messageId":"parley-42","content":{"text":"Hello, Frank"}}`)
}

func TestSendTemplate(t *testing.T) {
	tests := []struct {
		name string
		tpl  parley.TemplateUse
		want string
	}{
		{"with placeholders", parley.TemplateUse{Name: "order_update", Language: "en", Params: []string{"Frank", "#1234"}},
			`{"messages":[{"from":"41793026731","to":"385919998888","messageId":"parley-7","content":{"templateName":"order_update","templateData":{"body":{"placeholders":["Frank","#1234"]}},"language":"en"}}]}`},
		{"without placeholders", parley.TemplateUse{Name: "welcome", Language: "en_GB"},
			`{"messages":[{"from":"41793026731","to":"385919998888","messageId":"parley-7","content":{"templateName":"welcome","templateData":{"body":{"placeholders":[]}},"language":"en_GB"}}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, srv := newStub(t, func(w http.ResponseWriter, r recorded) {
				io.WriteString(w, `{"messages":[{"to":"385919998888","messageCount":1,"messageId":"parley-7","status":{"groupId":1,"groupName":"PENDING","id":7,"name":"PENDING_ENROUTE","description":"Message sent to next instance"}}],"bulkId":"2034072219640523073"}`)
			})
			tpl := tt.tpl
			res, err := New(nil).Send(context.Background(), testChannel(srv.URL), parley.Outbound{MessageID: 7, To: "385919998888", Template: &tpl})
			if err != nil || res.ExternalID != "parley-7" {
				t.Fatalf("got %+v, %v", res, err)
			}
			reqs := st.requests()
			if len(reqs) != 1 || reqs[0].Path != "/whatsapp/1/message/template" || reqs[0].Auth != "App "+testKey {
				t.Fatalf("requests %+v", reqs)
			}
			jsonEqual(t, reqs[0].Body, tt.want)
		})
	}
}

func TestSendTextAndLocation(t *testing.T) {
	st, srv := newStub(t, pending)
	out := parley.Outbound{MessageID: 9, To: "385919998888", Text: "We are here",
		Location: &parley.Location{Latitude: 40.748433333333, Longitude: -73.985655555556, Name: "Empire State Building", Address: "350 5th Ave, New York, NY"}}
	res, err := New(nil).Send(context.Background(), testChannel(srv.URL), out)
	if err != nil || res.ExternalID != "parley-9-location" {
		t.Fatalf("got %+v, %v", res, err)
	}
	reqs := st.requests()
	if len(reqs) != 2 || reqs[0].Path != "/whatsapp/1/message/text" || reqs[1].Path != "/whatsapp/1/message/location" {
		t.Fatalf("requests %+v", reqs)
	}
	jsonEqual(t, reqs[1].Body, `{"from":"41793026731","to":"385919998888","messageId":"parley-9-location","content":{"latitude":40.748433333333,"longitude":-73.985655555556,"name":"Empire State Building","address":"350 5th Ave, New York, NY"}}`)
}

func TestSendErrors(t *testing.T) {
	answer := func(status int, retry, body string) func(http.ResponseWriter, recorded) {
		return func(w http.ResponseWriter, _ recorded) {
			if retry != "" {
				w.Header().Set("Retry-After", retry)
			}
			w.WriteHeader(status)
			io.WriteString(w, body)
		}
	}
	ibErr := func(id, text string) string {
		return `{"requestError":{"serviceException":{"messageId":"` + id + `","text":"` + text + `"}}}`
	}
	tests := []struct {
		name       string
		answer     func(http.ResponseWriter, recorded)
		temporary  bool
		retryAfter time.Duration
		reasonPart string
	}{
		{"server error", answer(500, "", ibErr("GENERAL_ERROR", "Something went wrong")), true, 0, "Something went wrong"},
		{"gateway without body", answer(503, "", "<html>"), true, 0, "HTTP 503"},
		{"rate limited", answer(429, "3", ibErr("TOO_MANY_REQUESTS", "Too many requests")), true, 3 * time.Second, "Too many requests"},
		{"unauthorized", answer(401, "", ibErr("UNAUTHORIZED", "Invalid login details")), false, 0, "Invalid login details (UNAUTHORIZED)"},
		{"forbidden", answer(403, "", ibErr("FORBIDDEN", "Forbidden")), false, 0, "Forbidden"},
		{"bad request with validation errors", answer(400, "", `{"requestError":{"serviceException":{"messageId":"BAD_REQUEST","text":"Bad request","validationErrors":{"content.text":["size must be between 1 and 4096"]}}}}`),
			false, 0, "Bad request (BAD_REQUEST); content.text: size must be between 1 and 4096"},
		{"rejected in a 200", answer(200, "", `{"to":"385919998888","messageCount":1,"messageId":"parley-1","status":{"groupId":5,"groupName":"REJECTED","id":6,"name":"REJECTED_DESTINATION","description":"Invalid destination address"}}`),
			false, 0, "Invalid destination address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, srv := newStub(t, tt.answer)
			_, err := New(nil).Send(context.Background(), testChannel(srv.URL), parley.Outbound{MessageID: 1, To: "385919998888", Text: "hi"})
			var de *parley.DeliveryError
			if !errors.As(err, &de) {
				t.Fatalf("err = %v, want a DeliveryError", err)
			}
			if de.Temporary != tt.temporary || de.RetryAfter != tt.retryAfter || de.Unreachable {
				t.Errorf("got %+v", de)
			}
			if !strings.Contains(de.Reason, tt.reasonPart) {
				t.Errorf("reason %q does not contain %q", de.Reason, tt.reasonPart)
			}
		})
	}
}

func TestSendNetworkError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	_, err := New(nil).Send(context.Background(), testChannel(srv.URL), parley.Outbound{To: "1", Text: "hi"})
	var de *parley.DeliveryError
	if !errors.As(err, &de) || !de.Temporary {
		t.Fatalf("err = %v, want temporary", err)
	}
}

func TestSendRefusesWithoutSending(t *testing.T) {
	pdf := parley.OutboundFile{Name: "a.pdf", ContentType: "application/pdf",
		Open: func(context.Context) (io.ReadCloser, error) { return io.NopCloser(strings.NewReader("%PDF")), nil }}
	tests := []struct {
		name   string
		out    parley.Outbound
		reason string
	}{
		{"files", parley.Outbound{To: "1", Text: "see attached", Files: []parley.OutboundFile{pdf}}, ErrFiles},
		{"empty", parley.Outbound{To: "1"}, "nothing to send"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, srv := newStub(t, pending)
			_, err := New(nil).Send(context.Background(), testChannel(srv.URL), tt.out)
			var de *parley.DeliveryError
			if !errors.As(err, &de) || de.Temporary || !strings.Contains(de.Reason, tt.reason) {
				t.Fatalf("err = %v, want permanent %q", err, tt.reason)
			}
			if n := len(st.requests()); n != 0 {
				t.Errorf("%d requests made", n)
			}
		})
	}
}
