package core

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"parley"
)

// ChannelTypes describes every messenger type this server can connect.
func (s *Service) ChannelTypes() []parley.ProviderSpec {
	out := []parley.ProviderSpec{}
	for _, p := range s.cfg.Providers {
		out = append(out, p.Spec())
	}
	slices.SortFunc(out, func(a, b parley.ProviderSpec) int { return strings.Compare(string(a.Type), string(b.Type)) })
	return out
}

// applyProviderPatch merges settings, secrets and templates into c and checks
// that what the provider requires is there.
func (s *Service) applyProviderPatch(c *parley.Channel, p ChannelPatch) error {
	if c.Type == parley.ChannelWebchat {
		if len(p.Settings)+len(p.Secrets) > 0 || p.Templates != nil {
			return parley.Errorf(parley.CodeInvalid, "a widget channel has no provider settings")
		}
		return nil
	}
	spec := s.spec(c.Type)
	var err error
	if c.Settings, err = mergeSettings(c.Settings, p.Settings, spec.Settings, "setting"); err != nil {
		return err
	}
	if c.Secrets, err = mergeSettings(c.Secrets, p.Secrets, spec.Secrets, "secret"); err != nil {
		return err
	}
	if p.Templates != nil {
		if err := checkTemplates(*p.Templates); err != nil {
			return err
		}
		c.Templates = *p.Templates
	}
	if err := requireSettings(c.Settings, spec.Settings, c.Type); err != nil {
		return err
	}
	return requireSettings(c.Secrets, spec.Secrets, c.Type)
}

// requireSettings refuses a channel that lacks a required key of the list.
func requireSettings(values map[string]string, list []parley.SettingSpec, t parley.ChannelType) error {
	for _, k := range list {
		if k.Required && k.Default == "" && values[k.Key] == "" {
			return parley.Errorf(parley.CodeInvalid, "%s is required for a %s channel", k.Key, t)
		}
	}
	return nil
}

// mergeSettings applies a patch of known keys to a settings map.
func mergeSettings(into, patch map[string]string, known []parley.SettingSpec, what string) (map[string]string, error) {
	out := maps.Clone(into)
	if out == nil {
		out = map[string]string{}
	}
	for k, v := range patch {
		if !slices.ContainsFunc(known, func(s parley.SettingSpec) bool { return s.Key == k }) {
			return nil, parley.Errorf(parley.CodeInvalid, "unknown %s %q", what, k)
		}
		v = strings.TrimSpace(v)
		if len(v) > 4096 || !utf8.ValidString(v) {
			return nil, parley.Errorf(parley.CodeInvalid, "%s %q must be valid text of at most 4096 bytes", what, k)
		}
		if v == "" {
			delete(out, k)
			continue
		}
		out[k] = v
	}
	return out, nil
}

func checkTemplates(ts []parley.MessageTemplate) error {
	if len(ts) > 200 {
		return parley.Errorf(parley.CodeInvalid, "at most 200 templates")
	}
	for i, t := range ts {
		if t.Name == "" || t.Language == "" || len(t.Name) > 512 || len(t.Body) > 4096 {
			return parley.Errorf(parley.CodeInvalid, "each template needs a name and a language, and a body of at most 4096 bytes")
		}
		if slices.ContainsFunc(ts[:i], func(o parley.MessageTemplate) bool { return o.Name == t.Name && o.Language == t.Language }) {
			return parley.Errorf(parley.CodeInvalid, "template %q in %q is listed twice", t.Name, t.Language)
		}
	}
	return nil
}

// ConnectChannel registers the channel's webhook, baseURL followed by its
// path, with the provider (Telegram setWebhook, Viber set_webhook).
func (s *Service) ConnectChannel(ctx context.Context, by parley.Agent, id int64, baseURL string) (string, error) {
	if err := requireAdmin(by); err != nil {
		return "", err
	}
	ch, err := s.store.Channel(ctx, id)
	if err != nil {
		return "", err
	}
	prov, err := s.provider(ch.Type)
	if err != nil {
		return "", err
	}
	if !strings.HasPrefix(baseURL, "https://") && !strings.HasPrefix(baseURL, "http://") {
		return "", parley.Errorf(parley.CodeInvalid, "base_url must be the server's public http(s) address")
	}
	if ch.HookPath() == "" {
		return "", parley.Errorf(parley.CodeConflict, "a %s channel has no webhook", ch.Type)
	}
	url := strings.TrimRight(baseURL, "/") + ch.HookPath()
	if err := prov.Connect(ctx, ch, url); err != nil {
		if errors.Is(err, parley.ErrNoConnect) {
			return url, parley.Errorf(parley.CodeConflict, "%s", err.Error())
		}
		var pe *parley.Error
		if errors.As(err, &pe) {
			return url, err
		}
		return url, parley.Errorf(parley.CodeConflict, "the provider did not take the webhook: %v", err)
	}
	return url, nil
}
