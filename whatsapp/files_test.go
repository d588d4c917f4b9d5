package whatsapp

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"parley"
)

// file is an OutboundFile whose content is data.
func file(name, ct string, image bool, data string) parley.OutboundFile {
	return parley.OutboundFile{Name: name, ContentType: ct, Size: int64(len(data)), Image: image,
		Open: func(context.Context) (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(data)), nil }}
}

// uploaded is what one multipart upload carried.
type uploaded struct {
	fields             map[string]string
	filename, partType string
	data               string
}

func parseUpload(t *testing.T, r recorded) uploaded {
	t.Helper()
	_, params, err := mime.ParseMediaType(r.ContentType)
	if err != nil {
		t.Fatalf("upload content type %q: %v", r.ContentType, err)
	}
	mr := multipart.NewReader(bytes.NewReader(r.Body), params["boundary"])
	u := uploaded{fields: map[string]string{}}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return u
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		if p.FormName() == "file" {
			u.filename, u.partType, u.data = p.FileName(), p.Header.Get("Content-Type"), string(b)
			continue
		}
		u.fields[p.FormName()] = string(b)
	}
}

const mediaPath = "/" + testPhoneID + "/media"

func TestSendFiles(t *testing.T) {
	long := strings.Repeat("a", maxCaption+1)
	tests := []struct {
		name  string
		out   parley.Outbound
		paths []string // in order
		sends []string // bodies of the message sends, in order
		types []string // content types of the uploads
	}{
		{"image with the text as caption",
			parley.Outbound{To: "16505551234", Text: "Here it is", Files: []parley.OutboundFile{file("plant.jpg", "image/jpeg", true, "JPEGDATA")}},
			[]string{mediaPath, messagesPath},
			[]string{`{"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"image","image":{"id":"media-1","caption":"Here it is"}}`},
			[]string{"image/jpeg"}},
		{"document keeps its name",
			parley.Outbound{To: "16505551234", Files: []parley.OutboundFile{file("receipt.pdf", "application/pdf", false, "%PDF")}},
			[]string{mediaPath, messagesPath},
			[]string{`{"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"document","document":{"id":"media-1","filename":"receipt.pdf"}}`},
			[]string{"application/pdf"}},
		{"webp image goes as a document",
			parley.Outbound{To: "16505551234", Files: []parley.OutboundFile{file("pic.webp", "image/webp", true, "RIFF")}},
			[]string{mediaPath, messagesPath},
			[]string{`{"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"document","document":{"id":"media-1","filename":"pic.webp"}}`},
			[]string{"image/webp"}},
		{"long text first, then both files, uploads before any send",
			parley.Outbound{To: "16505551234", Text: long, Files: []parley.OutboundFile{
				file("a.png", "image/png", true, "PNG"), file("b.pdf", "application/pdf", false, "%PDF")}},
			[]string{mediaPath, mediaPath, messagesPath, messagesPath, messagesPath},
			[]string{
				`{"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"text","text":{"body":"` + long + `"}}`,
				`{"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"image","image":{"id":"media-1"}}`,
				`{"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"document","document":{"id":"media-2","filename":"b.pdf"}}`,
			},
			[]string{"image/png", "application/pdf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, srv := newRecorder(t)
			res, err := New(nil).Send(context.Background(), testChannel(srv.URL), tt.out)
			if err != nil {
				t.Fatal(err)
			}
			reqs := rec.requests()
			if len(reqs) != len(tt.paths) {
				t.Fatalf("got %d requests, want %d", len(reqs), len(tt.paths))
			}
			var sends, types []string
			for i, r := range reqs {
				if r.Path != tt.paths[i] || r.Auth != "Bearer "+testToken {
					t.Errorf("request %d: %s auth %q, want %s", i, r.Path, r.Auth, tt.paths[i])
				}
				if r.Path == mediaPath {
					u := parseUpload(t, r)
					f := tt.out.Files[len(types)]
					if u.fields["messaging_product"] != "whatsapp" || u.fields["type"] != f.ContentType ||
						u.partType != f.ContentType || u.filename != f.Name || int64(len(u.data)) != f.Size {
						t.Errorf("upload %d: %+v", len(types), u)
					}
					types = append(types, u.fields["type"])
					continue
				}
				sends = append(sends, string(r.Body))
			}
			for i := range tt.sends {
				jsonEqual(t, []byte(sends[i]), tt.sends[i])
			}
			if want := "wamid." + strconv.Itoa(len(reqs)); res.ExternalID != want {
				t.Errorf("ExternalID = %q, want the last send's %q", res.ExternalID, want)
			}
		})
	}
}

func TestSendFileUploadFailsBeforeAnySend(t *testing.T) {
	rec, srv := newRecorder(t)
	rec.fail[mediaPath] = func(w http.ResponseWriter) {
		w.WriteHeader(400)
		io.WriteString(w, `{"error":{"message":"(#131053) Media upload error","type":"OAuthException","code":131053}}`)
	}
	out := parley.Outbound{To: "16505551234", Text: strings.Repeat("x", 2000), Files: []parley.OutboundFile{file("a.exe", "application/x-msdownload", false, "MZ")}}
	_, err := New(nil).Send(context.Background(), testChannel(srv.URL), out)
	checkDelivery(t, err, parley.DeliveryError{}, "Media upload error")
	for _, r := range rec.requests() {
		if r.Path == messagesPath {
			t.Errorf("a message was sent although the upload failed: %s", r.Body)
		}
	}
}

func TestSendRefusesWithoutSending(t *testing.T) {
	tests := []struct {
		name string
		out  parley.Outbound
	}{
		{"empty", parley.Outbound{To: "16505551234"}},
		{"template with files", parley.Outbound{To: "16505551234", Template: &parley.TemplateUse{Name: "hello_world", Language: "en_US"},
			Files: []parley.OutboundFile{file("a.pdf", "application/pdf", false, "%PDF")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, srv := newRecorder(t)
			_, err := New(nil).Send(context.Background(), testChannel(srv.URL), tt.out)
			var de *parley.DeliveryError
			if !errors.As(err, &de) || de.Temporary {
				t.Fatalf("err = %v, want a permanent DeliveryError", err)
			}
			if n := len(rec.requests()); n != 0 {
				t.Errorf("%d requests made", n)
			}
		})
	}
}
