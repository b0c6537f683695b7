// Package main covers a func parameter that a helper calls in place and
// also captures in a closure (caddy's internal.WithBindCapability): the
// closure makes SSA spill the parameter to a cell, and the call in place
// loads it from there. bind still calls its parameter in place, under
// the locks its callers hold: openFD's callback writes fds holding fdMu.
// Silent. The twin, leakFD, calls bind holding nothing: reported.
package main

import "sync"

var (
	fdMu sync.Mutex // want `^fdMu guards fds, shared by main, goroutine started in openFD and 2 more; give it one owner goroutine reached over a channel$`
	fds  = map[string]int{}
)

// bind calls listen, and if that fails, calls it again on a goroutine
// it waits for.
func bind(listen func() error) error {
	err := listen()
	if err == nil {
		return nil
	}
	ch := make(chan error, 1)
	go func() { ch <- listen() }()
	return <-ch
}

func openFD(k string) {
	fdMu.Lock()
	defer fdMu.Unlock()
	bind(func() error {
		fds[k]++ // ok: bind calls the callback in place, and openFD holds fdMu around it
		return nil
	})
}

func leakFD(k string) {
	bind(func() error {
		fds[k]-- // want `^fds written without holding fdMu; main also accesses it$`
		return nil
	})
}

func resetFDs() {
	fdMu.Lock()
	clear(fds)
	fdMu.Unlock()
}

func serve(k string) {
	openFD(k)
	leakFD(k)
	resetFDs()
}

func main() {
	go serve("a")
	serve("b")
}
