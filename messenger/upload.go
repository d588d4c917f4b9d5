package messenger

import (
	"context"
	"net/http"
	"strings"

	"parley"
	"parley/uploadform"
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
	body, formType, err := uploadform.Build(ctx, f, []uploadform.Field{{Name: "message",
		Value: `{"attachment":{"type":"` + kind + `","payload":{"is_reusable":false}}}`}}, "filedata", "")
	if err != nil {
		return upload{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, graphURL(ch, "me/message_attachments", nil), body)
	if err != nil {
		return upload{}, parley.PermanentError("bad Graph API URL: " + parley.NetReason(err))
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
