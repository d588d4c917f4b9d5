// Package metahook checks the webhooks Meta sends for WhatsApp Cloud API and
// Messenger: the subscription handshake and the body's HMAC signature.
package metahook

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"net/http"
	"strings"

	"parley"
)

// Handshake answers Meta's subscription check, GET ?hub.mode=subscribe&
// hub.verify_token=…&hub.challenge=…, with the raw challenge when the token
// matches. ok is false when req is not a handshake at all.
func Handshake(req parley.WebhookRequest, verifyToken string) (challenge string, ok bool, err error) {
	if req.Method != http.MethodGet {
		return "", false, nil
	}
	q := req.Query
	if q.Get("hub.mode") != "subscribe" || verifyToken == "" ||
		!hmac.Equal([]byte(q.Get("hub.verify_token")), []byte(verifyToken)) {
		return "", true, parley.Errorf(parley.CodeForbidden, "the verify token does not match")
	}
	return q.Get("hub.challenge"), true, nil
}

// Verify checks X-Hub-Signature-256 (or the older X-Hub-Signature with SHA-1)
// against the app secret, on the raw body, in constant time.
func Verify(req parley.WebhookRequest, appSecret string) error {
	if appSecret == "" {
		return parley.Errorf(parley.CodeForbidden, "the channel has no app secret to check signatures with")
	}
	sig, newHash := req.Header.Get("X-Hub-Signature-256"), sha256.New
	prefix := "sha256="
	if sig == "" {
		sig, newHash, prefix = req.Header.Get("X-Hub-Signature"), func() hash.Hash { return sha1.New() }, "sha1="
	}
	got, err := hex.DecodeString(strings.TrimPrefix(sig, prefix))
	if err != nil || !strings.HasPrefix(sig, prefix) {
		return parley.Errorf(parley.CodeForbidden, "the signature is missing or malformed")
	}
	mac := hmac.New(newHash, []byte(appSecret))
	mac.Write(req.Body)
	if !hmac.Equal(got, mac.Sum(nil)) {
		return parley.Errorf(parley.CodeForbidden, "the signature does not match")
	}
	return nil
}

// Sign returns the X-Hub-Signature-256 value for body, as Meta computes it;
// fakes and the load tool sign their deliveries with it.
func Sign(body []byte, appSecret string) string {
	mac := hmac.New(sha256.New, []byte(appSecret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Read handles one delivery to a Meta webhook: it answers the subscription
// handshake (handshake true, reply the challenge), or checks the signature and
// decodes the body into n, whose name (what) a malformed body's error says.
func Read(req parley.WebhookRequest, verifyToken, appSecret string, n any, what string) (reply string, handshake bool, err error) {
	challenge, isHandshake, err := Handshake(req, verifyToken)
	if isHandshake {
		return challenge, true, err
	}
	if err := Verify(req, appSecret); err != nil {
		return "", false, err
	}
	if err := json.Unmarshal(req.Body, n); err != nil {
		return "", false, parley.Errorf(parley.CodeMalformed, "%s is not valid JSON: %v", what, err)
	}
	return "", false, nil
}
