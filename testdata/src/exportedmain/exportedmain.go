// Package main covers -exported on a main package: library mode affects
// non-main packages only, so main stays a single caller context and its
// exported functions are not entry points. main starts an unrelated
// goroutine first, so its accesses are not initialisation. Analysed with
// -exported, still silent; package exportedon is the non-main twin.
package main

import "sync"

var (
	mu      sync.Mutex // ok: -exported does not make main's caller context multiple
	entries = map[string]string{}
)

// Put stores v under k.
func Put(k, v string) {
	mu.Lock()
	defer mu.Unlock()
	entries[k] = v
}

// Get returns the value stored under k.
func Get(k string) string {
	mu.Lock()
	defer mu.Unlock()
	return entries[k]
}

func tick() {}

func main() {
	go tick()
	Put("a", "1")
	println(Get("a"))
}
