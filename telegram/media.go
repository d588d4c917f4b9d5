package telegram

import "parley"

// Media kinds this adapter names in MediaRef.Kind.
const (
	kindImage    = "image"
	kindDocument = "document"
	kindAudio    = "audio"
	kindVideo    = "video"
	kindVoice    = "voice"
	kindSticker  = "sticker"
	kindAvatar   = "avatar"
)

// avatarPrefix marks a MediaRef.ID that names a user's profile photo rather
// than a file_id; Fetch looks the photo up first.
const avatarPrefix = "user:"

// mediaOf names the one medium a message carries, if any. An animation (GIF)
// also fills document, so it arrives as a document.
func mediaOf(m *message) (parley.MediaRef, bool) {
	switch {
	case len(m.Photo) > 0:
		// Telegram re-encodes every photo to JPEG.
		return parley.MediaRef{ID: largest(m.Photo).FileID, Kind: kindImage, ContentType: "image/jpeg"}, true
	case m.Document != nil:
		return fileRef(m.Document, kindDocument, ""), true
	case m.Audio != nil:
		return fileRef(m.Audio, kindAudio, ""), true
	case m.Video != nil:
		return fileRef(m.Video, kindVideo, ""), true
	case m.Voice != nil:
		return fileRef(m.Voice, kindVoice, "audio/ogg"), true
	case m.VideoNote != nil:
		return fileRef(m.VideoNote, kindVideo, "video/mp4"), true
	case m.Sticker != nil:
		return parley.MediaRef{ID: m.Sticker.FileID, Kind: kindSticker, ContentType: stickerType(m.Sticker)}, true
	}
	return parley.MediaRef{}, false
}

// fileRef names a file; def is the content type when Telegram gives none.
func fileRef(f *fileInfo, kind, def string) parley.MediaRef {
	ct := f.MimeType
	if ct == "" {
		ct = def
	}
	return parley.MediaRef{ID: f.FileID, Kind: kind, Name: f.FileName, ContentType: ct}
}

// stickerType follows the three sticker formats Telegram documents.
func stickerType(s *sticker) string {
	switch {
	case s.IsAnimated:
		return "application/x-tgsticker"
	case s.IsVideo:
		return "video/webm"
	default:
		return "image/webp"
	}
}

// largest picks the biggest of a photo's sizes. Telegram lists them smallest
// first, but the order is not promised, so compare.
func largest(sizes []photoSize) photoSize {
	best := sizes[0]
	for _, s := range sizes[1:] {
		if s.Width*s.Height > best.Width*best.Height ||
			(s.Width*s.Height == best.Width*best.Height && s.FileSize > best.FileSize) {
			best = s
		}
	}
	return best
}
