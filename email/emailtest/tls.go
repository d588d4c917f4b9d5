package emailtest

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http/httptest"
	"testing"
)

// serverTLS is a TLS configuration with net/http/httptest's certificate,
// which is valid for 127.0.0.1.
func serverTLS() (*tls.Config, *x509.Certificate) {
	ts := httptest.NewTLSServer(nil)
	defer ts.Close()
	return &tls.Config{Certificates: ts.TLS.Certificates}, ts.Certificate()
}

// ClientTLS is the TLS configuration that trusts the servers started with
// StartIMAPTLS and StartSMTPTLS (email.Config.TLS).
func ClientTLS() *tls.Config {
	_, cert := serverTLS()
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{RootCAs: pool}
}

// listen opens a listener on 127.0.0.1, under TLS for security "tls".
func listen(t testing.TB, security string, cfg *tls.Config) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("emailtest: %v", err)
	}
	if security == "tls" {
		return tls.NewListener(ln, cfg)
	}
	return ln
}
