package telegram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"

	"parley"
)

// Upload limits of the Bot API: photos up to 10 MB, other files up to 50 MB.
const (
	maxPhotoUpload = 10 << 20
	maxUpload      = 50 << 20
)

// sendFile uploads one file by multipart: images through sendPhoto, which
// Telegram shows inline, everything else through sendDocument. A photo that
// Telegram rejects as a photo (dimensions, ratio) is sent again as a document.
func (p *Provider) sendFile(ctx context.Context, ch parley.Channel, to string, f parley.OutboundFile, caption string) (sentMessage, error) {
	if f.Size > maxUpload {
		return sentMessage{}, parley.PermanentError(fmt.Sprintf("%s has %d bytes, more than the 50 MB a bot may upload", f.Name, f.Size))
	}
	if asPhoto(f) {
		m, err := p.upload(ctx, ch, "sendPhoto", "photo", to, f, caption)
		var de *parley.DeliveryError
		if err == nil || !errors.As(err, &de) || de.Temporary || !strings.Contains(de.Reason, "PHOTO_") {
			return m, err
		}
	}
	return p.upload(ctx, ch, "sendDocument", "document", to, f, caption)
}

// asPhoto says whether Telegram will take f as a photo; GIFs and SVGs would
// lose their animation or be refused, so they go as documents.
func asPhoto(f parley.OutboundFile) bool {
	ct := strings.ToLower(f.ContentType)
	if ct == "image/gif" || ct == "image/svg+xml" || f.Size > maxPhotoUpload {
		return false
	}
	return f.Image || ct == "image/jpeg" || ct == "image/png" || ct == "image/webp"
}

// upload streams the file into a multipart body, so a large file is never
// held in memory whole.
func (p *Provider) upload(ctx context.Context, ch parley.Channel, method, field, to string, f parley.OutboundFile, caption string) (sentMessage, error) {
	if f.Open == nil {
		return sentMessage{}, parley.PermanentError(fmt.Sprintf("%s has no content", f.Name))
	}
	rc, err := f.Open(ctx)
	if err != nil {
		return sentMessage{}, parley.TemporaryError(fmt.Sprintf("opening %s: %v", f.Name, err), 0)
	}
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		defer rc.Close()
		pw.CloseWithError(writeForm(mw, field, to, f, caption, rc))
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, methodURL(ch, method), pr)
	if err != nil {
		pr.CloseWithError(err)
		return sentMessage{}, parley.PermanentError(redact(ch, err))
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	var m sentMessage
	err = p.do(ch, req, &m)
	pr.Close() // ends the writer if the request failed before reading it all
	return m, err
}

// writeForm writes chat_id, the caption and the file part.
func writeForm(mw *multipart.Writer, field, to string, f parley.OutboundFile, caption string, content io.Reader) error {
	if err := mw.WriteField("chat_id", to); err != nil {
		return err
	}
	if caption != "" {
		if err := mw.WriteField("caption", caption); err != nil {
			return err
		}
	}
	name := f.Name
	if name == "" {
		name = field
	}
	ct := f.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", multipart.FileContentDisposition(field, name))
	h.Set("Content-Type", ct)
	part, err := mw.CreatePart(h)
	if err != nil {
		return err
	}
	if _, err := io.Copy(part, content); err != nil {
		return err
	}
	return mw.Close()
}
