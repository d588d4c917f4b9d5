package messenger

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"parley"
)

// Fetch downloads a medium. Attachment links are public CDN links and are
// fetched without the token. A profile reference ("psid:<PSID>", see
// senderOf) takes two steps: the User Profile API gives the profile_pic link,
// and that link gives the picture.
func (p *Provider) Fetch(ctx context.Context, ch parley.Channel, ref parley.MediaRef) (io.ReadCloser, error) {
	link := ref.URL
	if psid, ok := strings.CutPrefix(ref.ID, profilePrefix); ok && psid != "" {
		var err error
		if link, err = p.profilePic(ctx, ch, psid); err != nil {
			return nil, err
		}
	}
	if link == "" {
		return nil, parley.PermanentError("the Messenger medium names neither a link nor a person")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return nil, parley.PermanentError("bad media link: " + parley.NetReason(err))
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, parley.TemporaryError("Messenger's media host is unreachable: "+parley.NetReason(err), 0)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		resp.Body.Close()
		// 403 and 404 mean the link expired: no retry brings it back.
		return nil, parley.StatusError(resp.StatusCode, fmt.Sprintf("Messenger's media host answered HTTP %d", resp.StatusCode), parley.RetryAfter(resp.Header))
	}
	return resp.Body, nil
}

// profilePic asks the User Profile API for the person's picture link.
func (p *Provider) profilePic(ctx context.Context, ch parley.Channel, psid string) (string, error) {
	link := graphURL(ch, url.PathEscape(psid), url.Values{"fields": {"profile_pic"}})
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return "", parley.PermanentError("bad Graph API URL: " + parley.NetReason(err))
	}
	var ans struct {
		ProfilePic string `json:"profile_pic"`
	}
	if err := p.do(req, &ans); err != nil {
		return "", err
	}
	if ans.ProfilePic == "" {
		return "", parley.PermanentError("the person has no profile picture Messenger will give")
	}
	return ans.ProfilePic, nil
}

// Profile asks the User Profile API for the person's name, which Messenger's
// webhooks never carry.
func (p *Provider) Profile(ctx context.Context, ch parley.Channel, psid string) (parley.Sender, error) {
	link := graphURL(ch, url.PathEscape(psid), url.Values{"fields": {"first_name,last_name"}})
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return parley.Sender{}, parley.PermanentError("bad Graph API URL: " + parley.NetReason(err))
	}
	var ans struct {
		FirstName string `json:"first_name"`
		LastName  string `json:"last_name"`
	}
	if err := p.do(req, &ans); err != nil {
		return parley.Sender{}, err
	}
	return parley.Sender{ExternalID: psid, Name: strings.TrimSpace(ans.FirstName + " " + ans.LastName)}, nil
}
