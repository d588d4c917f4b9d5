package whatsapp

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"parley"
)

func TestFetch(t *testing.T) {
	var srv *httptest.Server
	var paths []string
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path)
		if r.Header.Get("Authorization") != "Bearer "+testToken || r.Header.Get("User-Agent") == "" {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"error":{"message":"Invalid OAuth access token.","type":"OAuthException","code":190}}`)
			return
		}
		switch r.URL.Path {
		case "/1003383421387256":
			io.WriteString(w, `{"messaging_product":"whatsapp","url":"`+srv.URL+`/whatsapp_business/attachments/?mid=1003383421387256","mime_type":"image/jpeg","sha256":"x","file_size":5,"id":"1003383421387256"}`)
		case "/whatsapp_business/attachments/":
			io.WriteString(w, "JPEG!")
		default:
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"error":{"message":"Unsupported get request.","type":"GraphMethodException","code":100}}`)
		}
	}))
	defer srv.Close()
	p := New(nil)

	rc, err := p.Fetch(context.Background(), testChannel(srv.URL), parley.MediaRef{ID: "1003383421387256", Kind: "image"})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(rc)
	rc.Close()
	if string(data) != "JPEG!" {
		t.Errorf("data = %q", data)
	}
	if want := []string{"/1003383421387256", "/whatsapp_business/attachments/"}; strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Errorf("paths = %v, want %v", paths, want)
	}

	_, err = p.Fetch(context.Background(), testChannel(srv.URL), parley.MediaRef{ID: "404404", Kind: "image"})
	if err == nil || !strings.Contains(err.Error(), "Unsupported get request") {
		t.Errorf("unknown media: err = %v", err)
	}
	bad := testChannel(srv.URL)
	bad.Secrets[secretAccessToken] = "wrong"
	if _, err := p.Fetch(context.Background(), bad, parley.MediaRef{ID: "1003383421387256"}); err == nil {
		t.Error("a wrong token fetched media")
	}
}
