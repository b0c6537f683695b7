// Package main covers a named struct global with a mutex field: reg.mu
// guards reg.names, accessed from plain functions (not methods), so reg.mu
// is a global lock. other, a second registry touched by one goroutine only,
// is the silent twin.
package main

import "sync"

type registry struct {
	mu    sync.Mutex
	names []string
}

var reg registry // want `^reg\.mu guards reg\.names, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`

var other registry // ok: only the goroutine started in main touches other.names

func add(name string) {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	reg.names = append(reg.names, name)
}

func addOther(name string) {
	other.mu.Lock()
	defer other.mu.Unlock()
	other.names = append(other.names, name)
}

func main() {
	go func() {
		add("a")
		addOther("a")
	}()
	add("b")
}
