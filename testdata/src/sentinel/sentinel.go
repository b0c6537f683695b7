// Package main covers globals that are read under a lock but never written
// after initialisation: a sentinel error of this package and os.Stderr are
// not guarded data, so muA guards nothing (silent). The twin, lastErr, is
// written under muB at run time (reported).
package main

import (
	"errors"
	"fmt"
	"os"
	"sync"
)

var errClosed = errors.New("closed")

var (
	muA    sync.Mutex // ok: errClosed, closed and os.Stderr are never written after initialisation
	closed bool

	muB     sync.Mutex // want `^muB guards lastErr, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	lastErr error
)

func check() error {
	muA.Lock()
	defer muA.Unlock()
	fmt.Fprintln(os.Stderr, "check")
	if closed {
		return errClosed
	}
	return nil
}

func fail(err error) {
	muB.Lock()
	lastErr = err
	muB.Unlock()
}

func failed() bool {
	muB.Lock()
	defer muB.Unlock()
	return lastErr != nil
}

func main() {
	go func() {
		_ = check()
		fail(errClosed)
	}()
	_ = check()
	_ = failed()
}
