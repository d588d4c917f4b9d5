package loadgen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// apiClient calls the server's REST API as one user of it.
type apiClient struct {
	base string // http://host:port, no trailing slash
	http *http.Client
	errs *errorLog
}

// httpTimeout bounds every HTTP call.
const httpTimeout = 30 * time.Second

func newAPIClient(base *url.URL, errs *errorLog) *apiClient {
	// Many parallel setup calls: keep their connections instead of leaving
	// thousands of sockets in TIME_WAIT.
	tr := &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256, IdleConnTimeout: time.Minute}
	return &apiClient{base: strings.TrimSuffix(base.String(), "/"), http: &http.Client{Transport: tr, Timeout: httpTimeout}, errs: errs}
}

// HTTPError is an API answer with an error status.
type HTTPError struct {
	Method, Path string
	Status       int
	Body         string
}

// Error says which call failed and what the server answered.
func (e *HTTPError) Error() string {
	return fmt.Sprintf("%s %s: status %d: %s", e.Method, e.Path, e.Status, e.Body)
}

// call sends body as JSON with the bearer token and decodes a 2xx answer into out.
// Every failure is counted as an HTTP error.
func (c *apiClient) call(ctx context.Context, method, path, token string, body, out any) error {
	err := c.do(ctx, method, path, token, body, out)
	if err != nil {
		c.errs.add(errHTTP, "%v", err)
	}
	return err
}

func (c *apiClient) do(ctx context.Context, method, path, token string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("encoding %s %s: %w", method, path, err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return fmt.Errorf("%s %s: reading the answer: %w", method, path, err)
	}
	if resp.StatusCode/100 != 2 {
		return &HTTPError{Method: method, Path: path, Status: resp.StatusCode, Body: strings.TrimSpace(string(data))}
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%s %s: decoding the answer: %w", method, path, err)
		}
	}
	return nil
}

// get reads a plain-text resource such as /metrics.
func (c *apiClient) get(ctx context.Context, path string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, &HTTPError{Method: http.MethodGet, Path: path, Status: resp.StatusCode, Body: string(data)}
	}
	return data, nil
}

// wsURL turns the API base into the websocket URL of path.
func (c *apiClient) wsURL(path string) string {
	return "ws" + strings.TrimPrefix(c.base, "http") + path
}

// ParseServerURL checks that raw is an http URL of a loopback address: the tool
// measures this machine and must never load anybody else's server.
func ParseServerURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("server URL %q: %w", raw, err)
	}
	if u.Scheme != "http" {
		return nil, fmt.Errorf("server URL %q: only http:// on a loopback address is supported", raw)
	}
	host := u.Hostname()
	if host == "localhost" {
		host = "127.0.0.1"
		u.Host = net.JoinHostPort(host, u.Port())
	}
	ip := net.ParseIP(host)
	if ip == nil || ip.To4() == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("server URL %q: the host must be a 127.0.0.x address", raw)
	}
	if u.Port() == "" {
		return nil, fmt.Errorf("server URL %q: a port is required", raw)
	}
	u.Path, u.RawQuery, u.Fragment = "", "", ""
	return u, nil
}
