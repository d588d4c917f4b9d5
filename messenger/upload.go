package messenger

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

// upload is a file stored at Meta, ready to be sent by its attachment id.
type upload struct {
	id   string
	kind string // image, video, audio or file
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

// upload posts one file to the Attachment Upload API. The Send API takes
// files by URL or by attachment id; Parley's files have no public URL, so
// each is uploaded first (not reusable: it is sent once). The body is built in
// memory: files are capped by Parley's file store, and a body of known length
// avoids chunked uploads, which not every proxy passes.
func (p *Provider) upload(ctx context.Context, ch parley.Channel, f parley.OutboundFile) (upload, error) {
	kind := attachmentType(f)
	body, formType, err := uploadBody(ctx, f, kind)
	if err != nil {
		return upload{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, graphURL(ch, "me/message_attachments", nil), body)
	if err != nil {
		return upload{}, parley.PermanentError("bad Graph API URL: " + netReason(err))
	}
	req.Header.Set("Content-Type", formType)
	var ans struct {
		AttachmentID string `json:"attachment_id"`
	}
	if err := p.do(req, &ans); err != nil {
		return upload{}, err
	}
	if ans.AttachmentID == "" {
		return upload{}, parley.PermanentError("Messenger stored the file but returned no attachment_id")
	}
	return upload{id: ans.AttachmentID, kind: kind}, nil
}

// attachmentType is how Messenger shows a file: pictures, players, or a file.
func attachmentType(f parley.OutboundFile) string {
	switch {
	case f.Image:
		return "image"
	case strings.HasPrefix(f.ContentType, "video/"):
		return "video"
	case strings.HasPrefix(f.ContentType, "audio/"):
		return "audio"
	}
	return "file"
}

// uploadBody builds the multipart form: message (the attachment's type) and
// filedata.
func uploadBody(ctx context.Context, f parley.OutboundFile, kind string) (*bytes.Buffer, string, error) {
	rc, err := f.Open(ctx)
	if err != nil {
		return nil, "", parley.TemporaryError(fmt.Sprintf("cannot open %q: %v", f.Name, err), 0)
	}
	defer rc.Close()
	ct := f.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("message", `{"attachment":{"type":"`+kind+`","payload":{"is_reusable":false}}}`)
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="filedata"; filename="%s"`, quote(f.Name)))
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
