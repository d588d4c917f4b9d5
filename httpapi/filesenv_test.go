package httpapi

import (
	"bytes"
	"context"
	"database/sql"
	"io/fs"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"parley"
)

// countFiles counts the rows of the files table, which no API lists, straight from the database.
func (e *env) countFiles(t *testing.T) int {
	t.Helper()
	driver := "sqlite"
	if e.db.Name == "postgres" {
		driver = "pgx"
	}
	db, err := sql.Open(driver, e.db.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM files").Scan(&n); err != nil {
		t.Fatalf("count files: %v", err)
	}
	return n
}

// storedContent lists the files under the upload directory, temporary ones included.
func (e *env) storedContent(t *testing.T) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(e.filesDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, strings.TrimPrefix(path, e.filesDir))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// multipartBody is a form with one part named field holding content under name.
func multipartBody(t *testing.T, field, name string, content []byte) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	part, err := w.CreateFormFile(field, name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := part.Write(content); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String(), w.FormDataContentType()
}

// uploadReq is a request that uploads content as name to path.
func uploadReq(t *testing.T, path, token, name string, content []byte) req {
	body, ct := multipartBody(t, "file", name, content)
	return req{method: "POST", path: path, token: token, raw: &body, contentType: ct}
}

// upload sends a file that must be accepted and returns what was stored.
func (e *env) upload(t *testing.T, path, token, name string, content []byte) parley.File {
	t.Helper()
	var f parley.File
	e.must(t, uploadReq(t, path, token, name, content), http.StatusCreated, &f)
	return f
}
