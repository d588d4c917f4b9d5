package core

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"

	"parley"
)

const settingVisitorKey = "visitor_token_key"

// loadSecret returns the random secret kept under key, creating it on first use.
// The first node to create it wins; every other node reads the same value.
func (s *Service) loadSecret(ctx context.Context, key string) ([]byte, error) {
	var stored string
	err := s.store.Write(ctx, func(tx parley.Tx) error {
		v, err := tx.Setting(ctx, key)
		if err == nil {
			stored = v
			return nil
		}
		if !parley.IsCode(err, parley.CodeNotFound) {
			return err
		}
		stored = base64.RawURLEncoding.EncodeToString(randomBytes(32))
		return tx.SetSetting(ctx, key, stored)
	})
	if err != nil {
		return nil, fmt.Errorf("load secret %s: %w", key, err)
	}
	return base64.RawURLEncoding.DecodeString(stored)
}

// randomBytes returns n bytes from the system's secure source; crypto/rand never fails on Linux.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

// randomToken returns a URL-safe random string of n bytes of entropy.
func randomToken(n int) string { return base64.RawURLEncoding.EncodeToString(randomBytes(n)) }
