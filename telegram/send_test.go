package telegram_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"parley"
	"parley/telegram"
)

// okMessage answers a send with message id 500+n in the user's chat.
func okMessage(w http.ResponseWriter, _ string, n int) {
	answer(w, 200, fmt.Sprintf(`{"ok":true,"result":{"message_id":%d,"from":{"id":7,"is_bot":true,"first_name":"Bot"},"chat":{"id":111222333,"first_name":"Ada","type":"private"},"date":1717171717,"text":"x"}}`, 500+n))
}

func TestSendText(t *testing.T) {
	rec := newRecorder(t, okMessage)
	res, err := telegram.New(nil).Send(context.Background(), channel(rec.srv.URL), parley.Outbound{To: "111222333", Text: "Hello, Ada"})
	if err != nil {
		t.Fatal(err)
	}
	if res.ExternalID != "111222333:500" {
		t.Errorf("ExternalID = %q", res.ExternalID)
	}
	calls := rec.Calls()
	if len(calls) != 1 {
		t.Fatalf("%d calls, want 1", len(calls))
	}
	c := calls[0]
	if c.Method != "POST" || c.Path != "/bot"+testToken+"/sendMessage" || c.ContentType != "application/json" {
		t.Errorf("request = %s %s (%s)", c.Method, c.Path, c.ContentType)
	}
	if want := `{"chat_id":111222333,"text":"Hello, Ada"}`; string(c.Body) != want {
		t.Errorf("body = %s, want %s", c.Body, want)
	}
}

func TestSendLongTextIsSplit(t *testing.T) {
	rec := newRecorder(t, okMessage)
	text := strings.Repeat("word ", 1000) + strings.Repeat("я", 3000) // 8000 characters
	res, err := telegram.New(nil).Send(context.Background(), channel(rec.srv.URL), parley.Outbound{To: "111222333", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	calls := rec.Calls()
	if len(calls) < 2 {
		t.Fatalf("%d calls, want the text split", len(calls))
	}
	var joined strings.Builder
	for _, c := range calls {
		part := jsonField(t, c.Body, "text")
		if n := len([]rune(part)); n > 4096 {
			t.Errorf("a part has %d characters", n)
		}
		joined.WriteString(part)
	}
	if joined.String() != text {
		t.Error("the parts do not add up to the text")
	}
	if want := fmt.Sprintf("111222333:%d", 500+len(calls)-1); res.ExternalID != want {
		t.Errorf("ExternalID = %q, want the last part's %q", res.ExternalID, want)
	}
}

func TestSendLocation(t *testing.T) {
	rec := newRecorder(t, okMessage)
	out := parley.Outbound{To: "111222333", Location: &parley.Location{Latitude: 52.52, Longitude: 13.405}}
	if _, err := telegram.New(nil).Send(context.Background(), channel(rec.srv.URL), out); err != nil {
		t.Fatal(err)
	}
	c := rec.Calls()[0]
	if c.Path != "/bot"+testToken+"/sendLocation" || string(c.Body) != `{"chat_id":111222333,"latitude":52.52,"longitude":13.405}` {
		t.Errorf("request = %s %s", c.Path, c.Body)
	}
}

func TestSendNothing(t *testing.T) {
	rec := newRecorder(t, okMessage)
	_, err := telegram.New(nil).Send(context.Background(), channel(rec.srv.URL), parley.Outbound{To: "111222333", Text: " \n "})
	var de *parley.DeliveryError
	if !errors.As(err, &de) || de.Temporary {
		t.Fatalf("err = %v, want a permanent error", err)
	}
	if n := len(rec.Calls()); n != 0 {
		t.Errorf("%d calls for an empty message", n)
	}
}

func TestSendErrors(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   parley.DeliveryError
	}{
		{"server error", 500, `{"ok":false,"error_code":500,"description":"Internal Server Error"}`,
			parley.DeliveryError{Temporary: true, Reason: "Internal Server Error"}},
		{"bad gateway without JSON", 502, `<html>Bad Gateway</html>`,
			parley.DeliveryError{Temporary: true, Reason: "telegram answered HTTP 502 Bad Gateway"}},
		{"flood control", 429, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}`,
			parley.DeliveryError{Temporary: true, RetryAfter: 7 * time.Second, Reason: "Too Many Requests: retry after 7"}},
		{"chat not found", 400, `{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}`,
			parley.DeliveryError{Reason: "Bad Request: chat not found"}},
		{"group migrated", 400, `{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1001234567890}}`,
			parley.DeliveryError{Reason: "Bad Request: group chat was upgraded to a supergroup chat (the group is now the supergroup -1001234567890)"}},
		{"blocked", 403, `{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}`,
			parley.DeliveryError{Unreachable: true, Reason: "Forbidden: bot was blocked by the user"}},
		{"deactivated", 403, `{"ok":false,"error_code":403,"description":"Forbidden: user is deactivated"}`,
			parley.DeliveryError{Unreachable: true, Reason: "Forbidden: user is deactivated"}},
		{"other forbidden", 403, `{"ok":false,"error_code":403,"description":"Forbidden: bot can't initiate conversation with a user"}`,
			parley.DeliveryError{Reason: "Forbidden: bot can't initiate conversation with a user"}},
		{"bad token", 401, `{"ok":false,"error_code":401,"description":"Unauthorized"}`,
			parley.DeliveryError{Reason: "Unauthorized"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, _ string, _ int) { answer(w, tt.status, tt.body) })
			_, err := telegram.New(nil).Send(context.Background(), channel(rec.srv.URL), parley.Outbound{To: "111222333", Text: "hi"})
			var de *parley.DeliveryError
			if !errors.As(err, &de) {
				t.Fatalf("err = %v, want a DeliveryError", err)
			}
			if *de != tt.want {
				t.Errorf("got %+v\nwant %+v", *de, tt.want)
			}
		})
	}
}

func TestSendNetworkErrorIsTemporaryAndHidesToken(t *testing.T) {
	rec := newRecorder(t, okMessage)
	rec.srv.Close()
	_, err := telegram.New(nil).Send(context.Background(), channel(rec.srv.URL), parley.Outbound{To: "1", Text: "hi"})
	var de *parley.DeliveryError
	if !errors.As(err, &de) || !de.Temporary {
		t.Fatalf("err = %v, want temporary", err)
	}
	if strings.Contains(de.Reason, testToken) {
		t.Errorf("the reason shows the bot token: %s", de.Reason)
	}
}

// jsonField reads one string field of a JSON body.
func jsonField(t *testing.T, body []byte, key string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	s, _ := m[key].(string)
	return s
}

// form reads a multipart request's fields and files.
func form(t *testing.T, c call) (fields map[string]string, files map[string]*multipart.Part, data map[string][]byte) {
	t.Helper()
	_, params, err := mime.ParseMediaType(c.ContentType)
	if err != nil {
		t.Fatal(err)
	}
	fields, files, data = map[string]string{}, map[string]*multipart.Part{}, map[string][]byte{}
	r := multipart.NewReader(bytes.NewReader(c.Body), params["boundary"])
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		if p.FileName() != "" {
			files[p.FormName()], data[p.FormName()] = p, b
		} else {
			fields[p.FormName()] = string(b)
		}
	}
}
