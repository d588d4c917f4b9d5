package whatsapp

import (
	"context"
	"fmt"
	"net/http"

	"parley"
	"parley/uploadform"
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
	body, formType, err := uploadform.Build(ctx, f, []uploadform.Field{{Name: "messaging_product", Value: "whatsapp"}, {Name: "type", Value: ct}}, "file", ct)
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
