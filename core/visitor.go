package core

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"parley"
)

// VisitorAuth is a widget visitor proven by their token.
type VisitorAuth struct {
	ChannelID  int64
	IdentityID int64
}

// Viewer returns what the visitor may see: their own chats only.
func (v VisitorAuth) Viewer() parley.Viewer { return parley.Viewer{IdentityID: v.IdentityID} }

// The visitor token is "channel.identity.signature", signed with the key in settings,
// so any node can check it without a database read and a visitor cannot forge another's.
func (s *Service) visitorToken(v VisitorAuth) string {
	payload := strconv.FormatInt(v.ChannelID, 10) + "." + strconv.FormatInt(v.IdentityID, 10)
	return payload + "." + s.sign(payload)
}

func (s *Service) sign(payload string) string {
	mac := hmac.New(sha256.New, s.visitorKey)
	mac.Write([]byte("visitor:" + payload))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// AuthenticateVisitor checks a visitor token.
func (s *Service) AuthenticateVisitor(token string) (VisitorAuth, error) {
	bad := parley.Errorf(parley.CodeUnauthorized, "the visitor token is not valid")
	i := strings.LastIndexByte(token, '.')
	if i < 0 || !hmac.Equal([]byte(s.sign(token[:i])), []byte(token[i+1:])) {
		return VisitorAuth{}, bad
	}
	ch, id, ok := strings.Cut(token[:i], ".")
	var v VisitorAuth
	var err1, err2 error
	v.ChannelID, err1 = strconv.ParseInt(ch, 10, 64)
	v.IdentityID, err2 = strconv.ParseInt(id, 10, 64)
	if !ok || err1 != nil || err2 != nil {
		return VisitorAuth{}, bad
	}
	return v, nil
}

// VisitorStart opens (or resumes, with Token) a widget visitor's session.
type VisitorStart struct {
	Key     string            `json:"key"`
	Token   string            `json:"token,omitempty"`
	Visitor parley.Visitor    `json:"visitor"`
	Fields  map[string]string `json:"fields,omitempty"` // pre-chat answers: name, email, phone, others
}

// WidgetChannel is what the widget may know of its channel.
type WidgetChannel struct {
	Name           string                `json:"name"`
	WelcomeMessage string                `json:"welcome_message"`
	PrechatFields  []parley.PrechatField `json:"prechat_fields"`
}

// VisitorSession is a started widget session.
type VisitorSession struct {
	Token      string            `json:"token"`
	IdentityID int64             `json:"identity_id"`
	Channel    WidgetChannel     `json:"channel"`
	Chat       *parley.Chat      `json:"chat,omitempty"` // the open chat, if any
	Limits     parley.FileLimits `json:"limits"`
}

// StartVisitor matches the visitor's identity or creates it with a contact (R3.1),
// and stores what the browser told about the visit (R3.6).
func (s *Service) StartVisitor(ctx context.Context, in VisitorStart) (VisitorSession, error) {
	if err := checkFields(in.Fields); err != nil {
		return VisitorSession{}, err
	}
	ch, err := s.store.ChannelByKey(ctx, in.Key)
	if err != nil {
		return VisitorSession{}, err
	}
	if !ch.Active {
		return VisitorSession{}, parley.Errorf(parley.CodeForbidden, "this chat channel is switched off")
	}
	var known *VisitorAuth
	if in.Token != "" {
		if v, err := s.AuthenticateVisitor(in.Token); err == nil && v.ChannelID == ch.ID {
			known = &v
		}
	}
	var out VisitorSession
	err = s.write(ctx, func(tx parley.Tx, now time.Time) error {
		ident, err := s.visitorIdentity(ctx, tx, now, ch, known, in)
		if err != nil {
			return err
		}
		out = VisitorSession{Token: s.visitorToken(VisitorAuth{ChannelID: ch.ID, IdentityID: ident.ID}), IdentityID: ident.ID,
			Channel: WidgetChannel{Name: ch.Name, WelcomeMessage: ch.WelcomeMessage, PrechatFields: ch.PrechatFields},
			Limits:  s.FileLimits()}
		if c, err := tx.OpenChat(ctx, ident.ID); err == nil {
			out.Chat = &c
		} else if !parley.IsCode(err, parley.CodeNotFound) {
			return err
		}
		return nil
	})
	return out, err
}

func checkFields(fields map[string]string) error {
	if len(fields) > 20 {
		return parley.Errorf(parley.CodeInvalid, "at most 20 pre-chat fields")
	}
	for k, v := range fields {
		if k == "" || len(k) > 64 || len(v) > 1000 {
			return parley.Errorf(parley.CodeInvalid, "pre-chat field %.64q: names up to 64 bytes, values up to 1000", k)
		}
		if k == "email" && v != "" {
			if _, err := parley.NormalizeEmail(v); err != nil {
				return err
			}
		}
	}
	return nil
}

// visitorIdentity returns the known identity with the visit's details merged in, or a new one.
func (s *Service) visitorIdentity(ctx context.Context, tx parley.Tx, now time.Time, ch parley.Channel, known *VisitorAuth, in VisitorStart) (parley.Identity, error) {
	if known != nil {
		ident, err := tx.Identity(ctx, known.IdentityID)
		if err == nil {
			return ident, s.updateVisit(ctx, tx, now, &ident, in.Visitor, in.Fields)
		}
		if !parley.IsCode(err, parley.CodeNotFound) {
			return ident, err
		}
	}
	contact := parley.Contact{CreatedAt: now, UpdatedAt: now}
	if err := tx.CreateContact(ctx, &contact); err != nil {
		return parley.Identity{}, err
	}
	ident := parley.Identity{ContactID: contact.ID, ChannelID: ch.ID, ExternalID: randomToken(16), CreatedAt: now, UpdatedAt: now}
	if err := tx.CreateIdentity(ctx, &ident); err != nil {
		return ident, err
	}
	return ident, s.updateVisit(ctx, tx, now, &ident, in.Visitor, in.Fields)
}

// updateVisit merges what the widget sent into the identity and its contact.
func (s *Service) updateVisit(ctx context.Context, tx parley.Tx, now time.Time, ident *parley.Identity, v parley.Visitor, fields map[string]string) error {
	mergeVisitor(&ident.Visitor, v)
	contact, err := tx.Contact(ctx, ident.ContactID)
	if err != nil {
		return err
	}
	for k, val := range fields {
		val = strings.TrimSpace(val)
		switch k {
		case "name":
			contact.Name, ident.Name = val, val
		case "email":
			contact.Email = strings.ToLower(val)
		case "phone":
			contact.Phone = val
		default:
			if ident.Visitor.Fields == nil {
				ident.Visitor.Fields = map[string]string{}
			}
			ident.Visitor.Fields[k] = val
		}
	}
	if contact.Name == "" {
		contact.Name = fmt.Sprintf("Visitor %d", ident.ID)
	}
	rules, err := duplicateRules(ctx, tx)
	if err != nil {
		return err
	}
	contact.MatchKeys(rules.PhoneRegion)
	contact.UpdatedAt, ident.UpdatedAt = now, now
	if err := tx.UpdateContact(ctx, contact); err != nil {
		return err
	}
	return tx.UpdateIdentity(ctx, *ident)
}

func mergeVisitor(dst *parley.Visitor, src parley.Visitor) {
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&dst.PageURL, src.PageURL}, {&dst.Referrer, src.Referrer}, {&dst.Language, src.Language}, {&dst.UserAgent, src.UserAgent},
		{&dst.TimeZone, clip(src.TimeZone, 64)},
	} {
		if f.src != "" {
			*f.dst = clip(f.src, 2000)
		}
	}
	for k, v := range src.UTM {
		if dst.UTM == nil {
			dst.UTM = map[string]string{}
		}
		if len(dst.UTM) < 10 || dst.UTM[k] != "" {
			dst.UTM[clip(k, 64)] = clip(v, 500)
		}
	}
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}

// UpdateVisit records the visitor's new page, referrer or language (R3.6).
func (s *Service) UpdateVisit(ctx context.Context, v VisitorAuth, visit parley.Visitor, fields map[string]string) (parley.Identity, error) {
	if err := checkFields(fields); err != nil {
		return parley.Identity{}, err
	}
	var out parley.Identity
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		ident, err := tx.Identity(ctx, v.IdentityID)
		if err != nil {
			return err
		}
		out = ident
		return s.updateVisit(ctx, tx, now, &out, visit, fields)
	})
	return out, err
}
