package telegramtest

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
)

// params are a call's parameters, which the Bot API takes as JSON, as a
// multipart or URL-encoded form, or in the query string.
type params struct {
	values map[string]string
	files  map[string]upload
	body   []byte // the raw body of a JSON call
}

type upload struct {
	name, contentType string
	data              []byte
}

func (p params) get(key string) string { return p.values[key] }

// readParams reads the parameters however they came. JSON values that are
// not strings (numbers, arrays) are kept as their JSON text.
func readParams(r *http.Request) (params, error) {
	p := params{values: map[string]string{}, files: map[string]upload{}}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return p, err
		}
		p.body = body
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(body, &raw); err != nil {
			return p, err
		}
		for k, v := range raw {
			var s string
			if json.Unmarshal(v, &s) != nil {
				s = string(bytes.TrimSpace(v))
			}
			p.values[k] = s
		}
	case "multipart/form-data":
		if err := r.ParseMultipartForm(64 << 20); err != nil {
			return p, err
		}
		for field, hs := range r.MultipartForm.File {
			f, err := hs[0].Open()
			if err != nil {
				return p, err
			}
			data, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return p, err
			}
			p.files[field] = upload{name: hs[0].Filename, contentType: hs[0].Header.Get("Content-Type"), data: data}
		}
	}
	if err := r.ParseForm(); err != nil {
		return p, err
	}
	for k, v := range r.Form {
		if _, ok := p.values[k]; !ok && len(v) > 0 {
			p.values[k] = v[0]
		}
	}
	return p, nil
}
