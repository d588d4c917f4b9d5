package infobip

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"parley"
)

// Fetch downloads an inbound medium from the URL Infobip gave
// (…/whatsapp/1/senders/{sender}/media/{id}), with the API key.
func (p *Provider) Fetch(ctx context.Context, ch parley.Channel, ref parley.MediaRef) (io.ReadCloser, error) {
	if err := trustedURL(ch, ref.URL); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ref.URL, nil)
	if err != nil {
		return nil, fmt.Errorf("infobip: download media: %w", err)
	}
	authorize(req, ch)
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("infobip: download media: %w", err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		resp.Body.Close()
		return nil, fmt.Errorf("infobip: download media: HTTP %d: %s", resp.StatusCode, errorReason(resp.StatusCode, raw))
	}
	return resp.Body, nil
}

// trustedURL refuses to send the API key anywhere but the channel's own API
// host or Infobip's (over HTTPS): the URL comes from a webhook, which only a
// shared secret protects.
func trustedURL(ch parley.Channel, link string) error {
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		return fmt.Errorf("infobip: the media URL %q is not a web address", link)
	}
	if base, err := url.Parse(baseURL(ch)); err == nil && base.Scheme == u.Scheme && strings.EqualFold(base.Host, u.Host) {
		return nil
	}
	host := strings.ToLower(u.Hostname())
	if u.Scheme == "https" && (host == "infobip.com" || strings.HasSuffix(host, ".infobip.com")) {
		return nil
	}
	return parley.Errorf(parley.CodeForbidden, "the media URL %q is not on Infobip's API host", link)
}
