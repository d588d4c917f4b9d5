package core

import (
	"context"
	"io"
	"time"

	"parley"
)

// FileLimits tells clients which files they may upload.
func (s *Service) FileLimits() parley.FileLimits {
	if s.cfg.Files == nil {
		return parley.FileLimits{FileTypes: []string{}}
	}
	return s.cfg.Files.Limits()
}

// AgentUpload stores a file the agent means to send.
func (s *Service) AgentUpload(ctx context.Context, by parley.Agent, name string, r io.Reader) (parley.File, error) {
	return s.upload(ctx, parley.Actor{Kind: parley.ActorAgent, ID: by.ID}, name, r)
}

// VisitorUpload stores a file the visitor means to send.
func (s *Service) VisitorUpload(ctx context.Context, v VisitorAuth, name string, r io.Reader) (parley.File, error) {
	ident, err := s.store.Identity(ctx, v.IdentityID)
	if err != nil {
		return parley.File{}, err
	}
	return s.upload(ctx, parley.Actor{Kind: parley.ActorContact, ID: ident.ContactID}, name, r)
}

// upload stores the content, then records it as by's, unattached. The content is
// stored first: a record must never name content that is not there, while
// content without a record (after a failed write) is merely unused.
func (s *Service) upload(ctx context.Context, by parley.Actor, name string, r io.Reader) (parley.File, error) {
	if s.cfg.Files == nil {
		return parley.File{}, parley.Errorf(parley.CodeForbidden, "this server takes no files")
	}
	blob, err := s.cfg.Files.Put(ctx, name, r)
	if err != nil {
		return parley.File{}, err
	}
	// The id is the only secret between a file and anyone who learns of it, so it is random.
	f := parley.File{
		Attachment: parley.Attachment{ID: "f_" + randomToken(18), Name: parley.CleanFileName(name), ContentType: blob.ContentType,
			Size: blob.Size, Image: blob.Image, Width: blob.Width, Height: blob.Height},
		SHA256: blob.SHA256, PreviewType: blob.PreviewType, UploadedBy: by,
	}
	err = s.write(ctx, func(tx parley.Tx, now time.Time) error {
		f.CreatedAt = now
		return tx.CreateFile(ctx, f)
	})
	return f, err
}

// AgentFile returns a file the agent may download: their own upload, or one
// sent in a chat they may open.
func (s *Service) AgentFile(ctx context.Context, by parley.Agent, v parley.Viewer, id string) (parley.File, error) {
	f, err := s.store.File(ctx, id)
	if err != nil {
		return parley.File{}, err
	}
	if f.UploadedBy == (parley.Actor{Kind: parley.ActorAgent, ID: by.ID}) {
		return f, nil
	}
	return s.fileInChat(ctx, v, f)
}

// VisitorFile returns a file the visitor may download: one sent in their own
// chats, or their own upload.
func (s *Service) VisitorFile(ctx context.Context, v VisitorAuth, id string) (parley.File, error) {
	f, err := s.store.File(ctx, id)
	if err != nil {
		return parley.File{}, err
	}
	if f.UploadedBy.Kind == parley.ActorContact {
		ident, err := s.store.Identity(ctx, v.IdentityID)
		if err != nil {
			return parley.File{}, err
		}
		if ident.ContactID == f.UploadedBy.ID {
			return f, nil
		}
	}
	return s.fileInChat(ctx, v.Viewer(), f)
}

// fileInChat returns f when it was sent in a chat the viewer may open; any
// other file is not found for them, as chats are.
func (s *Service) fileInChat(ctx context.Context, v parley.Viewer, f parley.File) (parley.File, error) {
	if !f.Attached() {
		return parley.File{}, parley.NotFound("file")
	}
	if _, err := s.visibleChat(ctx, s.store, v, f.ChatID); err != nil {
		if parley.IsCode(err, parley.CodeNotFound) {
			return parley.File{}, parley.NotFound("file")
		}
		return parley.File{}, err
	}
	return f, nil
}

// OpenFile returns the content of a file the caller may see, or its preview,
// with its media type. A picture small enough is its own preview.
func (s *Service) OpenFile(ctx context.Context, f parley.File, preview bool) (io.ReadSeekCloser, string, error) {
	if s.cfg.Files == nil {
		return nil, "", parley.NotFound("file content")
	}
	if !preview || f.PreviewType == "" {
		if preview && !f.Image {
			return nil, "", parley.NotFound("preview: the file is not a picture, so it has none")
		}
		rc, err := s.cfg.Files.Open(ctx, f.SHA256, false)
		return rc, f.ContentType, err
	}
	rc, err := s.cfg.Files.Open(ctx, f.SHA256, true)
	return rc, f.PreviewType, err
}

// sendFiles checks that by may send the files, their own uploads not sent yet,
// and returns what the message will say of them.
func sendFiles(ctx context.Context, tx parley.Tx, by parley.Actor, ids []string) ([]parley.Attachment, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	out := make([]parley.Attachment, 0, len(ids))
	for _, id := range ids {
		f, err := tx.File(ctx, id)
		if parley.IsCode(err, parley.CodeNotFound) || err == nil && f.UploadedBy != by {
			return nil, parley.Errorf(parley.CodeInvalid, "file %.40q is not one of your uploads", id)
		}
		if err != nil {
			return nil, err
		}
		if f.Attached() {
			return nil, parley.Errorf(parley.CodeConflict, "file %s was sent already", id)
		}
		out = append(out, f.Attachment)
	}
	return out, nil
}

// attachmentIDs lists the ids of a message's files.
func attachmentIDs(files []parley.Attachment) []string {
	ids := make([]string, len(files))
	for i, f := range files {
		ids[i] = f.ID
	}
	return ids
}
