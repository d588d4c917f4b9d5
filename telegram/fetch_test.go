package telegram_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"parley"
	"parley/telegram"
)

func TestFetchFile(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, method string, _ int) {
		switch method {
		case "getFile":
			answer(w, 200, `{"ok":true,"result":{"file_id":"BQACdoc","file_unique_id":"AgAD","file_size":8,"file_path":"documents/file_3.pdf"}}`)
		case "file_3.pdf":
			w.Write([]byte("%PDF-1.7"))
		default:
			http.NotFound(w, nil)
		}
	})
	body, err := telegram.New(nil).Fetch(context.Background(), channel(rec.srv.URL), parley.MediaRef{ID: "BQACdoc", Kind: "document"})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(body)
	body.Close()
	if string(data) != "%PDF-1.7" {
		t.Errorf("content = %q", data)
	}
	calls := rec.Calls()
	if len(calls) != 2 {
		t.Fatalf("%d calls, want getFile and the download", len(calls))
	}
	if c := calls[0]; c.Method != "GET" || c.Path != "/bot"+testToken+"/getFile" || c.Query != "file_id=BQACdoc" {
		t.Errorf("getFile = %s %s?%s", c.Method, c.Path, c.Query)
	}
	if c := calls[1]; c.Method != "GET" || c.Path != "/file/bot"+testToken+"/documents/file_3.pdf" {
		t.Errorf("download = %s %s", c.Method, c.Path)
	}
}

func TestFetchAvatar(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, method string, _ int) {
		switch method {
		case "getUserProfilePhotos":
			answer(w, 200, `{"ok":true,"result":{"total_count":3,"photos":[[
				{"file_id":"small","file_unique_id":"a","width":160,"height":160,"file_size":5000},
				{"file_id":"big","file_unique_id":"c","width":640,"height":640,"file_size":50000},
				{"file_id":"mid","file_unique_id":"b","width":320,"height":320,"file_size":20000}]]}}`)
		case "getFile":
			answer(w, 200, `{"ok":true,"result":{"file_id":"big","file_unique_id":"c","file_size":4,"file_path":"profile_photos/file_1.jpg"}}`)
		default:
			w.Write([]byte("JPEG"))
		}
	})
	body, err := telegram.New(nil).Fetch(context.Background(), channel(rec.srv.URL), parley.MediaRef{ID: "user:111222333", Kind: "avatar"})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(body)
	body.Close()
	if string(data) != "JPEG" {
		t.Errorf("content = %q", data)
	}
	calls := rec.Calls()
	if len(calls) != 3 {
		t.Fatalf("%d calls, want 3", len(calls))
	}
	if c := calls[0]; c.Path != "/bot"+testToken+"/getUserProfilePhotos" || c.Query != "limit=1&user_id=111222333" {
		t.Errorf("photos lookup = %s?%s", c.Path, c.Query)
	}
	if c := calls[1]; c.Query != "file_id=big" {
		t.Errorf("getFile asked for %s, want the largest size", c.Query)
	}
}

func TestFetchErrors(t *testing.T) {
	tests := []struct {
		name     string
		ref      parley.MediaRef
		getFile  string
		status   int
		want     parley.ErrorCode
		maxCalls int
	}{
		{"over 20 MB", parley.MediaRef{ID: "big"}, `{"ok":true,"result":{"file_id":"big","file_size":20971521,"file_path":"videos/file_9.mp4"}}`, 200, parley.CodeTooLarge, 1},
		{"telegram says too big", parley.MediaRef{ID: "big"}, `{"ok":false,"error_code":400,"description":"Bad Request: file is too big"}`, 400, parley.CodeTooLarge, 1},
		{"no profile photo", parley.MediaRef{ID: "user:5", Kind: "avatar"}, `{"ok":true,"result":{"total_count":0,"photos":[]}}`, 200, parley.CodeNotFound, 1},
		{"download gone", parley.MediaRef{ID: "x"}, `{"ok":true,"result":{"file_id":"x","file_size":3,"file_path":"photos/gone.jpg"}}`, 200, parley.CodeNotFound, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, method string, _ int) {
				if method == "getFile" || method == "getUserProfilePhotos" {
					answer(w, tt.status, tt.getFile)
					return
				}
				http.NotFound(w, nil)
			})
			body, err := telegram.New(nil).Fetch(context.Background(), channel(rec.srv.URL), tt.ref)
			if err == nil {
				body.Close()
			}
			if !parley.IsCode(err, tt.want) {
				t.Fatalf("err = %v, want %s", err, tt.want)
			}
			if n := len(rec.Calls()); n > tt.maxCalls {
				t.Errorf("%d calls, want at most %d", n, tt.maxCalls)
			}
		})
	}
}
