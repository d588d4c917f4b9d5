package parley

import "context"

// ReadAhead names what a write is about to read, so that a store which commits
// many writes in one transaction may read it for all of them in one statement.
// It is only a hint: the write still reads through its Tx and sees the same
// rows, including the changes made before it in the same transaction.
type ReadAhead struct {
	// OpenChatOf is an identity whose open chat the write reads (Tx.OpenChat).
	OpenChatOf int64
}

type readAheadKey struct{}

// WithReadAhead returns ctx carrying r for the store's Write.
func WithReadAhead(ctx context.Context, r ReadAhead) context.Context {
	return context.WithValue(ctx, readAheadKey{}, r)
}

// ReadAheadOf returns the hint ctx carries, if any.
func ReadAheadOf(ctx context.Context) ReadAhead {
	r, _ := ctx.Value(readAheadKey{}).(ReadAhead)
	return r
}
