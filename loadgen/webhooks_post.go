package loadgen

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// telegramSecretHeader carries the channel's secret_token on every delivery, as
// Telegram sends it.
const telegramSecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// postWebhook delivers one update as Telegram does; anything but 200 fails.
// It shares the API client's connections, which Telegram would keep alive too.
func postWebhook(ctx context.Context, api *apiClient, url, secret string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("POST webhook: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(telegramSecretHeader, secret)
	resp, err := api.http.Do(req)
	if err != nil {
		return fmt.Errorf("POST webhook: %w", err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return fmt.Errorf("POST webhook: reading the answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return &HTTPError{Method: http.MethodPost, Path: req.URL.Path, Status: resp.StatusCode, Body: strings.TrimSpace(string(answer))}
	}
	return nil
}
