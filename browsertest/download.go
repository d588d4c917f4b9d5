package browsertest

import (
	"bytes"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// AllowDownloads saves the browser's downloads into dir (headless Chromium
// refuses them otherwise).
func (b *Browser) AllowDownloads(dir string) {
	b.t.Helper()
	_, err := chromedp.CallBrowser(b.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
	if err != nil {
		b.t.Fatalf("%s: allowing downloads: %v", b.name, err)
	}
}

// WaitDownload waits until dir holds name, complete, with exactly the content want.
func (b *Browser) WaitDownload(dir, name string, want []byte) {
	b.t.Helper()
	path := filepath.Join(dir, name)
	deadline := time.Now().Add(StepTimeout)
	for {
		got, err := os.ReadFile(path) // Chromium writes to a .crdownload file and renames it when done
		if err == nil && bytes.Equal(got, want) {
			return
		}
		if time.Now().After(deadline) {
			b.Shot("FAILED download " + name)
			b.t.Fatalf("%s: %s was not downloaded within %s (read: %v, %d bytes)", b.name, name, StepTimeout, err, len(got))
		}
		time.Sleep(50 * time.Millisecond)
	}
}
