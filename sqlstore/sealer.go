package sqlstore

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"
)

// sealedPrefix marks a sealed value; the version lets the scheme change later.
const sealedPrefix = "sealed:v1:"

// sealer encrypts channel secrets at rest with AES-256-GCM, so that a copy of
// the database (a backup, a dump) does not hold providers' credentials in
// clear. A nil sealer stores them as they are: the key is optional, and a
// laptop install needs none.
type sealer struct{ aead cipher.AEAD }

// newSealer makes the sealer of a 32-byte key; nil for no key.
func newSealer(key []byte) (*sealer, error) {
	if len(key) == 0 {
		return nil, nil
	}
	if len(key) != 32 {
		return nil, fmt.Errorf("sqlstore: the secrets key must be 32 bytes, not %d", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: secrets key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: secrets key: %w", err)
	}
	return &sealer{aead: aead}, nil
}

// seal returns plain sealed, or as it is without a key.
func (s *sealer) seal(plain string) string {
	if s == nil {
		return plain
	}
	nonce := make([]byte, s.aead.NonceSize())
	_, _ = rand.Read(nonce) // crypto/rand never fails on Linux
	return sealedPrefix + base64.StdEncoding.EncodeToString(s.aead.Seal(nonce, nonce, []byte(plain), nil))
}

// open returns what seal sealed; a value stored before a key was set is
// returned as it is, and sealed again at its next write.
func (s *sealer) open(stored string) (string, error) {
	enc, sealed := strings.CutPrefix(stored, sealedPrefix)
	if !sealed {
		return stored, nil
	}
	if s == nil {
		return "", fmt.Errorf("channel secrets are sealed: start the server with its --secrets-key")
	}
	raw, err := base64.StdEncoding.DecodeString(enc)
	n := s.aead.NonceSize()
	if err != nil || len(raw) < n {
		return "", fmt.Errorf("a sealed channel secret is damaged")
	}
	plain, err := s.aead.Open(nil, raw[:n], raw[n:], nil)
	if err != nil {
		return "", fmt.Errorf("channel secrets do not open with this --secrets-key")
	}
	return string(plain), nil
}
