package viber

import (
	"context"
	"net/http"
	"testing"

	"parley"
)

func TestConnect(t *testing.T) {
	rec, srv := newRecorder(t)
	if err := New(nil).Connect(context.Background(), testChannel(srv.URL), "https://parley.example/hooks/abc"); err != nil {
		t.Fatal(err)
	}
	reqs := rec.requests()
	if len(reqs) != 1 || reqs[0].Path != "/set_webhook" || reqs[0].Auth != testToken {
		t.Fatalf("requests %+v", reqs)
	}
	jsonEqual(t, reqs[0].Body, `{"url":"https://parley.example/hooks/abc",
		"event_types":["delivered","seen","failed","subscribed","unsubscribed","conversation_started"],
		"send_name":true,"send_photo":true}`)
}

func TestConnectErrors(t *testing.T) {
	tests := []struct {
		name   string
		answer func(http.ResponseWriter)
		code   parley.ErrorCode
	}{
		{"refused", status(1, "invalidUrl"), parley.CodeInvalid},
		{"server error", httpStatus(500, "", ""), parley.CodeInternal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, srv := newRecorder(t, tt.answer)
			err := New(nil).Connect(context.Background(), testChannel(srv.URL), "http://not-https")
			if err == nil || parley.CodeOf(err) != tt.code {
				t.Fatalf("err = %v, want code %s", err, tt.code)
			}
		})
	}
}

func TestSpec(t *testing.T) {
	spec := New(nil).Spec()
	if spec.Type != parley.ChannelViber || !spec.Connectable || spec.RatePerSecond <= 0 {
		t.Errorf("spec %+v", spec)
	}
	want := map[string]bool{settingBaseURL: false, settingSenderName: true, settingSenderAvatar: false}
	for _, s := range spec.Settings {
		if req, ok := want[s.Key]; !ok || req != s.Required {
			t.Errorf("setting %+v", s)
		}
		delete(want, s.Key)
	}
	if len(want) != 0 || spec.Settings[0].Default != DefaultBaseURL || len(spec.Secrets) != 1 || spec.Secrets[0].Key != secretAuthToken {
		t.Errorf("missing settings %v, spec %+v", want, spec)
	}
}
