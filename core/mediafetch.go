package core

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"strings"
	"time"

	"parley"
)

// fetchJob downloads the media an inbound message named, or a contact's photo,
// into the file store, and attaches them (R8.1: media are kept at once,
// before the provider's links expire).
func (s *Service) fetchJob(ctx context.Context, j parley.ChannelJob) error {
	ch, err := s.store.Channel(ctx, j.ChannelID)
	if err != nil {
		return s.retryJob(ctx, j, err)
	}
	prov, err := s.provider(ch.Type)
	if err != nil || s.cfg.Files == nil {
		return s.dropJob(ctx, j, "no provider or no file storage to fetch media into")
	}
	if j.Kind == parley.JobAvatar {
		return s.fetchAvatar(ctx, j, prov, ch)
	}
	var refs []parley.MediaRef
	if err := json.Unmarshal([]byte(j.Payload), &refs); err != nil {
		return s.dropJob(ctx, j, "unreadable media list: "+err.Error())
	}
	m, err := s.store.Message(ctx, j.MessageID)
	if err != nil {
		if parley.IsCode(err, parley.CodeNotFound) {
			return s.dropJob(ctx, j, "the message is gone")
		}
		return s.retryJob(ctx, j, err)
	}
	by := parley.Actor{Kind: parley.ActorContact, ID: m.Author.ID}
	var files []parley.File
	var failed []string
	for _, ref := range refs {
		f, err := s.fetchMedium(ctx, prov, ch, ref, by)
		if err != nil && retryable(err) && j.Attempts < maxJobAttempts {
			return s.retryJob(ctx, j, err)
		}
		if err != nil {
			failed = append(failed, ref.Kind+": "+err.Error())
			continue
		}
		files = append(files, f)
	}
	return s.attachFetched(ctx, j, m, files, failed)
}

// attachFetched gives the fetched files to their message, and notes on it
// what could not be fetched.
func (s *Service) attachFetched(ctx context.Context, j parley.ChannelJob, m parley.Message, files []parley.File, failed []string) error {
	return s.write(ctx, func(tx parley.Tx, now time.Time) error {
		if err := tx.DeleteJob(ctx, j.ID); err != nil {
			return err
		}
		cur, err := tx.Message(ctx, m.ID)
		if err != nil {
			return err
		}
		var ids []string
		for _, f := range files {
			f.CreatedAt = now
			if err := tx.CreateFile(ctx, f); err != nil {
				return err
			}
			ids = append(ids, f.ID)
			cur.Files = append(cur.Files, f.Attachment)
		}
		if err := tx.AttachFiles(ctx, cur.ChatID, cur.ID, ids); err != nil {
			return err
		}
		if err := tx.SetMessageFiles(ctx, cur.ID, cur.Files); err != nil {
			return err
		}
		if len(failed) > 0 {
			cur.Delivery, cur.DeliveryReason = parley.DeliveryFailed, "not received: "+strings.Join(failed, "; ")
			if err := tx.SetDelivery(ctx, cur.ID, cur.Delivery, cur.DeliveryReason); err != nil {
				return err
			}
		}
		return s.emitMessageUpdated(ctx, tx, now, cur)
	})
}

// fetchAvatar keeps the contact's photo, unless the contact has one already.
func (s *Service) fetchAvatar(ctx context.Context, j parley.ChannelJob, prov parley.Provider, ch parley.Channel) error {
	var ref parley.MediaRef
	if err := json.Unmarshal([]byte(j.Payload), &ref); err != nil {
		return s.dropJob(ctx, j, "unreadable photo reference")
	}
	f, err := s.fetchMedium(ctx, prov, ch, ref, parley.Actor{Kind: parley.ActorContact, ID: j.ContactID})
	if err != nil && retryable(err) && j.Attempts < maxJobAttempts {
		return s.retryJob(ctx, j, err)
	}
	if err != nil || !f.Image {
		return s.dropJob(ctx, j, "no photo")
	}
	return s.write(ctx, func(tx parley.Tx, now time.Time) error {
		if err := tx.DeleteJob(ctx, j.ID); err != nil {
			return err
		}
		c, err := tx.Contact(ctx, j.ContactID)
		if err != nil || c.Photo != "" {
			return err
		}
		f.CreatedAt = now
		if err := tx.CreateFile(ctx, f); err != nil {
			return err
		}
		c.Photo, c.UpdatedAt = f.ID, now
		if err := tx.UpdateContact(ctx, c); err != nil {
			return err
		}
		emit(tx, now, parley.NewEvent(parley.EventContactUpdated, parley.AudienceStaff, c))
		return nil
	})
}

// fetchMedium downloads one medium and stores its content; the file record is
// the caller's to write.
func (s *Service) fetchMedium(ctx context.Context, prov parley.Provider, ch parley.Channel, ref parley.MediaRef, by parley.Actor) (parley.File, error) {
	var rc io.ReadCloser
	if ref.Data != nil {
		rc = io.NopCloser(bytes.NewReader(ref.Data))
	} else {
		fetchCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		var err error
		if rc, err = prov.Fetch(fetchCtx, ch, ref); err != nil {
			return parley.File{}, err
		}
	}
	defer rc.Close()
	name := mediumName(ref)
	blob, err := s.cfg.Files.Put(ctx, name, rc)
	if err != nil {
		return parley.File{}, err
	}
	return parley.File{
		Attachment: parley.Attachment{ID: "f_" + randomToken(18), Name: parley.CleanFileName(name), ContentType: blob.ContentType,
			Size: blob.Size, Image: blob.Image, Width: blob.Width, Height: blob.Height},
		SHA256: blob.SHA256, PreviewType: blob.PreviewType, UploadedBy: by,
	}, nil
}

// mediumName is the medium's file name, or one made of its kind and type.
func mediumName(ref parley.MediaRef) string {
	if ref.Name != "" {
		return ref.Name
	}
	name := cmp.Or(ref.Kind, "file")
	if exts, _ := mime.ExtensionsByType(ref.ContentType); len(exts) > 0 {
		name += exts[len(exts)-1]
	}
	return name
}

// retryable says whether a failed fetch may succeed later: network trouble and
// the provider's temporary errors, not a file refused or gone.
func retryable(err error) bool {
	var de *parley.DeliveryError
	if errors.As(err, &de) {
		return de.Temporary
	}
	var pe *parley.Error
	return !errors.As(err, &pe)
}

// dropJob ends a job that can never succeed.
func (s *Service) dropJob(ctx context.Context, j parley.ChannelJob, why string) error {
	s.log.Warn("channel job dropped", "job", j.ID, "kind", j.Kind, "why", why)
	return s.write(ctx, func(tx parley.Tx, _ time.Time) error { return tx.DeleteJob(ctx, j.ID) })
}

// ContactPhoto returns the photo the contact's channel gave, for staff to see.
func (s *Service) ContactPhoto(ctx context.Context, contactID int64) (parley.File, error) {
	c, err := s.store.Contact(ctx, contactID)
	if err != nil {
		return parley.File{}, err
	}
	if c.Photo == "" {
		return parley.File{}, parley.NotFound("photo")
	}
	return s.store.File(ctx, c.Photo)
}
