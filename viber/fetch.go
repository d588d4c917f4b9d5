package viber

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"parley"
)

// Fetch downloads a medium by its link. Viber's media links are public and
// live about an hour, so no token is sent and the core fetches them at once.
func (p *Provider) Fetch(ctx context.Context, ch parley.Channel, ref parley.MediaRef) (io.ReadCloser, error) {
	if ref.URL == "" {
		return nil, parley.PermanentError("the Viber medium has no link")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ref.URL, nil)
	if err != nil {
		return nil, parley.PermanentError(fmt.Sprintf("bad media link: %v", err))
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, parley.TemporaryError("Viber's media host is unreachable: "+parley.NetReason(err), 0)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		resp.Body.Close()
		// 403 and 404 mean the link expired: no retry brings it back.
		return nil, parley.StatusError(resp.StatusCode, fmt.Sprintf("Viber's media host answered HTTP %d", resp.StatusCode), parley.RetryAfter(resp.Header))
	}
	return resp.Body, nil
}
