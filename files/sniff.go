package files

import (
	"bytes"
	"mime"
	"net/http"
	"path/filepath"
	"strings"
)

// Media types of what the server accepts. Each is decided from the content; the
// file name only tells apart formats that share a container.
const (
	typePNG  = "image/png"
	typeJPEG = "image/jpeg"
	typeGIF  = "image/gif"
	typeWebP = "image/webp"
	typeText = "text/plain; charset=utf-8"
	typeZip  = "application/zip"
)

// accepted lists every type that may be stored, as the limits tell clients.
var accepted = []string{
	typePNG, typeJPEG, typeGIF, typeWebP,
	"application/pdf", "text/plain", typeZip,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation",
	"application/vnd.oasis.opendocument.text",
	"application/vnd.oasis.opendocument.spreadsheet",
	"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
	"audio/mpeg", "audio/ogg", "audio/wave", "video/mp4", "video/webm",
}

// Office formats that are zip archives, by extension.
var zipDocuments = map[string]string{
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":  "application/vnd.oasis.opendocument.text",
	".ods":  "application/vnd.oasis.opendocument.spreadsheet",
}

// Older office formats, which are OLE compound files, by extension.
var oleDocuments = map[string]string{
	".doc": "application/msword",
	".xls": "application/vnd.ms-excel",
	".ppt": "application/vnd.ms-powerpoint",
}

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// sniff decides the media type of content that starts with head, or reports
// that it is not accepted. Anything a browser could take for a page or a script
// (HTML, SVG, XML) is refused or becomes plain text.
func sniff(head []byte, name string) (string, bool) {
	detected := http.DetectContentType(head)
	mt, _, _ := mime.ParseMediaType(detected)
	ext := strings.ToLower(filepath.Ext(name))
	switch mt {
	case typePNG, typeJPEG, typeGIF, typeWebP, "application/pdf", "audio/mpeg", "audio/wave", "video/mp4", "video/webm":
		return mt, true
	case "application/ogg":
		return "audio/ogg", true
	case "text/plain":
		// With its charset: UTF-16 text must not be read as UTF-8.
		return detected, true
	case typeZip:
		if t, ok := zipDocuments[ext]; ok {
			return t, true
		}
		return typeZip, true
	case "application/octet-stream":
		if t, ok := oleDocuments[ext]; ok && bytes.HasPrefix(head, oleMagic) {
			return t, true
		}
	}
	return "", false
}

// isImage reports whether t is a picture the server decodes and previews.
func isImage(t string) bool {
	return t == typePNG || t == typeJPEG || t == typeGIF || t == typeWebP
}
