// Package web serves the agent console and the visitor widget, built by Vite and
// embedded in the binary so that the server needs no Node and no other files.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed console/dist widget/dist
var built embed.FS

// The console's Content-Security-Policy: it loads only its own scripts and styles
// (inline styles for the components' style attributes), shows uploaded images
// through blob: URLs and talks to its own API and websockets.
const consoleCSP = "default-src 'self'; script-src 'self'; img-src 'self' blob: data:; media-src 'self' blob: data:; " +
	"connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; " +
	"frame-ancestors 'none'; form-action 'self'"

// Cache lifetimes: Vite names the console's assets by their content, so they never
// change; index.html and the widget keep one name across releases.
const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
	cacheWidget     = "public, max-age=300"
)

// Handler serves the console at / (index.html for any path that is not a file,
// so that the single-page app's own routes survive a reload) and the widget at
// /widget.js. The API's paths are routed elsewhere before they get here.
func Handler() http.Handler {
	console, _ := fs.Sub(built, "console/dist") // the paths are fixed above, so Sub cannot fail
	widget, _ := fs.Sub(built, "widget/dist")
	return newHandler(console, widget)
}

type handler struct {
	console, widget tree
}

// tree is one built front end with an ETag per file, naming its content so that
// revalidating index.html or widget.js costs a 304; made once, read-only afterwards.
type tree struct {
	fs    fs.FS
	etags map[string]string
}

func newHandler(console, widget fs.FS) *handler {
	return &handler{console: tree{console, etags(console)}, widget: tree{widget, etags(widget)}}
}

func etags(fsys fs.FS) map[string]string {
	tags := map[string]string{}
	_ = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil // unreadable entries are answered 404 when asked for
		}
		if data, err := fs.ReadFile(fsys, name); err == nil {
			sum := sha256.Sum256(data)
			tags[name] = `"` + hex.EncodeToString(sum[:12]) + `"`
		}
		return nil
	})
	return tags
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	switch {
	case p == "/widget.js":
		h.serve(w, r, h.widget, "widget.js", cacheWidget)
	case strings.HasPrefix(p, "/assets/"):
		h.serveConsole(w, r, strings.TrimPrefix(p, "/"), cacheImmutable)
	case p == "/" || p == "/index.html":
		h.serveConsole(w, r, "index.html", cacheRevalidate)
	case isFile(h.console.fs, p[1:]):
		h.serveConsole(w, r, p[1:], cacheRevalidate)
	case path.Ext(p) == "":
		h.serveConsole(w, r, "index.html", cacheRevalidate) // a route of the app
	default:
		http.NotFound(w, r) // a missing file must not answer with the page
	}
}

func isFile(fsys fs.FS, name string) bool {
	st, err := fs.Stat(fsys, name)
	return err == nil && !st.IsDir()
}

func (h *handler) serveConsole(w http.ResponseWriter, r *http.Request, name, cache string) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", consoleCSP)
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Referrer-Policy", "same-origin")
	h.serve(w, r, h.console, name, cache)
}

func (h *handler) serve(w http.ResponseWriter, r *http.Request, t tree, name, cache string) {
	data, err := fs.ReadFile(t.fs, name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	hd := w.Header()
	ctype := mime.TypeByExtension(path.Ext(name))
	if path.Ext(name) == ".js" {
		ctype = "text/javascript; charset=utf-8" // the same on every system, whatever its mime tables say
	}
	if ctype != "" {
		hd.Set("Content-Type", ctype)
	}
	hd.Set("Cache-Control", cache)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("ETag", t.etags[name])
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}
