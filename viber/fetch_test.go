package viber

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"parley"
)

func TestFetch(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Header.Get(authHeader) != "":
			http.Error(w, "the public link must not get the bot token", http.StatusBadRequest)
		case r.URL.Path == "/img.jpg":
			w.Header().Set("Content-Type", "image/jpeg")
			io.WriteString(w, "JPEG")
		case r.URL.Path == "/busy.jpg":
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			http.Error(w, "expired", http.StatusForbidden)
		}
	}))
	defer srv.Close()
	p, ch := New(nil), testChannel("http://unused")

	rc, err := p.Fetch(context.Background(), ch, parley.MediaRef{URL: srv.URL + "/img.jpg", Kind: "image"})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(rc)
	rc.Close()
	if string(data) != "JPEG" {
		t.Errorf("fetched %q", data)
	}

	_, err = p.Fetch(context.Background(), ch, parley.MediaRef{URL: srv.URL + "/old.jpg"})
	checkDelivery(t, err, parley.DeliveryError{}, "HTTP 403")
	_, err = p.Fetch(context.Background(), ch, parley.MediaRef{URL: srv.URL + "/busy.jpg"})
	checkDelivery(t, err, parley.DeliveryError{Temporary: true}, "HTTP 503")
	_, err = p.Fetch(context.Background(), ch, parley.MediaRef{Kind: "image"})
	checkDelivery(t, err, parley.DeliveryError{}, "no link")
}
