package messenger

import (
	"encoding/json"
	"errors"
	"fmt"
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
	"parley/metahook"
)

const (
	testPageID    = "682498302938465"
	testPSID      = "1254477777772919"
	testAppSecret = "app-secret"
	testVerify    = "verify-me"
	testToken     = "EAAGpagetoken"
)

// testChannel is a Messenger channel whose Graph API lives at base.
func testChannel(base string) parley.Channel {
	return parley.Channel{
		Type:     parley.ChannelMessenger,
		Settings: map[string]string{settingBaseURL: base, settingPageID: testPageID},
		Secrets:  map[string]string{secretPageToken: testToken, secretAppSecret: testAppSecret, secretVerifyToken: testVerify},
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

// recorded is one request the test server received.
type recorded struct {
	Method, Path, Token, ContentType string
	Query                            map[string][]string
	Body                             []byte
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
	rec.reqs = append(rec.reqs, recorded{r.Method, r.URL.Path, r.URL.Query().Get("access_token"), r.Header.Get("Content-Type"), r.URL.Query(), body})
	rec.n++
	n, fail := rec.n, rec.fail[r.URL.Path]
	rec.mu.Unlock()
	if fail != nil {
		fail(w)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if strings.HasSuffix(r.URL.Path, "/message_attachments") {
		fmt.Fprintf(w, `{"attachment_id":"18577777748%d"}`, n)
		return
	}
	fmt.Fprintf(w, `{"recipient_id":"%s","message_id":"m_%d"}`, testPSID, n)
}

func (rec *recorder) requests() []recorded {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]recorded(nil), rec.reqs...)
}

// answer answers with an HTTP status, a Retry-After when given, and body.
func answer(status int, retry, body string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		if retry != "" {
			w.Header().Set("Retry-After", retry)
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

// graphErr is a Graph API error body.
func graphErr(code, subcode int, msg string) string {
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": msg, "type": "OAuthException",
		"code": code, "error_subcode": subcode, "fbtrace_id": "BLBz/WZt8dN"}})
	return string(b)
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
