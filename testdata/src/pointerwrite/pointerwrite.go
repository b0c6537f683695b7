// Package main covers writes one pointer away: resetting a field of each
// *conn in the slice conns (`for _, c := range conns { c.idle = 0 }`) is a
// write to conns, so conns has a non-initialisation write and mu guards it
// (reported). conns2 is only read after initialisation, directly and one
// pointer away, so mu2 guards nothing (silent twin).
package main

import "sync"

type conn struct {
	name string
	idle int
}

var (
	mu    sync.Mutex // want `^mu guards conns, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	conns = []*conn{{name: "a"}, {name: "b"}}

	mu2    sync.Mutex // ok: conns2 and its conns are never written after initialisation
	conns2 = []*conn{{name: "a"}, {name: "b"}}
)

func resetIdle() {
	mu.Lock()
	defer mu.Unlock()
	for _, c := range conns {
		c.idle = 0
	}
}

func idleTotal() int {
	mu.Lock()
	defer mu.Unlock()
	n := 0
	for _, c := range conns {
		n += c.idle
	}
	return n
}

func nameLen() int {
	mu2.Lock()
	defer mu2.Unlock()
	n := 0
	for _, c := range conns2 {
		n += len(c.name) + c.idle
	}
	return n
}

func main() {
	go func() {
		resetIdle()
		_ = nameLen()
	}()
	_ = idleTotal()
	_ = nameLen()
}
