package messenger

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"parley/messenger/messengertest"
	"testing"

	"parley"
)

func TestFetch(t *testing.T) {
	var srvURL string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		switch r.URL.Path {
		case "/v21.0/" + testPSID:
			if q.Get("access_token") != testToken || q.Get("fields") != "profile_pic" {
				w.WriteHeader(http.StatusBadRequest)
				io.WriteString(w, graphErr(100, 0, "Invalid parameter"))
				return
			}
			io.WriteString(w, `{"profile_pic":"`+srvURL+`/cdn/pic.jpg","id":"`+testPSID+`"}`)
		case "/v21.0/42":
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, graphErr(100, 33, "Unsupported get request."))
		case "/cdn/pic.jpg", "/cdn/photo.jpg":
			if q.Get("access_token") != "" {
				http.Error(w, "the CDN must not get the token", http.StatusBadRequest)
				return
			}
			io.WriteString(w, "JPEG "+r.URL.Path)
		case "/cdn/busy.jpg":
			w.WriteHeader(http.StatusBadGateway)
		default:
			http.Error(w, "URL signature expired", http.StatusForbidden)
		}
	}))
	defer srv.Close()
	srvURL = srv.URL
	p, ch := New(nil), versioned(srv)

	for _, tt := range []struct {
		ref  parley.MediaRef
		want string
	}{
		{parley.MediaRef{ID: "psid:" + testPSID, Kind: "avatar"}, "JPEG /cdn/pic.jpg"},
		{parley.MediaRef{URL: srv.URL + "/cdn/photo.jpg", Kind: "image"}, "JPEG /cdn/photo.jpg"},
	} {
		rc, err := p.Fetch(context.Background(), ch, tt.ref)
		if err != nil {
			t.Fatalf("%+v: %v", tt.ref, err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if string(data) != tt.want {
			t.Errorf("%+v: fetched %q, want %q", tt.ref, data, tt.want)
		}
	}
	tests := []struct {
		ref  parley.MediaRef
		want parley.DeliveryError
		part string
	}{
		{parley.MediaRef{ID: "psid:42"}, parley.DeliveryError{}, "Unsupported get request"},
		{parley.MediaRef{URL: srv.URL + "/cdn/old.jpg"}, parley.DeliveryError{}, "HTTP 403"},
		{parley.MediaRef{URL: srv.URL + "/cdn/busy.jpg"}, parley.DeliveryError{Temporary: true}, "HTTP 502"},
		{parley.MediaRef{Kind: "image"}, parley.DeliveryError{}, "neither"},
	}
	for _, tt := range tests {
		_, err := p.Fetch(context.Background(), ch, tt.ref)
		checkDelivery(t, err, tt.want, tt.part)
	}
}

func TestSpecAndConnect(t *testing.T) {
	p := New(nil)
	spec := p.Spec()
	if spec.Type != parley.ChannelMessenger || spec.Connectable || spec.Settings[0].Default != DefaultBaseURL {
		t.Errorf("spec %+v", spec)
	}
	if err := p.Connect(context.Background(), testChannel(""), "https://x"); err != parley.ErrNoConnect {
		t.Errorf("connect: %v", err)
	}
}

func TestProfile(t *testing.T) {
	srv := messengertest.NewServer()
	defer srv.Close()
	srv.SetName("77", "Ana", "Silva")
	p := New(nil)
	who, err := p.Profile(context.Background(), testChannel(srv.URL), "77")
	if err != nil || who.Name != "Ana Silva" || who.ExternalID != "77" {
		t.Fatalf("profile: %+v %v", who, err)
	}
	if _, err := p.Profile(context.Background(), testChannel(srv.URL), "78"); err == nil {
		t.Fatal("a person the API does not know gave a profile")
	}
}
