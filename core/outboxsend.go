package core

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"parley"
)

// humanAgentTag is Messenger's tag for a person's answer after 24 hours (R2.21).
const humanAgentTag = "HUMAN_AGENT"

// sendJob delivers one outbound message through its channel's provider and
// records what came of it.
func (s *Service) sendJob(ctx context.Context, j parley.ChannelJob) error {
	m, err := s.store.Message(ctx, j.MessageID)
	if parley.IsCode(err, parley.CodeNotFound) { // purged meanwhile: nothing to send
		return s.write(ctx, func(tx parley.Tx, _ time.Time) error { return tx.DeleteJob(ctx, j.ID) })
	}
	if err != nil {
		return s.retryJob(ctx, j, err)
	}
	ch, prov, out, err := s.outbound(ctx, m)
	if err != nil {
		return s.finishSend(ctx, j, ch, parley.SendResult{}, err)
	}
	if err := s.outbox.limiter(ch, prov.Spec()).Wait(ctx); err != nil {
		return s.retryJob(ctx, j, err)
	}
	sendCtx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	res, err := prov.Send(sendCtx, ch, out)
	return s.finishSend(ctx, j, ch, res, err)
}

// outbound builds what the provider is given for m.
func (s *Service) outbound(ctx context.Context, m parley.Message) (parley.Channel, parley.Provider, parley.Outbound, error) {
	out := parley.Outbound{MessageID: m.ID, ChatID: m.ChatID, Text: m.Text, Template: m.Template, Location: m.Location}
	c, err := s.store.Chat(ctx, m.ChatID)
	if err != nil {
		return parley.Channel{}, nil, out, err
	}
	ch, err := s.store.Channel(ctx, c.ChannelID)
	if err != nil {
		return ch, nil, out, err
	}
	prov, err := s.provider(ch.Type)
	if err != nil {
		return ch, nil, out, parley.PermanentError(err.Error())
	}
	ident, err := s.store.Identity(ctx, c.IdentityID)
	if err != nil {
		return ch, prov, out, err
	}
	if ident.Unreachable != "" {
		return ch, prov, out, parley.PermanentError("the contact cannot be written to: " + ident.Unreachable)
	}
	out.To = ident.ExternalID
	if m.Author.Kind == parley.ActorAgent {
		if a, err := s.store.Agent(ctx, m.Author.ID); err == nil {
			out.AgentName = a.Name
		}
	}
	if out.Files, err = s.outboundFiles(ctx, m.Files); err != nil {
		return ch, prov, out, err
	}
	if out.Tag, err = s.messageTag(ctx, c); err != nil {
		return ch, prov, out, err
	}
	if prov.Spec().Type == parley.ChannelEmail {
		out.Subject, out.References, err = s.emailThread(ctx, ch, c)
	}
	return ch, prov, out, err
}

// outboundFiles opens the message's files from the file storage, at send time.
func (s *Service) outboundFiles(ctx context.Context, atts []parley.Attachment) ([]parley.OutboundFile, error) {
	var out []parley.OutboundFile
	for _, a := range atts {
		f, err := s.store.File(ctx, a.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, parley.OutboundFile{Name: f.Name, ContentType: f.ContentType, Size: f.Size, Image: f.Image,
			Open: func(ctx context.Context) (io.ReadCloser, error) {
				if s.cfg.Files == nil {
					return nil, parley.NotFound("file content")
				}
				return s.cfg.Files.Open(ctx, f.SHA256, false)
			}})
	}
	return out, nil
}

// messageTag is the tag a message needs on a provider with a tagged window:
// past the free window, the agent's answer goes as HUMAN_AGENT.
func (s *Service) messageTag(ctx context.Context, c parley.Chat) (string, error) {
	free, tagged := c.ChannelType.ReplyWindows()
	if tagged == 0 {
		return "", nil
	}
	last, err := s.lastContactAt(ctx, s.store, c)
	if err != nil || last.IsZero() || s.clock.Now().Sub(last) < free {
		return "", err
	}
	return humanAgentTag, nil
}

// emailThread is the subject and the Message-IDs an e-mail answer refers to:
// the chat's messages sent, then the contact's, so the last is what it answers.
func (s *Service) emailThread(ctx context.Context, ch parley.Channel, c parley.Chat) (string, []string, error) {
	refs, err := s.store.MessageRefs(ctx, c.ID)
	if err != nil {
		return "", nil, err
	}
	msgs, err := s.store.Messages(ctx, parley.MessageFilter{ChatID: c.ID, Limit: 1000})
	if err != nil {
		return "", nil, err
	}
	subject, prefix := "", channelKeyPrefix(ch.ID)
	for _, m := range msgs {
		if m.Author.Kind != parley.ActorContact || !strings.HasPrefix(m.DedupeKey, prefix) {
			continue
		}
		refs = append(refs, strings.TrimPrefix(m.DedupeKey, prefix))
		if m.Subject != "" {
			subject = m.Subject
		}
	}
	return subject, refs, nil
}

