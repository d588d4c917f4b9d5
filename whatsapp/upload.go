package whatsapp

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"

	"parley"
)

// upload is a file stored at Meta, ready to be sent by its media id.
type upload struct {
	id   string
	kind string // image or document
	name string
}

// uploadAll uploads every file, in order.
func (p *Provider) uploadAll(ctx context.Context, ch parley.Channel, files []parley.OutboundFile) ([]upload, error) {
	ups := make([]upload, 0, len(files))
	for _, f := range files {
		u, err := p.upload(ctx, ch, f)
		if err != nil {
			return nil, err
		}
		ups = append(ups, u)
	}
	return ups, nil
}

// upload posts one file to /{phone_number_id}/media. Cloud API sends files
// by a media id (or a public link, which Parley does not have). The body is
// built in memory: files are capped by Parley's file store, and a body of
// known length avoids chunked uploads, which not every proxy passes.
func (p *Provider) upload(ctx context.Context, ch parley.Channel, f parley.OutboundFile) (upload, error) {
	ct := f.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	body, formType, err := uploadBody(ctx, f, ct)
	if err != nil {
		return upload{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, phoneURL(ch, "media"), body)
	if err != nil {
		return upload{}, parley.PermanentError(fmt.Sprintf("bad upload URL: %v", err))
	}
	req.Header.Set("Content-Type", formType)
	var ans struct {
		ID string `json:"id"`
	}
	if err := p.do(ch, req, &ans); err != nil {
		return upload{}, err
	}
	if ans.ID == "" {
		return upload{}, parley.PermanentError("WhatsApp stored the file but returned no media id")
	}
	u := upload{id: ans.ID, kind: "document", name: f.Name}
	// Cloud API shows only JPEG and PNG as images; anything else, a GIF or a
	// WebP picture included, goes as a document so it arrives at all.
	if f.Image && (ct == "image/jpeg" || ct == "image/png") {
		u.kind = "image"
	}
	return u, nil
}

// uploadBody builds the multipart form: messaging_product, type and file.
func uploadBody(ctx context.Context, f parley.OutboundFile, ct string) (*bytes.Buffer, string, error) {
	rc, err := f.Open(ctx)
	if err != nil {
		return nil, "", parley.TemporaryError(fmt.Sprintf("cannot open %q: %v", f.Name, err), 0)
	}
	defer rc.Close()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("messaging_product", "whatsapp")
	_ = w.WriteField("type", ct)
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename="%s"`, quote(f.Name)))
	h.Set("Content-Type", ct)
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

// quote escapes a file name for a Content-Disposition header.
func quote(name string) string {
	if name == "" {
		name = "file"
	}
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r", "", "\n", "").Replace(name)
}
