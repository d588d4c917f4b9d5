package telegram_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"parley"
)

const (
	testToken  = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"
	testSecret = "s3cr3t-Token_1"
)

// channel is a Telegram channel pointed at base.
func channel(base string) parley.Channel {
	return parley.Channel{
		ID:       1,
		Type:     parley.ChannelTelegram,
		Settings: map[string]string{"base_url": base},
		Secrets:  map[string]string{"bot_token": testToken, "secret_token": testSecret},
	}
}

// call is one request the recorder received.
type call struct {
	Method      string // HTTP method
	Path        string
	Query       string
	ContentType string
	Body        []byte
	Header      http.Header
}

// recorder is a Bot API stand-in that records every request and answers
// with reply, given the API method (last path element) and the call's index.
type recorder struct {
	srv   *httptest.Server
	mu    sync.Mutex
	calls []call
}

func newRecorder(t *testing.T, reply func(w http.ResponseWriter, method string, n int)) *recorder {
	t.Helper()
	rec := &recorder{}
	rec.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		n := len(rec.calls)
		rec.calls = append(rec.calls, call{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Content-Type"), body, r.Header.Clone()})
		rec.mu.Unlock()
		reply(w, r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:], n)
	}))
	t.Cleanup(rec.srv.Close)
	return rec
}

func (rec *recorder) Calls() []call {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]call(nil), rec.calls...)
}

// answer writes a status and a JSON body.
func answer(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
