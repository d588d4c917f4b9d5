package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// OutputEnv names a folder for the screenshots; without it each test gets a
// fresh folder under the system's temporary directory, kept after the test.
const OutputEnv = "PARLEY_TEST_OUTPUT"

// Output is the folder of one test's screenshots.
type Output struct {
	Dir string
	mu  sync.Mutex
	n   int
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// NewOutput makes the test's folder and names it in the log.
func NewOutput(t testing.TB) *Output {
	t.Helper()
	name := unsafeName.ReplaceAllString(t.Name(), "_")
	var dir string
	var err error
	if base := os.Getenv(OutputEnv); base != "" {
		dir = filepath.Join(base, name)
		err = os.MkdirAll(dir, 0o755)
	} else {
		dir, err = os.MkdirTemp("", "parley-browser-"+name+"-")
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots: %s", dir)
	return &Output{Dir: dir}
}

// next numbers the screenshots of all of a test's browsers in the order taken.
func (o *Output) next() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.n++
	return o.n
}

// Shot saves a screenshot of the browser's viewport as NN-name-step.png.
func (b *Browser) Shot(step string) {
	b.t.Helper()
	if b.out == nil {
		return
	}
	data, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Logf("%s: screenshot %q: %v", b.name, step, err)
		return
	}
	file := fmt.Sprintf("%02d-%s-%s.png", b.out.next(), b.name, strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(step), "-"), "-"))
	if err := os.WriteFile(filepath.Join(b.out.Dir, file), data, 0o644); err != nil {
		b.t.Logf("%s: screenshot %q: %v", b.name, step, err)
	}
}
