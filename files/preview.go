package files

import (
	"bytes"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

// PreviewSize is the longest side of a preview, in pixels.
const PreviewSize = 320

// maxPixels bounds the pictures decoded: a small file can claim an enormous
// canvas, and decoding it would take gigabytes. Larger ones are kept as plain files.
const maxPixels = 40_000_000

// picture is what decoding an image found.
type picture struct {
	width, height int
	preview       []byte // nil when the original is small enough to be its own preview
	previewType   string
}

// codec reads one picture format: its size alone, or all of it.
type codec struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}

func codecOf(t string) codec {
	switch t {
	case typePNG:
		return codec{png.DecodeConfig, png.Decode}
	case typeJPEG:
		return codec{jpeg.DecodeConfig, jpeg.Decode}
	case typeGIF:
		return codec{gif.DecodeConfig, gif.Decode} // Decode reads the first frame
	}
	return codec{webp.DecodeConfig, webp.Decode}
}

// examine decodes an image of type t fully, which proves it is one, and makes
// its preview. ok is false for a picture too large to decode safely.
func examine(t string, content io.ReadSeeker) (p picture, ok bool, err error) {
	c := codecOf(t)
	cfg, err := c.config(content)
	if err != nil {
		return p, false, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		return p, false, nil
	}
	if _, err := content.Seek(0, io.SeekStart); err != nil {
		return p, false, err
	}
	img, err := c.decode(content)
	if err != nil {
		return p, false, err
	}
	b := img.Bounds()
	p.width, p.height = b.Dx(), b.Dy()
	if p.width <= PreviewSize && p.height <= PreviewSize {
		return p, true, nil
	}
	p.preview, p.previewType, err = thumbnail(t, img)
	return p, err == nil, err
}

// thumbnail scales img to fit a PreviewSize square. Photographs stay JPEG;
// the rest become PNG, which keeps transparency.
func thumbnail(t string, img image.Image) ([]byte, string, error) {
	b := img.Bounds()
	w, h := PreviewSize, PreviewSize
	if b.Dx() >= b.Dy() {
		h = max(1, b.Dy()*PreviewSize/b.Dx())
	} else {
		w = max(1, b.Dx()*PreviewSize/b.Dy())
	}
	dst := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	var buf bytes.Buffer
	if t == typeJPEG {
		err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 85})
		return buf.Bytes(), typeJPEG, err
	}
	err := png.Encode(&buf, dst)
	return buf.Bytes(), typePNG, err
}
