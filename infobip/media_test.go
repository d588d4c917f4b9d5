package infobip

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
		if r.Header.Get("Authorization") != "App "+testKey {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"requestError":{"serviceException":{"messageId":"UNAUTHORIZED","text":"Invalid login details"}}}`)
			return
		}
		if r.URL.Path != "/whatsapp/1/senders/41793026731/media/f1b96d31" {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "image/jpeg")
		io.WriteString(w, "JPEG!")
	}))
	defer srv.Close()
	p, ch := New(nil), testChannel(srv.URL)

	rc, err := p.Fetch(context.Background(), ch, parley.MediaRef{URL: srv.URL + "/whatsapp/1/senders/41793026731/media/f1b96d31", Kind: "image"})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(rc)
	rc.Close()
	if string(data) != "JPEG!" {
		t.Errorf("data = %q", data)
	}

	wrongKey := testChannel(srv.URL)
	wrongKey.Secrets[secretAPIKey] = "wrong"
	if _, err := p.Fetch(context.Background(), wrongKey, parley.MediaRef{URL: srv.URL + "/whatsapp/1/senders/41793026731/media/f1b96d31"}); err == nil {
		t.Error("a wrong key fetched media")
	}
	if _, err := p.Fetch(context.Background(), ch, parley.MediaRef{URL: srv.URL + "/whatsapp/1/senders/41793026731/media/missing"}); err == nil {
		t.Error("missing media: no error")
	}
}

func TestFetchKeepsTheKeyAtHome(t *testing.T) {
	hit := false
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hit = true }))
	defer evil.Close()
	ch := testChannel("https://6zge2d.api.infobip.com")
	for _, link := range []string{evil.URL + "/steal", "http://api.infobip.com/whatsapp/1/senders/1/media/2", "ftp://x.infobip.com/a", ""} {
		if _, err := New(nil).Fetch(context.Background(), ch, parley.MediaRef{URL: link}); err == nil {
			t.Errorf("%q: fetched", link)
		}
	}
	if hit {
		t.Error("the API key was sent to a foreign host")
	}
	if err := trustedURL(ch, "https://api.infobip.com/whatsapp/1/senders/1/media/2"); err != nil {
		t.Errorf("Infobip's own host refused: %v", err)
	}
}
