package browsertest

import (
	"image/color"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The harness itself, on a page with a shadow root like the widget's.
const shadowPage = `<!doctype html><meta charset="utf-8"><body><script>
const host = document.createElement("div");
host.id = "parley-widget";
const root = host.attachShadow({ mode: "open" });
root.innerHTML = '<button data-testid="launcher">open</button><input data-testid="composer-input"><input type="file" data-testid="composer-file-input"><p data-testid="message-text"></p>';
root.querySelector("button").onclick = () => (root.querySelector("p").textContent = "clicked");
root.querySelector("input[type=file]").onchange = (e) => (root.querySelector("p").textContent = e.target.files[0].name);
document.body.append(host);
</script>`

func TestHarnessReachesIntoShadowRoots(t *testing.T) {
	Require(t)
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(shadowPage))
	}))
	defer page.Close()
	out := NewOutput(t)
	b := Start(t, out, Options{Name: "person", Language: "ru-RU"})
	b.Navigate(page.URL)
	if lang := Eval[string](b, "navigator.language"); !strings.HasPrefix(lang, "ru") {
		t.Errorf("navigator.language is %q, want ru…", lang)
	}
	b.Click("launcher", InWidget("launcher"))
	b.Wait("the click", HasText(AllInWidget("message-text"), "clicked"))
	b.Type("the input", InWidget("composer-input"), "привет")
	if v := Eval[string](b, InWidget("composer-input")+".value"); v != "привет" {
		t.Errorf("typed %q", v)
	}
	img := WritePNG(t, t.TempDir(), "stripes.png", 64, 48, color.RGBA{200, 30, 30, 255}, color.RGBA{30, 30, 200, 255})
	b.Upload("the file input", InWidget("composer-file-input"), img)
	b.Wait("the chosen file", HasText(AllInWidget("message-text"), "stripes.png"))
	if Eval[bool](b, "window.__parleyDialogs === undefined") != true {
		t.Error("dialog counter set without a dialog")
	}
	Eval[any](b, "alert(1)")
	if n := Eval[int](b, "window.__parleyDialogs"); n != 1 {
		t.Errorf("alert counted %d times, want 1", n)
	}
	b.Shot("done")
	shots, _ := filepath.Glob(filepath.Join(out.Dir, "*.png"))
	if len(shots) != 1 {
		t.Errorf("screenshots %v, want one", shots)
	}
	_ = os.RemoveAll(out.Dir)
}

func TestRequireSkipsOrFails(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "chromium")
	for _, tc := range []struct{ env, want string }{{"", "skipped"}, {"1", "failed"}} {
		t.Setenv(RequiredEnv, tc.env)
		ft := &fakeT{TB: t}
		func() {
			defer func() { _ = recover() }() // Skipf and Fatalf end the test's goroutine: here, a panic
			require(ft, missing)
		}()
		if ft.outcome != tc.want {
			t.Errorf("with %s=%q and no browser the test was %q, want %q", RequiredEnv, tc.env, ft.outcome, tc.want)
		}
	}
}

type fakeT struct {
	testing.TB
	outcome string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Fatalf(string, ...any) {
	f.outcome = "failed"
	panic(f.outcome)
}
func (f *fakeT) Skipf(string, ...any) {
	f.outcome = "skipped"
	panic(f.outcome)
}

func TestHarnessRecordsCSPViolations(t *testing.T) {
	Require(t)
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Security-Policy", "img-src 'none'")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(`<!doctype html><img src="/blocked.png">`))
	}))
	defer page.Close()
	b := Start(t, nil, Options{Name: "csp"})
	b.Navigate(page.URL)
	b.Wait("the violation", "window.__parleyCSP.length > 0")
	if v := b.CSPViolations(); len(v) != 1 || !strings.HasPrefix(v[0], "img-src") {
		t.Fatalf("violations %q, want one of img-src", v)
	}
}
