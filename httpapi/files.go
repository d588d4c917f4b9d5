package httpapi

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"reflect"
	"time"

	"parley"
	"parley/core"
)

// uploadOverhead is what an upload's body may hold besides the file itself:
// the multipart boundaries and part headers.
const uploadOverhead = 64 << 10

// upload is an endpoint that takes one file, in the multipart/form-data part
// named file, and answers 201 with what fn stored. The body is streamed to fn,
// never held in memory whole.
func (a *API) upload(fn func(r *http.Request, name string, content io.Reader) (parley.File, error)) op {
	o := op{out: reflect.TypeFor[parley.File](), success: []int{http.StatusCreated}, produces: "application/json", upload: true}
	o.serve = func(w http.ResponseWriter, r *http.Request) error {
		limit := a.svc.FileLimits().MaxFileBytes + uploadOverhead
		body := &recordingReader{r: http.MaxBytesReader(w, r.Body, limit)}
		part, err := filePart(r, body)
		if err != nil {
			return err
		}
		f, err := fn(r, part.FileName(), &recordingReader{r: part})
		if err != nil {
			if body.err != nil {
				return bodyError(body.err)
			}
			return err
		}
		writeJSON(w, http.StatusCreated, f)
		return nil
	}
	return o
}

// filePart finds the part named file.
func filePart(r *http.Request, body io.Reader) (*multipart.Part, error) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, withStatus(http.StatusUnsupportedMediaType, parley.CodeMalformed,
			"the body must be multipart/form-data, with the file in a part named file")
	}
	mr := multipart.NewReader(body, params["boundary"])
	for {
		part, err := mr.NextPart()
		switch {
		case errors.Is(err, io.EOF):
			return nil, malformed("the body has no part named file")
		case err != nil:
			return nil, bodyError(err)
		case part.FormName() == "file":
			return part, nil
		}
	}
}

// recordingReader keeps the first error of reading, so that a failed upload
// can be told apart: the client's body (400, 413) or the server's storage (500).
type recordingReader struct {
	r   io.Reader
	err error
}

func (r *recordingReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) && r.err == nil {
		r.err = err
	}
	return n, err
}

func bodyError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return parley.Errorf(parley.CodeTooLarge, "the upload is larger than %d bytes", tooBig.Limit)
	}
	return malformed("unreadable multipart body: %v", err)
}

// download is an endpoint that sends a file, or its preview, that find lets the caller see.
func (a *API) download(preview bool, find func(r *http.Request, id string) (parley.File, error)) op {
	return raw("application/octet-stream", func(w http.ResponseWriter, r *http.Request) error {
		f, err := find(r, r.PathValue("id"))
		if err != nil {
			return err
		}
		return a.sendFile(w, r, f, preview)
	})
}

// sendFile serves stored content so that no browser can take it for a page of
// this site: the type sniffed at upload with nosniff, a sandbox for anything
// opened directly, and pictures alone inline.
func (a *API) sendFile(w http.ResponseWriter, r *http.Request, f parley.File, preview bool) error {
	content, ctype, err := a.svc.OpenFile(r.Context(), f, preview)
	if err != nil {
		return err
	}
	defer content.Close()
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private")
	disposition := "attachment"
	if f.Image {
		disposition = "inline"
	}
	if d := mime.FormatMediaType(disposition, map[string]string{"filename": f.Name}); d != "" {
		disposition = d
	}
	h.Set("Content-Disposition", disposition)
	etag := `"` + f.SHA256
	if preview {
		etag += "-preview"
	}
	h.Set("ETag", etag+`"`)
	http.ServeContent(w, r, "", time.Time{}, content)
	return nil
}

func (a *API) agentUpload(r *http.Request, name string, content io.Reader) (parley.File, error) {
	return asAgent(r, func(by parley.Agent) (parley.File, error) { return a.svc.AgentUpload(r.Context(), by, name, content) })
}

func (a *API) visitorUpload(r *http.Request, name string, content io.Reader) (parley.File, error) {
	return asVisitor(r, func(v core.VisitorAuth) (parley.File, error) {
		return a.svc.VisitorUpload(r.Context(), v, name, content)
	})
}

func (a *API) agentFile(r *http.Request, id string) (parley.File, error) {
	who, err := agentOf(r)
	if err != nil {
		return parley.File{}, err
	}
	return a.svc.AgentFile(r.Context(), who.Agent, who.Viewer, id)
}

func (a *API) visitorFile(r *http.Request, id string) (parley.File, error) {
	return asVisitor(r, func(v core.VisitorAuth) (parley.File, error) { return a.svc.VisitorFile(r.Context(), v, id) })
}
