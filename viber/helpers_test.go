package viber

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"parley"
)

const testToken = "445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9"

// testChannel is a Viber channel whose API lives at base.
func testChannel(base string) parley.Channel {
	return parley.Channel{
		Type:     parley.ChannelViber,
		Name:     "Support",
		Settings: map[string]string{settingBaseURL: base, settingSenderName: "Acme Support", settingSenderAvatar: "https://acme.example/bot.png"},
		Secrets:  map[string]string{secretAuthToken: testToken},
	}
}

// signed is a callback POST of body with Viber's signature.
func signed(body []byte) parley.WebhookRequest {
	h := http.Header{}
	h.Set(signatureHeader, hex.EncodeToString(sign(body, testToken)))
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

// recorded is one request the test server received.
type recorded struct {
	Method, Path, Auth string
	Body               []byte
}

// recorder is a bot API stand-in: it records requests and answers each with
// the next canned answer, or with success.
type recorder struct {
	mu      sync.Mutex
	reqs    []recorded
	answers []func(http.ResponseWriter)
}

func newRecorder(t *testing.T, answers ...func(http.ResponseWriter)) (*recorder, *httptest.Server) {
	rec := &recorder{answers: answers}
	srv := httptest.NewServer(http.HandlerFunc(rec.serve))
	t.Cleanup(srv.Close)
	return rec, srv
}

func (rec *recorder) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec.mu.Lock()
	rec.reqs = append(rec.reqs, recorded{r.Method, r.URL.Path, r.Header.Get(authHeader), body})
	var answer func(http.ResponseWriter)
	if len(rec.answers) > 0 {
		answer, rec.answers = rec.answers[0], rec.answers[1:]
	}
	rec.mu.Unlock()
	if answer == nil {
		answer = status(0, "ok")
	}
	answer(w)
}

func (rec *recorder) requests() []recorded {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]recorded(nil), rec.reqs...)
}

// status answers HTTP 200 with a Viber status, and a token when it is 0.
func status(code int, msg string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		if code == 0 {
			io.WriteString(w, `{"status":0,"status_message":"ok","message_token":5741311803571721087,"chat_hostname":"SN-CHAT-05_","billing_status":1}`)
			return
		}
		b, _ := json.Marshal(map[string]any{"status": code, "status_message": msg, "chat_hostname": "SN-CHAT-05_"})
		w.Write(b)
	}
}

// httpStatus answers with an HTTP status, a Retry-After when given, and body.
func httpStatus(code int, retry, body string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		if retry != "" {
			w.Header().Set("Retry-After", retry)
		}
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
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
