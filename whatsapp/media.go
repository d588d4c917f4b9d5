package whatsapp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"parley"
)

// userAgent is sent with downloads: Meta's media host has been seen to answer
// requests without one with an error page instead of the file.
const userAgent = "Parley/1 (WhatsApp Cloud API adapter)"

// Fetch downloads a medium in two steps: GET /{media-id} gives a short-lived
// URL (about five minutes), and that URL, again with the bearer token, gives
// the bytes. A MediaRef with a URL but no id is downloaded directly.
func (p *Provider) Fetch(ctx context.Context, ch parley.Channel, ref parley.MediaRef) (io.ReadCloser, error) {
	link := ref.URL
	if ref.ID != "" {
		var err error
		if link, err = p.mediaURL(ctx, ch, ref.ID); err != nil {
			return nil, err
		}
	}
	if link == "" {
		return nil, fmt.Errorf("whatsapp: the media reference names neither an id nor a URL")
	}
	resp, err := p.get(ctx, ch, link)
	if err != nil {
		return nil, fmt.Errorf("whatsapp: download media %s: %w", ref.ID, err)
	}
	return resp.Body, nil
}

// mediaURL looks up where a media id can be downloaded.
func (p *Provider) mediaURL(ctx context.Context, ch parley.Channel, id string) (string, error) {
	resp, err := p.get(ctx, ch, baseURL(ch)+"/"+url.PathEscape(id))
	if err != nil {
		return "", fmt.Errorf("whatsapp: look up media %s: %w", id, err)
	}
	defer resp.Body.Close()
	var meta struct {
		URL string `json:"url"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxResponseBodySize)).Decode(&meta); err != nil {
		return "", fmt.Errorf("whatsapp: look up media %s: %w", id, err)
	}
	if meta.URL == "" {
		return "", fmt.Errorf("whatsapp: media %s has no download URL", id)
	}
	return meta.URL, nil
}

// get runs an authorized GET and returns a 2xx response whose body the
// caller closes; any other status is an error carrying Meta's reason.
func (p *Provider) get(ctx context.Context, ch parley.Channel, link string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", userAgent)
	authorize(req, ch)
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		resp.Body.Close()
		return nil, fmt.Errorf("HTTP %d: %w", resp.StatusCode, callError(resp.StatusCode, resp.Header, body))
	}
	return resp, nil
}
