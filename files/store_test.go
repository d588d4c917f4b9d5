package files

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"parley"
)

func TestSniff(t *testing.T) {
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...)
	cases := []struct {
		name, content, want string // want "" means refused
	}{
		{"a.png", "\x89PNG\r\n\x1a\n....", typePNG},
		{"a.jpg", "\xff\xd8\xff\xe0", typeJPEG},
		{"a.gif", "GIF89a....", typeGIF},
		{"a.pdf", "%PDF-1.7\n", "application/pdf"},
		{"a.txt", "just text, ünïcode", typeText},
		{"a.svg", `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`, typeText},
		{"a.png", "<!DOCTYPE html><p>hi", ""},
		{"a.png", "<html><script>alert(1)</script>", ""},
		{"a.xml", `<?xml version="1.0"?><a/>`, ""},
		{"a.zip", "PK\x03\x04rest", typeZip},
		{"a.DOCX", "PK\x03\x04rest", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"a.xlsx", "PK\x03\x04rest", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"a.doc", string(ole), "application/msword"},
		{"a.bin", string(ole), ""},
		{"a.doc", "\x00\x01\x02\x03 not ole", ""},
		{"a.mp3", "ID3\x03\x00\x00", "audio/mpeg"},
		{"a.ogg", "OggS\x00\x02", "audio/ogg"},
		{"a.mp4", "\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom", "video/mp4"},
		{"a.exe", "MZ\x90\x00\x03\x00\x00\x00", ""},
	}
	for _, tc := range cases {
		got, ok := sniff([]byte(tc.content), tc.name)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("sniff(%.20q, %s) = %q, %v; want %q", tc.content, tc.name, got, ok, tc.want)
		}
	}
}

func gradient(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{R: uint8(x), G: uint8(y), B: uint8(x + y), A: 255})
		}
	}
	return img
}

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// storeIn returns a store in a fresh directory, and the directory.
func storeIn(t *testing.T, max int64) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := New(dir, max)
	if err != nil {
		t.Fatal(err)
	}
	return s, dir
}

func readAll(t *testing.T, s *Store, sha string, preview bool) []byte {
	t.Helper()
	rc, err := s.Open(context.Background(), sha, preview)
	if err != nil {
		t.Fatalf("open %s (preview %v): %v", sha, preview, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// filesIn lists every file under dir.
func filesIn(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPutPictures(t *testing.T) {
	ctx := context.Background()
	s, dir := storeIn(t, 10<<20)
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, gradient(500, 800), nil); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name           string
		content        []byte
		typ            string
		w, h           int
		previewType    string
		previewW, preH int
	}{
		{"wide.png", encodePNG(t, gradient(1000, 500)), typePNG, 1000, 500, typePNG, 320, 160},
		{"tall.jpg", jpg.Bytes(), typeJPEG, 500, 800, typeJPEG, 200, 320},
		{"small.png", encodePNG(t, gradient(100, 80)), typePNG, 100, 80, "", 0, 0},
	}
	for _, tc := range cases {
		b, err := s.Put(ctx, tc.name, bytes.NewReader(tc.content))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		want := parley.Blob{SHA256: b.SHA256, Size: int64(len(tc.content)), ContentType: tc.typ, Image: true,
			Width: tc.w, Height: tc.h, PreviewType: tc.previewType}
		if b != want || len(b.SHA256) != 64 {
			t.Errorf("%s: %+v, want %+v", tc.name, b, want)
		}
		if !bytes.Equal(readAll(t, s, b.SHA256, false), tc.content) {
			t.Errorf("%s: stored content differs", tc.name)
		}
		if tc.previewType == "" {
			if _, err := s.Open(ctx, b.SHA256, true); !parley.IsCode(err, parley.CodeNotFound) {
				t.Errorf("%s: a small picture has a preview of its own (%v)", tc.name, err)
			}
			continue
		}
		preview := readAll(t, s, b.SHA256, true)
		cfg, format, err := image.DecodeConfig(bytes.NewReader(preview))
		if err != nil || "image/"+format != tc.previewType || cfg.Width != tc.previewW || cfg.Height != tc.preH {
			t.Errorf("%s: preview %s %d×%d (%v), want %s %d×%d", tc.name, format, cfg.Width, cfg.Height, err, tc.previewType, tc.previewW, tc.preH)
		}
	}
	if n := len(filesIn(t, filepath.Join(dir, "tmp"))); n != 0 {
		t.Errorf("%d temporary files left", n)
	}
}

func TestPutRefusals(t *testing.T) {
	ctx := context.Background()
	s, dir := storeIn(t, 1000)
	broken := encodePNG(t, gradient(10, 10))
	broken = append(broken[:50:50], bytes.Repeat([]byte{7}, 30)...)
	cases := []struct {
		name    string
		content []byte
		code    parley.ErrorCode
	}{
		{"big.txt", bytes.Repeat([]byte("a"), 1001), parley.CodeTooLarge},
		{"page.png", []byte("<!doctype html><script>alert(1)</script>"), parley.CodeUnsupported},
		{"broken.png", broken, parley.CodeUnsupported},
		{"empty.txt", nil, parley.CodeInvalid},
	}
	for _, tc := range cases {
		if _, err := s.Put(ctx, tc.name, bytes.NewReader(tc.content)); !parley.IsCode(err, tc.code) {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
		}
	}
	if left := filesIn(t, dir); len(left) != 0 {
		t.Errorf("refused uploads left %v", left)
	}
	if b, err := s.Put(ctx, "fits.txt", bytes.NewReader(bytes.Repeat([]byte("a"), 1000))); err != nil || b.Size != 1000 {
		t.Errorf("a file of exactly the limit: %+v, %v", b, err)
	}
}

// A picture that claims a huge canvas is kept as a plain file, never decoded.
func TestPutHugeCanvas(t *testing.T) {
	content := encodePNG(t, gradient(1, 1))
	// IHDR's data follows the signature (8), its length (4) and type (4).
	binary.BigEndian.PutUint32(content[16:], 100_000)
	binary.BigEndian.PutUint32(content[20:], 100_000)
	binary.BigEndian.PutUint32(content[29:], crc32.ChecksumIEEE(content[12:29]))
	s, _ := storeIn(t, 1<<20)
	b, err := s.Put(context.Background(), "huge.png", bytes.NewReader(content))
	if err != nil || b.Image || b.ContentType != typePNG || b.PreviewType != "" {
		t.Fatalf("huge canvas: %+v, %v", b, err)
	}
}

func TestSameContentStoredOnce(t *testing.T) {
	s, dir := storeIn(t, 1<<20)
	var shas []string
	for _, name := range []string{"a.txt", "b.txt"} {
		b, err := s.Put(context.Background(), name, strings.NewReader("same words"))
		if err != nil {
			t.Fatal(err)
		}
		shas = append(shas, b.SHA256)
	}
	if shas[0] != shas[1] || len(filesIn(t, dir)) != 1 {
		t.Errorf("hashes %v, files %v", shas, filesIn(t, dir))
	}
}

func TestOpenRefusesPaths(t *testing.T) {
	s, _ := storeIn(t, 1<<20)
	for _, sha := range []string{"../../etc/passwd", "", strings.Repeat("a", 64), strings.Repeat("g", 64)} {
		if _, err := s.Open(context.Background(), sha, false); !parley.IsCode(err, parley.CodeNotFound) {
			t.Errorf("Open(%q) = %v, want not found", sha, err)
		}
	}
}
