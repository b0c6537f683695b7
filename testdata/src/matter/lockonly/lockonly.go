// Package main is rlockonly's twin without a read lock: one context,
// nothing shared, nothing to report (and no SSA needed).
package main

import "sync"

var (
	mu   sync.RWMutex
	hits map[string]int
)

func hit(k string) {
	mu.Lock()
	hits[k]++ // ok: write-held, and only one context
	mu.Unlock()
}

func peek(k string) int {
	return hits[k] // ok: main alone shares nothing
}

func main() {
	hit("a")
	println(peek("a"))
}
