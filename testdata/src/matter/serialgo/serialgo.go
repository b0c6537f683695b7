// Package main (serialgo) is serialtest with a goroutine that touches
// nothing, so that the package is analysed: main and the test functions
// still form one thread of control (DESIGN §5 "Test files": test
// functions are caller-context entries), so cache, written by both under
// an instance lock, is not shared and nothing is reported.
package main

import "sync"

var (
	mu    sync.Mutex // ok: test files never make a global shared
	count int
	total int
)

func inc() {
	mu.Lock()
	count++
	total += 2
	mu.Unlock()
}

var cache = map[string]int{}

type store struct{ mu sync.Mutex }

func main() {
	go println("worker") // a context that touches nothing: the package is analysed
	inc()
	var s store
	s.mu.Lock()
	cache["main"]++ // ok: main and the tests are one thread of control
	s.mu.Unlock()
}
