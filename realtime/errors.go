package realtime

import (
	"errors"
	"fmt"
)

// ErrRestart closes subscriptions when the hub shuts down; clients reconnect, to this
// node or another, and resume from their last id.
var ErrRestart = errors.New("realtime: server restarting")

// ErrTooSlow closes a subscription whose queue grew past HubOptions.MaxPending.
var ErrTooSlow = errors.New("realtime: subscriber too slow")

// ErrRevoked closes the subscriptions of an agent who was deactivated: what they
// could see is no longer theirs, and reconnecting fails until they may log in again.
var ErrRevoked = errors.New("realtime: access revoked")

// ErrViewChanged closes the subscriptions of an agent whose role or rooms
// changed: what they may see must be read afresh, so they reconnect and resume.
var ErrViewChanged = errors.New("realtime: rights changed")

// ErrClosed is the state of a subscription its owner closed.
var ErrClosed = errors.New("realtime: subscription closed")

// ResyncError says the client is too far behind (or ahead) to be caught up from the
// log: it must reload its lists by REST and reconnect from LastID.
type ResyncError struct {
	LastID int64
}

// Error says where to resume from.
func (e *ResyncError) Error() string {
	return fmt.Sprintf("realtime: resync needed, resume from event %d", e.LastID)
}
