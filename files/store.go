// Package files keeps uploaded files on local disk, each stored once under the
// SHA-256 of its content. It decides what a file is from its bytes, refuses the
// types it does not accept, and makes small previews of pictures.
package files

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"parley"
)

// DefaultMaxSize is the largest file accepted unless configured otherwise.
const DefaultMaxSize = 10 << 20

// sniffLen is how much of the content http.DetectContentType looks at.
const sniffLen = 512

// Store is the file storage on local disk.
type Store struct {
	dir string
	max int64
}

var _ parley.FileStorage = (*Store)(nil)

// New returns the storage in dir for files of at most maxSize bytes. The
// directory is made at the first upload, so a server that never gets one
// leaves nothing on disk.
func New(dir string, maxSize int64) (*Store, error) {
	if dir == "" {
		return nil, errors.New("files: the directory is not set")
	}
	if maxSize <= 0 {
		return nil, fmt.Errorf("files: the size limit must be positive, not %d", maxSize)
	}
	return &Store{dir: dir, max: maxSize}, nil
}

// Limits tells clients the size limit and the accepted types.
func (s *Store) Limits() parley.FileLimits {
	return parley.FileLimits{MaxFileBytes: s.max, FileTypes: append([]string(nil), accepted...)}
}

// path is where content with the given hash lies: spread over 256 folders, so
// that none grows huge.
func (s *Store) path(sha string, preview bool) string {
	p := filepath.Join(s.dir, sha[:2], sha)
	if preview {
		p += ".preview"
	}
	return p
}

// Put stores r's content under its hash. It is written to a temporary file first
// and renamed into place only once it is known to be whole and acceptable, so a
// refused or interrupted upload leaves nothing behind.
func (s *Store) Put(_ context.Context, name string, r io.Reader) (parley.Blob, error) {
	tmpDir := filepath.Join(s.dir, "tmp")
	if err := os.MkdirAll(tmpDir, 0o750); err != nil {
		return parley.Blob{}, fmt.Errorf("files: %w", err)
	}
	tmp, err := os.CreateTemp(tmpDir, "upload-*")
	if err != nil {
		return parley.Blob{}, fmt.Errorf("files: %w", err)
	}
	defer func() {
		tmp.Close()
		os.Remove(tmp.Name()) // fails harmlessly once renamed
	}()
	blob, preview, err := s.receive(tmp, name, r)
	if err != nil {
		return parley.Blob{}, err
	}
	if preview != nil {
		if err := s.place(tmpDir, s.path(blob.SHA256, true), func(f *os.File) error {
			_, err := f.Write(preview)
			return err
		}); err != nil {
			return parley.Blob{}, err
		}
	}
	if err := tmp.Sync(); err != nil {
		return parley.Blob{}, fmt.Errorf("files: %w", err)
	}
	if err := rename(tmp.Name(), s.path(blob.SHA256, false)); err != nil {
		return parley.Blob{}, err
	}
	return blob, nil
}

// receive copies the upload into tmp and works out what it is.
func (s *Store) receive(tmp *os.File, name string, r io.Reader) (parley.Blob, []byte, error) {
	h := sha256.New()
	head := &headWriter{}
	n, err := io.Copy(io.MultiWriter(tmp, h, head), io.LimitReader(r, s.max+1))
	switch {
	case err != nil:
		return parley.Blob{}, nil, fmt.Errorf("files: reading the upload: %w", err)
	case n > s.max:
		return parley.Blob{}, nil, parley.Errorf(parley.CodeTooLarge, "the file is larger than %d bytes", s.max)
	case n == 0:
		return parley.Blob{}, nil, parley.Errorf(parley.CodeInvalid, "the file is empty")
	}
	t, ok := sniff(head.b, name)
	if !ok {
		return parley.Blob{}, nil, parley.Errorf(parley.CodeUnsupported, "files of this type are not accepted")
	}
	blob := parley.Blob{SHA256: hex.EncodeToString(h.Sum(nil)), Size: n, ContentType: t}
	if !isImage(t) {
		return blob, nil, nil
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return parley.Blob{}, nil, fmt.Errorf("files: %w", err)
	}
	pic, ok, err := examine(t, tmp)
	if err != nil {
		return parley.Blob{}, nil, parley.Errorf(parley.CodeUnsupported, "the file looks like %s but is not a readable picture", t)
	}
	if ok {
		blob.Image, blob.Width, blob.Height, blob.PreviewType = true, pic.width, pic.height, pic.previewType
	}
	return blob, pic.preview, nil
}

// place writes a file through a temporary one renamed to path.
func (s *Store) place(tmpDir, path string, write func(*os.File) error) error {
	f, err := os.CreateTemp(tmpDir, "preview-*")
	if err != nil {
		return fmt.Errorf("files: %w", err)
	}
	defer func() {
		f.Close()
		os.Remove(f.Name())
	}()
	if err := write(f); err != nil {
		return fmt.Errorf("files: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("files: %w", err)
	}
	return rename(f.Name(), path)
}

// rename moves a finished file into place. The same content may already be
// there; replacing it with identical bytes is harmless.
func rename(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o750); err != nil {
		return fmt.Errorf("files: %w", err)
	}
	if err := os.Rename(from, to); err != nil {
		return fmt.Errorf("files: %w", err)
	}
	return nil
}

// Open returns the stored content, or its preview.
func (s *Store) Open(_ context.Context, sha string, preview bool) (io.ReadSeekCloser, error) {
	if !validHash(sha) {
		return nil, parley.NotFound("file content")
	}
	f, err := os.Open(s.path(sha, preview))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, parley.NotFound("file content")
	}
	if err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	return f, nil
}

// validHash reports whether sha is a hex SHA-256, so it can never climb out of the directory.
func validHash(sha string) bool {
	if len(sha) != 2*sha256.Size {
		return false
	}
	_, err := hex.DecodeString(sha)
	return err == nil
}

// headWriter keeps the first bytes written to it, for sniffing.
type headWriter struct{ b []byte }

func (w *headWriter) Write(p []byte) (int, error) {
	if n := sniffLen - len(w.b); n > 0 {
		w.b = append(w.b, p[:min(n, len(p))]...)
	}
	return len(p), nil
}

// Remove deletes the content stored under sha and its preview; content already
// gone is no error.
func (s *Store) Remove(_ context.Context, sha string) error {
	if !validHash(sha) {
		return parley.Errorf(parley.CodeInvalid, "%q is not a content hash", sha)
	}
	for _, preview := range []bool{false, true} {
		if err := os.Remove(s.path(sha, preview)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("files: %w", err)
		}
	}
	return nil
}
