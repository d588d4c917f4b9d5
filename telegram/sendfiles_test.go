package telegram_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"parley"
	"parley/telegram"
)

func file(name, ct string, image bool, content string) parley.OutboundFile {
	return parley.OutboundFile{
		Name: name, ContentType: ct, Image: image, Size: int64(len(content)),
		Open: func(context.Context) (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(content)), nil },
	}
}

// upload is what one multipart send carried.
type upload struct {
	Path, ChatID, Caption, Field, FileName, FileType, Content string
}

func TestSendFiles(t *testing.T) {
	long := strings.Repeat("a", 1025)
	photo := file("cat.jpg", "image/jpeg", true, "JPEGDATA")
	pdf := file("invoice.pdf", "application/pdf", false, "%PDF-1.7")
	tests := []struct {
		name    string
		out     parley.Outbound
		texts   []string // sendMessage texts, sent first
		uploads []upload
		lastID  string
	}{
		{"photo with caption", parley.Outbound{To: "111222333", Text: "Here it is", Files: []parley.OutboundFile{photo}}, nil,
			[]upload{{"sendPhoto", "111222333", "Here it is", "photo", "cat.jpg", "image/jpeg", "JPEGDATA"}}, "111222333:500"},
		{"document without text", parley.Outbound{To: "111222333", Files: []parley.OutboundFile{pdf}}, nil,
			[]upload{{"sendDocument", "111222333", "", "document", "invoice.pdf", "application/pdf", "%PDF-1.7"}}, "111222333:500"},
		{"gif goes as document", parley.Outbound{To: "111222333", Files: []parley.OutboundFile{file("a.gif", "image/gif", true, "GIF89a")}}, nil,
			[]upload{{"sendDocument", "111222333", "", "document", "a.gif", "image/gif", "GIF89a"}}, "111222333:500"},
		{"text too long for a caption", parley.Outbound{To: "111222333", Text: long, Files: []parley.OutboundFile{pdf}}, []string{long},
			[]upload{{"sendDocument", "111222333", "", "document", "invoice.pdf", "application/pdf", "%PDF-1.7"}}, "111222333:501"},
		{"two files", parley.Outbound{To: "111222333", Text: "both", Files: []parley.OutboundFile{photo, pdf}}, []string{"both"},
			[]upload{
				{"sendPhoto", "111222333", "", "photo", "cat.jpg", "image/jpeg", "JPEGDATA"},
				{"sendDocument", "111222333", "", "document", "invoice.pdf", "application/pdf", "%PDF-1.7"},
			}, "111222333:502"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder(t, okMessage)
			res, err := telegram.New(nil).Send(context.Background(), channel(rec.srv.URL), tt.out)
			if err != nil {
				t.Fatal(err)
			}
			if res.ExternalID != tt.lastID {
				t.Errorf("ExternalID = %q, want %q", res.ExternalID, tt.lastID)
			}
			var texts []string
			var uploads []upload
			for _, c := range rec.Calls() {
				method := c.Path[strings.LastIndexByte(c.Path, '/')+1:]
				if method == "sendMessage" {
					if len(uploads) > 0 {
						t.Error("text sent after a file")
					}
					texts = append(texts, jsonField(t, c.Body, "text"))
					continue
				}
				fields, parts, data := form(t, c)
				for field, p := range parts {
					uploads = append(uploads, upload{method, fields["chat_id"], fields["caption"], field, p.FileName(), p.Header.Get("Content-Type"), string(data[field])})
				}
				if len(parts) != 1 {
					t.Errorf("%s carried %d files", method, len(parts))
				}
			}
			if !reflect.DeepEqual(texts, tt.texts) {
				t.Errorf("texts = %q, want %q", texts, tt.texts)
			}
			if !reflect.DeepEqual(uploads, tt.uploads) {
				t.Errorf("uploads:\n got %+v\nwant %+v", uploads, tt.uploads)
			}
		})
	}
}

// TestSendPhotoRefusedAsPhoto sends a photo Telegram will not take as a
// photo again as a document.
func TestSendPhotoRefusedAsPhoto(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, method string, n int) {
		if method == "sendPhoto" {
			answer(w, 400, `{"ok":false,"error_code":400,"description":"Bad Request: PHOTO_INVALID_DIMENSIONS"}`)
			return
		}
		okMessage(w, method, n)
	})
	out := parley.Outbound{To: "111222333", Text: "wide", Files: []parley.OutboundFile{file("pano.jpg", "image/jpeg", true, "JPEG")}}
	if _, err := telegram.New(nil).Send(context.Background(), channel(rec.srv.URL), out); err != nil {
		t.Fatal(err)
	}
	calls := rec.Calls()
	if len(calls) != 2 || !strings.HasSuffix(calls[1].Path, "/sendDocument") {
		t.Fatalf("calls = %+v", calls)
	}
	if fields, _, _ := form(t, calls[1]); fields["caption"] != "wide" {
		t.Errorf("the document lost its caption: %v", fields)
	}
}

func TestSendFileTooLarge(t *testing.T) {
	rec := newRecorder(t, okMessage)
	big := file("big.zip", "application/zip", false, "x")
	big.Size = 51 << 20
	_, err := telegram.New(nil).Send(context.Background(), channel(rec.srv.URL), parley.Outbound{To: "1", Files: []parley.OutboundFile{big}})
	var de *parley.DeliveryError
	if !errors.As(err, &de) || de.Temporary {
		t.Fatalf("err = %v, want permanent", err)
	}
	if len(rec.Calls()) != 0 {
		t.Error("a file over the limit was uploaded")
	}
}
