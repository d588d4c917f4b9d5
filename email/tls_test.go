package email

import (
	"context"
	"errors"
	"testing"

	"parley"
	"parley/email/emailtest"
)

// Both servers are read and written over implicit TLS and STARTTLS, and a
// certificate the client does not trust stops both.
func TestSecurity(t *testing.T) {
	for _, security := range []string{"tls", "starttls"} {
		t.Run(security, func(t *testing.T) {
			imapSrv := emailtest.StartIMAPTLS(t, testAddress, "secret", security)
			smtpSrv := emailtest.StartSMTPTLS(t, security)
			ch := emailtest.Channel(testAddress, "secret", imapSrv, smtpSrv)
			ch.Settings["imap_security"], ch.Settings["smtp_security"] = security, security
			imapSrv.Deliver(readTestdata(t, "plain.eml"))
			ctx, out := context.Background(), parley.Outbound{ChatID: 1, To: "a@customer.example", Text: "hi"}

			untrusting := New(nil)
			_, err := untrusting.Send(ctx, ch, out)
			var de *parley.DeliveryError
			if !errors.As(err, &de) || !de.Temporary {
				t.Errorf("Send to an untrusted server = %v", err)
			}
			if err := untrusting.Poll(ctx, ch, (&taker{}).take); err == nil {
				t.Error("Poll of an untrusted server succeeded")
			}

			p := New(&Config{TLS: emailtest.ClientTLS()})
			if _, err := p.Send(ctx, ch, out); err != nil {
				t.Fatalf("Send: %v", err)
			}
			if got := smtpSrv.Received(); len(got) != 1 || got[0].Auth != testAddress {
				t.Errorf("received %+v", got)
			}
			tk := &taker{}
			if err := p.Poll(ctx, ch, tk.take); err != nil || len(tk.got) != 1 || imapSrv.Unseen() != 0 {
				t.Errorf("Poll = %v, took %d, %d unseen", err, len(tk.got), imapSrv.Unseen())
			}
		})
	}
}
