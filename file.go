package parley

import (
	"context"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxMessageFiles is the most files one message may carry.
const MaxMessageFiles = 10

// Attachment is what a message says of a file it carries, and what clients
// need to show it: a preview for images, a download link for the rest.
type Attachment struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	// Image is set when the file decoded as a picture; it is then shown inline
	// and has a preview.
	Image  bool `json:"image"`
	Width  int  `json:"width,omitempty"`
	Height int  `json:"height,omitempty"`
}

// File is an uploaded file: its attachment data, where its content lies and
// who may see it. It belongs to no message until its uploader sends it.
type File struct {
	Attachment
	SHA256 string `json:"-"` // the content's address in the file storage
	// PreviewType is the media type of the stored preview; empty when the
	// original is small enough to be its own preview, or is no image.
	PreviewType string    `json:"-"`
	UploadedBy  Actor     `json:"-"`
	MessageID   int64     `json:"-"` // 0 until sent
	ChatID      int64     `json:"-"` // the chat of MessageID
	CreatedAt   time.Time `json:"-"`
}

// Attached reports whether the file was sent in a message.
func (f File) Attached() bool { return f.MessageID != 0 }

// Blob is file content as the file storage stored and understood it.
type Blob struct {
	SHA256      string
	Size        int64
	ContentType string // sniffed from the content, never taken from the client
	Image       bool
	Width       int
	Height      int
	PreviewType string // see File.PreviewType
}

// FileLimits tells clients what the server accepts before they upload.
type FileLimits struct {
	MaxFileBytes int64    `json:"max_file_bytes"`
	FileTypes    []string `json:"file_types"`
}

// FileStorage keeps file content, addressed by its SHA-256.
type FileStorage interface {
	// Put stores what r holds; TooLarge past the limit, Unsupported for a type
	// not accepted. name helps tell apart types that share a container (zip).
	Put(ctx context.Context, name string, r io.Reader) (Blob, error)
	// Open returns the content stored under sha, or its preview; NotFound when absent.
	Open(ctx context.Context, sha string, preview bool) (io.ReadSeekCloser, error)
	// Remove deletes the content stored under sha and its preview.
	Remove(ctx context.Context, sha string) error
	Limits() FileLimits
}

// MaxFileName is the longest file name kept, in bytes.
const MaxFileName = 255

// CleanFileName makes a client's file name safe to store and to show: its last
// path element, without control characters, at most MaxFileName bytes.
func CleanFileName(name string) string {
	name = strings.ToValidUTF8(name, "")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, name))
	for len(name) > MaxFileName {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	if name == "" || name == "." || name == ".." {
		return "file"
	}
	return name
}
