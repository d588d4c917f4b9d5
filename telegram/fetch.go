package telegram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"parley"
)

// maxDownload is the documented cap on files a bot may download.
const maxDownload = 20 << 20

// Fetch downloads a file in Telegram's two steps: getFile names the file's
// path, valid for about an hour, then the path is downloaded. A ref for an
// avatar ("user:<id>") first looks up the user's current profile photo.
func (p *Provider) Fetch(ctx context.Context, ch parley.Channel, ref parley.MediaRef) (io.ReadCloser, error) {
	if ch.Secret(secretBotToken) == "" {
		return nil, parley.Errorf(parley.CodeInvalid, "the Telegram channel has no bot token")
	}
	fileID := ref.ID
	if userID, ok := strings.CutPrefix(ref.ID, avatarPrefix); ok {
		id, err := p.avatarFileID(ctx, ch, userID)
		if err != nil {
			return nil, err
		}
		fileID = id
	}
	if fileID == "" {
		return nil, parley.NotFound("file")
	}
	var f file
	if err := p.get(ctx, ch, "getFile", url.Values{"file_id": {fileID}}, &f); err != nil {
		var de *parley.DeliveryError
		if errors.As(err, &de) && strings.Contains(de.Reason, "file is too big") {
			return nil, parley.Errorf(parley.CodeTooLarge, "the file is larger than the 20 MB a bot may download")
		}
		return nil, fmt.Errorf("telegram getFile: %w", err)
	}
	if f.FileSize > maxDownload {
		return nil, parley.Errorf(parley.CodeTooLarge, "the file has %d bytes, more than the 20 MB a bot may download", f.FileSize)
	}
	if f.FilePath == "" {
		return nil, fmt.Errorf("telegram getFile gave no file_path for %s", fileID)
	}
	return p.download(ctx, ch, f.FilePath)
}

// avatarFileID finds the largest size of the user's current profile photo.
func (p *Provider) avatarFileID(ctx context.Context, ch parley.Channel, userID string) (string, error) {
	var photos userProfilePhotos
	q := url.Values{"user_id": {userID}, "limit": {"1"}}
	if err := p.get(ctx, ch, "getUserProfilePhotos", q, &photos); err != nil {
		return "", fmt.Errorf("telegram getUserProfilePhotos: %w", err)
	}
	if len(photos.Photos) == 0 || len(photos.Photos[0]) == 0 {
		return "", parley.NotFound("photo")
	}
	return largest(photos.Photos[0]).FileID, nil
}

// download opens the file's content; the caller closes it.
func (p *Provider) download(ctx context.Context, ch parley.Channel, filePath string) (io.ReadCloser, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fileURL(ch, filePath), nil)
	if err != nil {
		return nil, fmt.Errorf("telegram download: %s", redact(ch, err))
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("telegram download: %w", parley.TemporaryError(redact(ch, err), 0))
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		if resp.StatusCode == http.StatusNotFound {
			return nil, parley.NotFound("file")
		}
		return nil, fmt.Errorf("telegram download: %w", parley.StatusError(resp.StatusCode, "HTTP "+resp.Status, parley.RetryAfter(resp.Header)))
	}
	return resp.Body, nil
}
