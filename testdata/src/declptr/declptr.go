// Package main covers the shape `var x = &T{}`: srv points at a server
// value that holds both the lock and the map. srv is never reassigned, so
// srv.mu is a global lock; the report names it by its path from srv and sits
// on srv's declaration. The accesses are in plain functions, not methods
// (methods would make srv.mu an instance lock). idle, the same shape used by
// one goroutine only, is the silent twin.
package main

import "sync"

type server struct {
	mu    sync.Mutex
	conns map[string]int
}

var srv = &server{conns: map[string]int{}} // want `^srv\.mu guards srv\.conns, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`

var idle = &server{conns: map[string]int{}} // ok: only the goroutine started in main touches idle.conns

func connect(addr string) {
	srv.mu.Lock()
	srv.conns[addr]++
	srv.mu.Unlock()
}

func park(addr string) {
	idle.mu.Lock()
	idle.conns[addr]++
	idle.mu.Unlock()
}

func main() {
	go func() {
		connect("a")
		park("a")
	}()
	connect("b")
}
