package whatsapp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
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

// recorder is a Graph API stand-in: it records requests and answers each
// path with the next canned answer for it, or a success.
type recorder struct {
	mu   sync.Mutex
	reqs []recorded
	fail map[string]func(w http.ResponseWriter)
	n    int
}

func newRecorder(t *testing.T) (*recorder, *httptest.Server) {
	rec := &recorder{fail: map[string]func(http.ResponseWriter){}}
	srv := httptest.NewServer(http.HandlerFunc(rec.serve))
	t.Cleanup(srv.Close)
	return rec, srv
}

func (rec *recorder) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec.mu.Lock()
	rec.reqs = append(rec.reqs, recorded{r.Method, r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("Content-Type"), body})
	rec.n++
	n, fail := rec.n, rec.fail[r.URL.Path]
	rec.mu.Unlock()
	if fail != nil {
		fail(w)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if strings.HasSuffix(r.URL.Path, "/media") {
		fmt.Fprintf(w, `{"id":"media-%d"}`, n)
		return
	}
	fmt.Fprintf(w, `{"messaging_product":"whatsapp","contacts":[{"input":"16505551234","wa_id":"16505551234"}],"messages":[{"id":"wamid.%d"}]}`, n)
}

func (rec *recorder) requests() []recorded {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]recorded(nil), rec.reqs...)
}

// jsonEqual compares a request body with the expected JSON, ignoring layout.
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

const messagesPath = "/" + testPhoneID + "/messages"

func TestSendText(t *testing.T) {
	rec, srv := newRecorder(t)
	res, err := New(nil).Send(context.Background(), testChannel(srv.URL+"/"), parley.Outbound{MessageID: 7, To: "16505551234", Text: "Hello, Sheena"})
	if err != nil {
		t.Fatal(err)
	}
	if res.ExternalID != "wamid.1" {
		t.Errorf("ExternalID = %q, want wamid.1", res.ExternalID)
	}
	reqs := rec.requests()
	if len(reqs) != 1 {
		t.Fatalf("got %d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Method != http.MethodPost || r.Path != messagesPath || r.Auth != "Bearer "+testToken || r.ContentType != "application/json" {
		t.Errorf("request %s %s auth %q type %q", r.Method, r.Path, r.Auth, r.ContentType)
	}
	jsonEqual(t, r.Body, `{"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"text","text":{"body":"Hello, Sheena"}}`)
}

func TestSendTemplate(t *testing.T) {
	tests := []struct {
		name string
		tpl  parley.TemplateUse
		want string
	}{
		{"with parameters", parley.TemplateUse{Name: "order_update", Language: "en_US", Params: []string{"Sheena", "#1234"}},
			`{"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"template","template":{"name":"order_update","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Sheena"},{"type":"text","text":"#1234"}]}]}}`},
		{"without parameters", parley.TemplateUse{Name: "hello_world", Language: "en_US"},
			`{"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, srv := newRecorder(t)
			tpl := tt.tpl
			if _, err := New(nil).Send(context.Background(), testChannel(srv.URL), parley.Outbound{To: "16505551234", Text: "rendered body", Template: &tpl}); err != nil {
				t.Fatal(err)
			}
			reqs := rec.requests()
			if len(reqs) != 1 || reqs[0].Path != messagesPath {
				t.Fatalf("requests %+v", reqs)
			}
			jsonEqual(t, reqs[0].Body, tt.want)
		})
	}
}

func TestSendLocation(t *testing.T) {
	rec, srv := newRecorder(t)
	out := parley.Outbound{To: "16505551234", Location: &parley.Location{Latitude: 37.44216251868683, Longitude: -122.16153582049394, Name: "Philz Coffee", Address: "101 Forest Ave, Palo Alto, CA 94301"}}
	if _, err := New(nil).Send(context.Background(), testChannel(srv.URL), out); err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, rec.requests()[0].Body, `{"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"location","location":{"latitude":37.44216251868683,"longitude":-122.16153582049394,"name":"Philz Coffee","address":"101 Forest Ave, Palo Alto, CA 94301"}}`)
}

func TestSendErrors(t *testing.T) {
	answer := func(status int, retry string, body string) func(http.ResponseWriter) {
		return func(w http.ResponseWriter) {
			if retry != "" {
				w.Header().Set("Retry-After", retry)
			}
			w.WriteHeader(status)
			io.WriteString(w, body)
		}
	}
	metaErr := func(code int, msg string) string {
		return `{"error":{"message":"` + msg + `","type":"OAuthException","code":` + strconv.Itoa(code) + `,"error_data":{"messaging_product":"whatsapp","details":"details here"},"fbtrace_id":"Az"}}`
	}
	tests := []struct {
		name       string
		fail       func(http.ResponseWriter)
		want       parley.DeliveryError
		reasonPart string
	}{
		{"server error", answer(500, "", `{"error":{"message":"An unknown error occurred","type":"OAuthException","code":1}}`), parley.DeliveryError{Temporary: true}, "unknown error"},
		{"bad gateway without body", answer(502, "", `<html>`), parley.DeliveryError{Temporary: true}, "HTTP 502"},
		{"429 with Retry-After", answer(429, "7", metaErr(130429, "(#130429) Rate limit hit")), parley.DeliveryError{Temporary: true, RetryAfter: 7 * time.Second}, "Rate limit hit"},
		{"pair rate limit on 400", answer(400, "", metaErr(131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit")), parley.DeliveryError{Temporary: true}, "pair rate limit"},
		{"window closed", answer(400, "", metaErr(131047, "(#131047) Re-engagement message")), parley.DeliveryError{}, "24 hours"},
		{"undeliverable", answer(400, "", metaErr(131026, "(#131026) Message Undeliverable")), parley.DeliveryError{Unreachable: true}, "Message Undeliverable: details here"},
		{"invalid parameter", answer(400, "", metaErr(100, "(#100) Invalid parameter")), parley.DeliveryError{}, "(#100) Invalid parameter: details here"},
		{"expired token", answer(401, "", metaErr(190, "Error validating access token")), parley.DeliveryError{}, "access token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, srv := newRecorder(t)
			rec.fail[messagesPath] = tt.fail
			_, err := New(nil).Send(context.Background(), testChannel(srv.URL), parley.Outbound{To: "16505551234", Text: "hi"})
			checkDelivery(t, err, tt.want, tt.reasonPart)
		})
	}
}

func TestSendNetworkError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	_, err := New(nil).Send(context.Background(), testChannel(srv.URL), parley.Outbound{To: "16505551234", Text: "hi"})
	checkDelivery(t, err, parley.DeliveryError{Temporary: true}, "unreachable")
}

// checkDelivery asserts err is a DeliveryError of want's class whose reason
// contains reasonPart.
func checkDelivery(t *testing.T, err error, want parley.DeliveryError, reasonPart string) {
	t.Helper()
	var de *parley.DeliveryError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want a *parley.DeliveryError", err)
	}
	if de.Temporary != want.Temporary || de.RetryAfter != want.RetryAfter || de.Unreachable != want.Unreachable {
		t.Errorf("got %+v, want temporary=%v retryAfter=%v unreachable=%v", de, want.Temporary, want.RetryAfter, want.Unreachable)
	}
	if !strings.Contains(de.Reason, reasonPart) {
		t.Errorf("reason %q does not contain %q", de.Reason, reasonPart)
	}
}
