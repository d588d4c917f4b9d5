package uploadform

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"strings"
	"testing"

	"parley"
)

func TestBuild(t *testing.T) {
	f := parley.OutboundFile{Name: `re"port.pdf`, ContentType: "application/pdf",
		Open: func(context.Context) (io.ReadCloser, error) { return io.NopCloser(strings.NewReader("%PDF-1.4")), nil }}
	body, ctype, err := Build(context.Background(), f, []Field{{"a", "1"}, {"b", "2"}}, "file", "")
	if err != nil {
		t.Fatal(err)
	}
	_, params, _ := mime.ParseMediaType(ctype)
	r := multipart.NewReader(body, params["boundary"])
	var got []string
	for {
		p, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(p)
		got = append(got, p.FormName()+"="+string(data)+";"+p.FileName()+";"+p.Header.Get("Content-Type"))
	}
	want := []string{"a=1;;", "b=2;;", `file=%PDF-1.4;re"port.pdf;application/pdf`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("parts %q, want %q", got, want)
	}
}

func TestBuildOpenFails(t *testing.T) {
	f := parley.OutboundFile{Name: "x", Open: func(context.Context) (io.ReadCloser, error) { return nil, errors.New("gone") }}
	_, _, err := Build(context.Background(), f, nil, "file", "")
	var de *parley.DeliveryError
	if !errors.As(err, &de) || !de.Temporary {
		t.Fatalf("err = %v, want a temporary delivery error", err)
	}
}
