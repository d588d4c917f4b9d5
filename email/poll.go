package email

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"parley"
)

// maxRaw caps the size of a message read whole; a larger one is passed on
// with its header and a note in place of its content.
const maxRaw = 100 << 20

// maxFailedInRow ends a poll whose takes keep failing: the store is more
// likely down than every message bad, and the next poll retries them all.
const maxFailedInRow = 5

// Poll reads the folder's unseen messages, oldest first, hands each to take
// and marks it \Seen only once take succeeded, so a message whose take
// failed is read again by the next poll. One poll takes at most MaxPoll.
func (p *Provider) Poll(ctx context.Context, ch parley.Channel, take func(context.Context, parley.Inbound) error) error {
	mb, err := mailboxOf(ch)
	if err != nil {
		return err
	}
	c, conn, stop, err := p.openIMAP(ctx, mb)
	if err != nil {
		return err
	}
	defer stop()
	defer c.Close()
	uids, err := p.unseen(c, conn, mb)
	if err != nil {
		return err
	}
	var failed []error
	inRow := 0
	for _, uid := range uids {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw, size, err := p.fetch(c, conn, uid)
		if err != nil {
			return err
		}
		if size < 0 {
			continue // deleted by another client since the search
		}
		if err := take(ctx, readMessage(raw, size, mb.address)); err != nil {
			failed = append(failed, fmt.Errorf("message uid %d: %w", uid, err))
			if inRow++; inRow == maxFailedInRow {
				break
			}
			continue
		}
		inRow = 0
		if err := p.markSeen(c, conn, uid); err != nil {
			return err
		}
	}
	p.deadline(conn)
	_ = c.Logout().Wait()
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d messages not taken, left unseen: %w", len(failed), len(uids), errors.Join(failed...))
	}
	return nil
}

// readMessage is a raw message as the core takes it, unreadable or not; one
// larger than maxRaw was cut, and only its header is used.
func readMessage(raw []byte, size int64, address string) parley.Inbound {
	in, err := Parse(raw, address)
	if size > maxRaw {
		in.Text = fmt.Sprintf("(a message of %d MiB, too large to read)", size>>20)
		in.Original, in.Media = "", nil
		return in
	}
	if err != nil {
		return unreadableInbound(in, raw)
	}
	return in
}

// openIMAP connects with the mailbox's security, logs in and selects the folder.
func (p *Provider) openIMAP(ctx context.Context, mb mailbox) (*imapclient.Client, net.Conn, func() bool, error) {
	if mb.imapAddr == "" {
		return nil, nil, nil, parley.Errorf(parley.CodeInvalid, "the mailbox has no IMAP server")
	}
	conn, stop, err := p.dial(ctx, mb.imapAddr, mb.imapSecurity)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("imap: %w", err)
	}
	p.deadline(conn)
	opts := &imapclient.Options{TLSConfig: p.tlsFor(mb.imapAddr)}
	var c *imapclient.Client
	if mb.imapSecurity == securitySTARTTLS {
		c, err = imapclient.NewStartTLS(conn, opts)
	} else {
		c = imapclient.New(conn, opts)
		err = c.WaitGreeting()
	}
	if err == nil {
		err = c.Login(mb.username, mb.password).Wait()
		if err != nil {
			err = fmt.Errorf("login as %s: %w", mb.username, err)
		}
	}
	if err == nil {
		p.deadline(conn)
		_, err = c.Select(mb.folder, nil).Wait()
	}
	if err != nil {
		if c != nil {
			c.Close()
		}
		conn.Close()
		stop()
		return nil, nil, nil, fmt.Errorf("imap %s: %w", mb.imapAddr, err)
	}
	return c, conn, stop, nil
}

// unseen are the UIDs of the unseen messages, oldest first, at most MaxPoll.
func (p *Provider) unseen(c *imapclient.Client, conn net.Conn, mb mailbox) ([]imap.UID, error) {
	p.deadline(conn)
	data, err := c.UIDSearch(&imap.SearchCriteria{NotFlag: []imap.Flag{imap.FlagSeen}}, nil).Wait()
	if err != nil {
		return nil, fmt.Errorf("imap search %s: %w", mb.folder, err)
	}
	uids := data.AllUIDs()
	if len(uids) > p.cfg.MaxPoll {
		uids = uids[:p.cfg.MaxPoll]
	}
	return uids, nil
}

// fetch reads one message whole, BODY.PEEK[] so that reading it does not
// mark it seen, and tells its size: -1 when it is gone, more than maxRaw
// when raw holds only its first maxRaw bytes.
func (p *Provider) fetch(c *imapclient.Client, conn net.Conn, uid imap.UID) (raw []byte, size int64, err error) {
	p.deadlineFor(conn, maxRaw>>16*time.Second) // up to 100 MiB at 64 KiB/s
	cmd := c.Fetch(imap.UIDSetNum(uid), &imap.FetchOptions{
		UID: true, BodySection: []*imap.FetchItemBodySection{{Peek: true}},
	})
	size = -1
	for msg := cmd.Next(); msg != nil && err == nil; msg = cmd.Next() {
		for item := msg.Next(); item != nil && err == nil; item = msg.Next() {
			sec, ok := item.(imapclient.FetchItemDataBodySection)
			if !ok || sec.Literal == nil {
				continue
			}
			size = sec.Literal.Size()
			raw, err = io.ReadAll(io.LimitReader(sec.Literal, maxRaw))
		}
	}
	if cerr := cmd.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, 0, fmt.Errorf("imap fetch uid %d: %w", uid, err)
	}
	return raw, size, nil
}

// markSeen sets \Seen on a message taken.
func (p *Provider) markSeen(c *imapclient.Client, conn net.Conn, uid imap.UID) error {
	p.deadline(conn)
	err := c.Store(imap.UIDSetNum(uid), &imap.StoreFlags{
		Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagSeen},
	}, nil).Close()
	if err != nil {
		return fmt.Errorf("imap store \\Seen on uid %d: %w", uid, err)
	}
	return nil
}
