package loadgen

import (
	"fmt"
	"syscall"
)

// fileMargin is what a process needs beyond its sockets: HTTP connections,
// standard streams, the executable.
const fileMargin = 64

// openFilesLimit returns this process's open-files limit. Go raises the soft limit
// to the hard one at start, so the soft limit is what there is.
func openFilesLimit() (uint64, error) {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil {
		return 0, fmt.Errorf("reading the open-files limit: %w", err)
	}
	return rl.Cur, nil
}

// checkOpenFiles fails, saying so plainly, when this process cannot hold n sockets.
func checkOpenFiles(n int) error {
	limit, err := openFilesLimit()
	if err != nil {
		return err
	}
	if need := uint64(n + fileMargin); need > limit {
		return fmt.Errorf("this process may open %d files (ulimit -n) but needs %d for %d websockets: raise ulimit -n or spread the connections over more processes", limit, need, n)
	}
	return nil
}
