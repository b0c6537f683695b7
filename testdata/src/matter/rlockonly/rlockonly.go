// Package main covers a package whose code all runs in one context: no
// go statement, handler, parallel test or imported start, so nothing is
// shared, and chanown may skip it before building SSA (package main
// exports no facts either). A write under a read lock is reported all the
// same (DESIGN §2 rlockwrite needs no context evidence), so the package
// must not be skipped. Its twin, lockonly, has no read lock and is silent.
package main

import "sync"

var (
	mu    sync.RWMutex
	hits  map[string]int
	names []string
)

func hit(k string) {
	mu.RLock()
	hits[k]++ // want `^hits written while mu is only read-locked$`
	mu.RUnlock()
}

func add(n string) {
	mu.Lock()
	names = append(names, n) // ok: write-held
	mu.Unlock()
}

func count(k string) int {
	mu.RLock()
	defer mu.RUnlock()
	return hits[k] // ok: a read under a read lock
}

func main() {
	hit("a")
	add("b")
	println(count("a"))
}
