// Package browsertest drives Debian's Chromium for the tests that use the console
// and the widget as people do: one headless browser per person, each with its own
// profile, waits on conditions with deadlines (never fixed sleeps), and a
// screenshot of each step.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// ChromiumPath is where Debian installs Chromium.
const ChromiumPath = "/usr/bin/chromium"

// RequiredEnv, set to 1, turns a missing Chromium from a skip into a failure (CI sets it).
const RequiredEnv = "PARLEY_TEST_BROWSER"

// StepTimeout bounds each wait and each action.
const StepTimeout = 20 * time.Second

// Require skips the test when Chromium is missing, or fails it when RequiredEnv says
// the browser tests must run.
func Require(t testing.TB) {
	t.Helper()
	require(t, ChromiumPath)
}

func require(t testing.TB, chromium string) {
	t.Helper()
	if _, err := os.Stat(chromium); err == nil {
		return
	}
	if os.Getenv(RequiredEnv) == "1" {
		t.Fatalf("%s is missing and %s=1 requires the browser tests (apt-get install chromium)", chromium, RequiredEnv)
	}
	t.Skipf("browser test skipped: %s is missing (apt-get install chromium; %s=1 makes this a failure)", chromium, RequiredEnv)
}

// Options describe one person's browser.
type Options struct {
	Name          string // names the screenshots, such as "visitor" or "agent"
	Language      string // navigator.language and Accept-Language, such as "en-US"
	Width, Height int    // the window; 1280×900 when zero
}

// Browser is one Chromium process with one tab.
type Browser struct {
	t     testing.TB
	ctx   context.Context
	name  string
	out   *Output
	shots int
}

// Start launches a fresh Chromium for the test; it is closed when the test ends.
func Start(t testing.TB, out *Output, o Options) *Browser {
	t.Helper()
	Require(t)
	if o.Width == 0 {
		o.Width, o.Height = 1280, 900
	}
	if o.Language == "" {
		o.Language = "en-US"
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(ChromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox, // tests run as root, where Chromium's sandbox cannot start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", o.Language),
		chromedp.Flag("accept-lang", o.Language),
		chromedp.Env("LANGUAGE="+o.Language),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(o.Width, o.Height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	b := &Browser{t: t, ctx: ctx, name: o.Name, out: out}
	// The first Run starts the browser; it must not carry a deadline (see chromedp.Run).
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(o.Width), int64(o.Height))); err != nil {
		t.Fatalf("%s: starting %s: %v", o.Name, ChromiumPath, err)
	}
	b.trapDialogs()
	return b
}

// trapDialogs replaces alert, confirm and prompt in every page before its own
// scripts run, so a script that should never run is caught by a flag rather than
// by a dialog that would block the page; it also records what the page's
// Content-Security-Policy blocked.
func (b *Browser) trapDialogs() {
	const src = `for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = function () { window.__parleyDialogs = (window.__parleyDialogs || 0) + 1; return null; };
}
window.__parleyCSP = [];
document.addEventListener("securitypolicyviolation", (e) => window.__parleyCSP.push(e.violatedDirective + " " + e.blockedURI));`
	if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
		b.t.Fatalf("%s: %v", b.name, err)
	}
}

// Do runs actions with a deadline; a failure takes a screenshot and ends the test.
func (b *Browser) Do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, StepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.fail(what, err)
	}
}

// Eval returns the value of a JavaScript expression in the page.
func Eval[T any](b *Browser, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, StepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.fail("evaluating "+expr, err)
	}
	return v
}

// Wait polls a JavaScript condition until it is true, failing the test at the deadline.
func (b *Browser) Wait(what, cond string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, StepTimeout)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(StepTimeout)))
	if err != nil {
		b.fail("waiting for "+what, err)
	}
}

// Try polls a condition like Wait but says whether it came true in time.
func (b *Browser) Try(cond string, timeout time.Duration) bool {
	ctx, cancel := context.WithTimeout(b.ctx, timeout)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(timeout)))
	return err == nil
}

func (b *Browser) fail(what string, err error) {
	b.t.Helper()
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("not within %s", StepTimeout)
	}
	b.Shot("FAILED " + what)
	b.t.Fatalf("%s: %s: %v", b.name, what, err)
}

// Navigate opens a URL and waits for its document.
func (b *Browser) Navigate(url string) {
	b.t.Helper()
	b.Do("opening "+url, chromedp.Navigate(url))
}

// Reload reloads the page and waits for its document.
func (b *Browser) Reload() {
	b.t.Helper()
	b.Do("reloading", chromedp.Reload())
}

// Click clicks the element that a JavaScript expression gives, once it is visible.
func (b *Browser) Click(what, elem string) {
	b.t.Helper()
	b.Do("clicking "+what, chromedp.Click(chromedp.JSPath(elem)))
}

// Type focuses the element and types text as key presses ("\r" presses Enter).
func (b *Browser) Type(what, elem, text string) {
	b.t.Helper()
	b.Do("typing into "+what, chromedp.SendKeys(chromedp.JSPath(elem), text))
}

// Upload sets the files of an <input type=file>, which fires its change event.
func (b *Browser) Upload(what, elem string, files ...string) {
	b.t.Helper()
	b.Do("choosing files for "+what, chromedp.SetUploadFiles(chromedp.JSPath(elem), files, chromedp.NodeReady))
}

// CSPViolations lists what the Content-Security-Policy blocked since the page loaded.
func (b *Browser) CSPViolations() []string {
	b.t.Helper()
	return Eval[[]string](b, "window.__parleyCSP || []")
}
