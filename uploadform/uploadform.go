// Package uploadform builds the multipart forms in which providers take files.
package uploadform

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"strings"

	"parley"
)

// Field is one plain field of a form, in the order written.
type Field struct{ Name, Value string }

// Build builds a multipart form of fields and then f's content in the part
// named fileField, with contentType (f's own when empty). The form is built in
// memory: files are capped by the file store, and a provider's retry needs
// the whole body again anyway. Errors are temporary DeliveryErrors, as the
// file store may answer later.
func Build(ctx context.Context, f parley.OutboundFile, fields []Field, fileField, contentType string) (*bytes.Buffer, string, error) {
	rc, err := f.Open(ctx)
	if err != nil {
		return nil, "", parley.TemporaryError(fmt.Sprintf("cannot open %q: %v", f.Name, err), 0)
	}
	defer rc.Close()
	if contentType == "" {
		contentType = f.ContentType
	}
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, fl := range fields {
		_ = w.WriteField(fl.Name, fl.Value) // writes to memory cannot fail
	}
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, fileField, QuoteName(f.Name)))
	h.Set("Content-Type", contentType)
	part, err := w.CreatePart(h)
	if err == nil {
		_, err = io.Copy(part, rc)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		return nil, "", parley.TemporaryError(fmt.Sprintf("cannot read %q: %v", f.Name, err), 0)
	}
	return &buf, w.FormDataContentType(), nil
}

// QuoteName escapes a file name for a Content-Disposition header.
func QuoteName(name string) string {
	if name == "" {
		name = "file"
	}
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r", "", "\n", "").Replace(name)
}