// finishSend records the provider's answer: sent, retried later, or failed.
func (s *Service) finishSend(ctx context.Context, j parley.ChannelJob, ch parley.Channel, res parley.SendResult, sendErr error) error {
	var de *parley.DeliveryError
	if sendErr != nil && !errors.As(sendErr, &de) {
		return s.retryJob(ctx, j, sendErr)
	}
	if de != nil && de.Temporary && j.Attempts < maxJobAttempts {
		return s.retryJob(ctx, j, de)
	}
	return s.write(ctx, func(tx parley.Tx, now time.Time) error {
		if err := tx.DeleteJob(ctx, j.ID); err != nil {
			return err
		}
		m, err := tx.Message(ctx, j.MessageID)
		if err != nil {
			return err
		}
		if de != nil {
			return s.deliveryFailed(ctx, tx, now, m, de)
		}
		if err := tx.AddMessageRef(ctx, ch.ID, res.ExternalID, m.ID); err != nil {
			return err
		}
		early, err := tx.EarlyStatuses(ctx, ch.ID, res.ExternalID)
		if err != nil {
			return err
		}
		if _, err := s.applyStatuses(ctx, tx, now, m, append([]parley.StatusUpdate{{Status: parley.DeliverySent}}, early...)...); err != nil {
			return err
		}
		return tx.DeleteEarlyStatuses(ctx, ch.ID, res.ExternalID)
	})
}

// deliveryFailed marks the message failed with the provider's reason, and its
// identity unreachable when the provider said the user is.
func (s *Service) deliveryFailed(ctx context.Context, tx parley.Tx, now time.Time, m parley.Message, de *parley.DeliveryError) error {
	c, err := s.applyStatuses(ctx, tx, now, m, parley.StatusUpdate{Status: parley.DeliveryFailed, Reason: de.Reason})
	if err != nil || !de.Unreachable {
		return err
	}
	return s.setReach(ctx, tx, now, c.IdentityID, false, de.Reason)
}

// retryJob puts the job off by its backoff, keeping the error for the agent to see.
func (s *Service) retryJob(ctx context.Context, j parley.ChannelJob, cause error) error {
	var asked time.Duration
	reason := cause.Error()
	var de *parley.DeliveryError
	if errors.As(cause, &de) {
		asked, reason = de.RetryAfter, de.Reason
	}
	return s.write(ctx, func(tx parley.Tx, now time.Time) error {
		return tx.RetryJob(ctx, j.ID, now.Add(s.backoff(j.Attempts, asked)), "attempt "+strconv.Itoa(j.Attempts)+": "+reason)
	})
}

// applyStatuses moves m's delivery status forward by the updates and returns
// m's chat.
func (s *Service) applyStatuses(ctx context.Context, tx parley.Tx, now time.Time, m parley.Message, us ...parley.StatusUpdate) (parley.Chat, error) {
	c, err := tx.Chat(ctx, m.ChatID)
	if err != nil {
		return c, err
	}
	return c, advanceDelivery(ctx, tx, now, c, m, us...)
}

// advanceDelivery moves the delivery status of m, a message of chat c,
// forward by each update, never back, and when it moved stores it and tells
// the chat's agents, once.
func advanceDelivery(ctx context.Context, tx parley.Tx, now time.Time, c parley.Chat, m parley.Message, us ...parley.StatusUpdate) error {
	moved := false
	for _, u := range us {
		if m.Delivery.Advances(u.Status) {
			m.Delivery, m.DeliveryReason, moved = u.Status, u.Reason, true
		}
	}
	if !moved {
		return nil
	}
	if err := tx.SetDelivery(ctx, m.ID, m.Delivery, m.DeliveryReason); err != nil {
		return err
	}
	emit(tx, now, parley.ChatEvent(parley.EventMessageUpdated, chatAudience, c, chatAgent(c), m))
	return nil
}

// emitMessageUpdated sends the message again to whom its chat concerns.
func (s *Service) emitMessageUpdated(ctx context.Context, tx parley.Tx, now time.Time, m parley.Message) error {
	c, err := tx.Chat(ctx, m.ChatID)
	if err != nil {
		return err
	}
	emit(tx, now, parley.ChatEvent(parley.EventMessageUpdated, chatAudience, c, chatAgent(c), m))
	return nil
}
